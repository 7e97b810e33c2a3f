"""On open: bring a database back in line with its curation file.

The file can be ahead of the database: a decision cut short by ``kill -9`` between writing the
file and committing the database, a decision made in another explorer while this one ran, an
edit by hand. Every command and the explorer call ``sync`` before reading: if the file's hash
is not the one the database recorded, the curated tables are derived again from the file
(under the file's lock), or, when that cannot be done, a note says so and how to fix it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from filature.curation.apply import BUSY_SECONDS, apply_entries
from filature.curation.database import has_base
from filature.curation.entries import CurationError
from filature.curation.lock import curation_lock, disk_full, temp_prefix
from filature.curation.state import META_SHA, curation_home, digest, read_curation, read_meta
from filature.store.connect import DatabaseProblem, connect_ro


def _meta(db_path: Path) -> tuple[dict[str, str], bool] | None:
    """The database's meta table and whether it holds the uncurated tables (None if it
    cannot be read: the command's own opening reports that)."""
    try:
        conn = connect_ro(db_path, timeout=1)
    except (sqlite3.Error, OSError, DatabaseProblem):
        return None
    try:
        return read_meta(conn), has_base(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def sync(db_path: Path) -> str | None:
    """Derive the curated tables again if the curation file changed since they were derived.

    Returns a one-line note saying what was done, or why the database still shows older
    decisions; None when the file and the database agree (or the database is not a
    curatable filature database, or is a copy, whose decisions are never recorded).
    """
    if not db_path.is_file():
        return None
    found = _meta(db_path)
    if found is None:
        return None
    meta, curatable = found
    home = curation_home(db_path, meta)
    path = home.curation
    if path is None or home.copy_of is not None or not curatable:
        return None
    recorded = meta.get(META_SHA)
    if recorded is None:
        return None  # built before hashes were recorded: nothing is known to be missing
    try:
        if digest(path) == recorded:
            _clean(path)
            return None
    except CurationError as exc:
        return f"The curation file cannot be read ({exc}); the database shows older decisions."
    writable = os.access(db_path, os.W_OK) and os.access(db_path.parent, os.W_OK)
    if not writable or not os.access(path.parent, os.W_OK):
        return (
            f"{path} changed since {db_path} was curated, and the database is read-only: it "
            "shows older decisions. Rebuild it: filature build"
        )
    try:
        with curation_lock(path):
            current = read_curation(path)
            if current.sha256 == _recorded(db_path):
                return None  # another process applied it while we waited
            apply_entries(db_path, current.entries, current.sha256)
    except CurationError as exc:
        return f"The curation file was not applied: {exc}"
    except (sqlite3.Error, OSError) as exc:
        if disk_full(exc):
            return f"Disk full: the decisions of {path} could not be applied to {db_path}."
        if "locked" in str(exc) or "busy" in str(exc):
            return (
                f"{db_path} was busy for over {BUSY_SECONDS:.0f} s: the decisions of {path} "
                "that it lacks were not applied; they will be at the next start."
            )
        return f"The decisions of {path} could not be applied to {db_path} ({exc})."
    count = len(current.entries)
    return (
        f"{path} had changed since the database was last curated (an interrupted decision, "
        f"another explorer or an edit): its {count} decision{'s' if count != 1 else ''} "
        "were applied again."
    )


def _clean(path: Path) -> None:
    """Remove the temporary files of interrupted writes, if any (taking the lock to be sure
    no live writer is using them)."""
    if any(path.parent.glob(temp_prefix(path) + "*")) and os.access(path.parent, os.W_OK):
        try:
            with curation_lock(path):
                pass  # taking the lock removes them
        except CurationError:
            pass  # a writer is busy: its own next write cleans up


def _recorded(db_path: Path) -> str | None:
    found = _meta(db_path)
    return None if found is None else found[0].get(META_SHA)
