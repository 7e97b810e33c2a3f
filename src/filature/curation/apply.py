"""Applying curation entries to a database: the curated tables derived again in one
transaction, waiting at most ``BUSY_SECONDS`` for another writer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from filature.curation.database import derive
from filature.curation.entries import CurationError, Entry
from filature.curation.state import set_digest
from filature.store.connect import harden

BUSY_SECONDS = 5.0


def apply_entries(
    db_path: Path,
    entries: tuple[Entry, ...],
    sha256: str | None = None,
    *,
    skipped: list[str] | None = None,
) -> dict[int, int]:
    """Derive the curated tables of the database at ``db_path`` from ``entries``; with
    ``sha256``, record it as the hash of the curation file applied (same transaction).
    Entries that cannot apply are described in ``skipped``, if given."""
    conn = sqlite3.connect(db_path, timeout=BUSY_SECONDS, isolation_level=None)
    try:
        harden(conn)
        planted = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' LIMIT 1"
        ).fetchone()
        if planted is not None:
            # filature never creates triggers; one here was planted and would run on our writes.
            raise CurationError(
                f"The database holds a trigger ({planted[0]!r}) that filature did not create; "
                "nothing was written. Rebuild it with: filature build"
            )
        conn.execute("BEGIN IMMEDIATE")
        try:
            owner = derive(conn, entries, skipped)
            if sha256 is not None:
                set_digest(conn, sha256)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    return owner
