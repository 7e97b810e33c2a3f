"""Curating an open database: each decision is appended to the curation file and the file is
applied to the database at once; undo and revert remove an entry and apply again.

The curation file is the one the database was built with (``meta.curation_path``), so a
rebuild applies the same decisions. If the file or the database cannot be written, nothing
changes and ``CurationError`` says why.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filature.curation.database import derive, has_base
from filature.curation.edit import append_entry, read_text, remove_entry, write_atomic
from filature.curation.entries import CurationError, Entry, load_curation
from filature.store.connect import harden


def now() -> str:
    """The ``date`` of a decision made now (ISO 8601, seconds, UTC)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_entry(section: str, **data: Any) -> Entry:
    """An entry dated now; keys whose value is None are left out."""
    return Entry(section, {**{k: v for k, v in data.items() if v is not None}, "date": now()})


class CurationSession:
    """The decisions of one app session over the database at ``db_path``."""

    def __init__(self, db_path: Path, conn: sqlite3.Connection) -> None:
        """Find the curation file from the database's meta table (read through ``conn``)."""
        self.db_path = db_path
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        path = meta.get("curation_path")
        if path is None and meta.get("source"):
            path = str(Path(meta["source"]) / "curation.toml")
        self.path: Path | None = Path(path) if path else None
        self.curatable = has_base(conn)
        self.made: list[Entry] = []

    def problem(self) -> str | None:
        """Why decisions cannot be recorded now, or None if they can."""
        if self.path is None:
            return "This database does not name its curation file; rebuild it with filature build."
        if not self.curatable:
            return "This database holds no uncurated entities; rebuild it with filature build."
        folder = self.path.parent
        if not folder.exists():
            return (
                f"The folder {folder} is missing (moved or deleted): no decision can be recorded."
            )
        if not folder.is_dir():
            return f"{folder} is not a folder: no decision can be recorded."
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"The folder {folder} is read-only: no decision can be recorded."
        invalid = self.file_problem()
        if invalid is not None:
            return invalid
        if self.path.exists() and not os.access(self.path, os.W_OK):
            return f"{self.path} is read-only: no decision can be recorded."
        if not os.access(self.db_path, os.W_OK) or not os.access(self.db_path.parent, os.W_OK):
            return f"The database {self.db_path} is read-only: no decision can be applied."
        return None

    def file_problem(self) -> str | None:
        """Why the curation file cannot be read (the explorer then only reads), or None."""
        if self.path is None:
            return None
        try:
            load_curation(self.path)
        except CurationError as exc:
            return (
                f"{exc}. The explorer is read-only until it is fixed (no decision can be "
                f"recorded). Fix: {exc.fix}."
            )
        return None

    def entries(self) -> tuple[Entry, ...]:
        """Every entry of the curation file, in order."""
        return () if self.path is None else load_curation(self.path).entries

    def decide(self, entry: Entry) -> dict[int, int]:
        """Record ``entry`` and apply the file; the map from old to new entity ids."""
        path = self._writable()
        before = read_text(path)
        append_entry(path, entry)
        owner = self._apply_or_restore(path, before)
        self.made.append(entry)
        return owner

    def undo(self) -> tuple[Entry | None, dict[int, int]]:
        """Remove this session's last decision still in the file, and apply the file."""
        path = self._writable()
        entries = load_curation(path).entries
        while self.made:
            entry = self.made.pop()
            matches = [i for i, e in enumerate(entries) if e == entry]
            if matches:
                return entry, self._remove(path, matches[-1], entry)
        return None, {}

    def revert(self, index: int, expected: Entry) -> dict[int, int]:
        """Remove entry number ``index`` (which must be ``expected``) and apply the file."""
        path = self._writable()
        owner = self._remove(path, index, expected)
        if expected in self.made:
            self.made.reverse()
            self.made.remove(expected)
            self.made.reverse()
        return owner

    def apply(self) -> dict[int, int]:
        """Apply the curation file to the database, in one transaction."""
        entries = self.entries()
        return apply_entries(self.db_path, entries)

    def _remove(self, path: Path, index: int, expected: Entry) -> dict[int, int]:
        before = read_text(path)
        remove_entry(path, index, expected)
        return self._apply_or_restore(path, before)

    def _writable(self) -> Path:
        problem = self.problem()
        if problem is not None or self.path is None:
            raise CurationError(problem or "no curation file")
        return self.path

    def _apply_or_restore(self, path: Path, before: str) -> dict[int, int]:
        try:
            return self.apply()
        except (sqlite3.Error, OSError, CurationError) as exc:
            write_atomic(path, before)
            message = f"The database could not be updated ({exc}); nothing changed."
            raise CurationError(message) from exc


def apply_entries(db_path: Path, entries: tuple[Entry, ...]) -> dict[int, int]:
    """Derive the curated tables of the database at ``db_path`` from ``entries``."""
    conn = sqlite3.connect(db_path, timeout=5, isolation_level=None)
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
            owner = derive(conn, entries)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    return owner
