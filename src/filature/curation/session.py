"""Curating an open database: each decision is appended to the curation file and the file is
applied to the database at once; revert removes an entry and applies again; undo takes back
the session's last step, a decision (removed again) or a revert (the entry put back).

The curation file is the one the database was built with (``meta.curation_path``), so a
rebuild applies the same decisions. If the file or the database cannot be written, nothing
changes and ``CurationError`` says why.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filature.curation.database import derive, has_base
from filature.curation.edit import (
    append_entry,
    appended,
    entry_text,
    read_text,
    remove_entry,
    write_atomic,
)
from filature.curation.entries import CurationError, Entry, load_curation, parse_curation
from filature.store.connect import harden


def now() -> str:
    """The ``date`` of a decision made now (ISO 8601, seconds, UTC)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Step:
    """One undoable step of a session: ``entry`` added, or removed from position ``index``
    (then ``before`` and ``after`` are the file's text around the removal)."""

    entry: Entry
    index: int | None = None
    before: str = ""
    after: str = ""

    @property
    def added(self) -> bool:
        """True for a decision made, False for a revert."""
        return self.index is None


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
        self.steps: list[Step] = []
        self.skipped: tuple[str, ...] = ()

    def problem(self) -> str | None:
        """Why decisions cannot be recorded now, or None if they can."""
        if self.path is None:
            return "This database does not name its curation file; rebuild it with filature build."
        if not self.curatable:
            return "This database holds no uncurated entities; rebuild it with filature build."
        folder = self.path.parent
        if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
            return f"The folder {folder} is read-only: no decision can be recorded."
        if self.path.exists() and not os.access(self.path, os.W_OK):
            return f"{self.path} is read-only: no decision can be recorded."
        if not os.access(self.db_path, os.W_OK) or not os.access(self.db_path.parent, os.W_OK):
            return f"The database {self.db_path} is read-only: no decision can be applied."
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
        self.steps.append(Step(entry))
        return owner

    def undo(self) -> tuple[Step | None, dict[int, int]]:
        """Take back this session's last step still possible: remove the last decision made
        (if still in the file) or put a reverted entry back where it was; apply the file."""
        path = self._writable()
        while self.steps:
            step = self.steps.pop()
            if step.added:
                entries = load_curation(path).entries
                matches = [i for i, e in enumerate(entries) if e == step.entry]
                if matches:
                    return step, self._remove(path, matches[-1], step.entry)
            else:
                before = read_text(path)
                write_atomic(path, restored(before, step))
                return step, self._apply_or_restore(path, before)
        return None, {}

    def revert(self, index: int, expected: Entry) -> dict[int, int]:
        """Remove entry number ``index`` (which must be ``expected``) and apply the file; the
        revert is itself a step that ``undo`` takes back."""
        path = self._writable()
        before = read_text(path)
        owner = self._remove(path, index, expected)
        self.steps.append(Step(expected, index, before, read_text(path)))
        return owner

    def apply(self) -> dict[int, int]:
        """Apply the curation file to the database, in one transaction; ``skipped`` then
        says which entries could not be applied and why."""
        entries = self.entries()
        skipped: list[str] = []
        owner = apply_entries(self.db_path, entries, skipped)
        self.skipped = tuple(skipped)
        return owner

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


def restored(text: str, step: Step) -> str:
    """``text`` with the entry a revert removed put back: the text before the revert if the
    file has not changed since, else the entry inserted again at its position."""
    if step.index is None:
        raise ValueError("only a revert can be restored")
    if text == step.after:
        return step.before
    curation = parse_curation(text)
    if curation.header_lines is None or step.index >= len(curation.entries):
        return appended(text, step.entry)
    lines = text.splitlines(keepends=True)
    start = curation.header_lines[step.index]
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1  # comments just above an entry belong to it
    new = "".join([*lines[:start], entry_text(step.entry), "\n", *lines[start:]])
    if parse_curation(new).entries[step.index] != step.entry:
        raise CurationError("the reverted entry does not read back as written")
    return new


def apply_entries(
    db_path: Path, entries: tuple[Entry, ...], skipped: list[str] | None = None
) -> dict[int, int]:
    """Derive the curated tables of the database at ``db_path`` from ``entries`` (entries
    that cannot apply are described in ``skipped``, if given)."""
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
            owner = derive(conn, entries, skipped)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    return owner
