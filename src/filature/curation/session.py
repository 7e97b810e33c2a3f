"""Curating an open database: each decision is appended to the curation file and the file is
applied to the database at once; revert removes an entry and applies again; undo takes back
the session's last step, a decision (removed again) or a revert (the entry put back).

The curation file is the one the database was built with (``meta.curation_path``), so a
rebuild applies the same decisions. Each change holds the file's lock (``curation.lock``) from
reading the file to committing the database, so decisions from several processes all reach
both. If the file or the database cannot be written (disk full, a database busy for over
5 s), the file is put back as it was, nothing changes and ``CurationError`` says why.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

from filature.curation.apply import BUSY_SECONDS, apply_entries
from filature.curation.database import has_base
from filature.curation.edit import appended, read_text, removed, write_atomic
from filature.curation.entries import CurationError, Entry, load_curation, parse_curation
from filature.curation.lock import curation_lock, disk_full, temp_prefix
from filature.curation.state import (
    META_FILE,
    Home,
    curation_home,
    read_meta,
    text_digest,
)
from filature.curation.steps import Step, restored
from filature.store.connect import DatabaseProblem, connect_ro


class CurationSession:
    """The decisions of one app session over the database at ``db_path``."""

    def __init__(self, db_path: Path, conn: sqlite3.Connection) -> None:
        """Find the curation file from the database's meta table (read through ``conn``)."""
        self.db_path = db_path
        self.home: Home = curation_home(db_path, read_meta(conn))
        self.path: Path | None = self.home.curation
        self.curatable = has_base(conn)
        self.steps: list[Step] = []
        self.digest: str | None = None
        """The hash of the file as this session last wrote it."""
        self.skipped: tuple[str, ...] = ()
        """What the last apply could not apply, and why."""

    def problem(self) -> str | None:
        """Why decisions cannot be recorded now, or None if they can."""
        if self.home.problem is not None or self.path is None:
            return self.home.problem or "This database does not name its curation file."
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
        with curation_lock(path):
            owner = self._commit(path, appended(read_text(path), entry))
        self.steps.append(Step(entry))
        return owner

    def undo(self) -> tuple[Step | None, dict[int, int]]:
        """Take back this session's last step still possible: remove the last decision made
        (that entry and nothing else, if still in the file) or put a reverted entry back where
        it was; apply the file."""
        path = self._writable()
        with curation_lock(path):
            text = read_text(path)
            entries = parse_curation(text).entries
            while self.steps:
                step = self.steps[-1]
                if not step.added:
                    owner = self._commit(path, restored(text, step))
                    self.steps.pop()
                    return step, owner
                matches = [i for i, e in enumerate(entries) if e == step.entry]
                if matches:
                    owner = self._commit(path, removed(text, matches[-1]))
                    self.steps.pop()
                    return step, owner
                self.steps.pop()
        return None, {}

    def revert(self, index: int, expected: Entry) -> dict[int, int]:
        """Remove entry number ``index`` (which must be ``expected``) and apply the file; the
        revert is itself a step that ``undo`` takes back."""
        path = self._writable()
        with curation_lock(path):
            text = read_text(path)
            entries = parse_curation(text).entries
            if index >= len(entries) or entries[index] != expected:
                raise CurationError("The curation file changed; reopen the curation list.")
            after = removed(text, index)
            owner = self._commit(path, after)
        self.steps.append(Step(expected, index, text, after))
        return owner

    def apply(self) -> dict[int, int]:
        """Apply the curation file to the database, in one transaction (under the lock);
        ``skipped`` then says which entries could not be applied and why."""
        path = self._writable()
        with curation_lock(path):
            text = read_text(path)
            return self._apply(text)

    def _apply(self, text: str) -> dict[int, int]:
        skipped: list[str] = []
        entries = parse_curation(text).entries
        owner = apply_entries(self.db_path, entries, text_digest(text), skipped=skipped)
        self.skipped = tuple(skipped)
        return owner

    def _writable(self) -> Path:
        problem = self.problem()
        if problem is not None or self.path is None:
            raise CurationError(problem or "no curation file")
        return self.path

    def _commit(self, path: Path, text: str) -> dict[int, int]:
        """Replace the file with ``text`` and apply it; on failure put the old file back (a
        hard link to it is kept meanwhile, so restoring needs no free space)."""
        self._check_target(path)
        kept = _keep(path)
        try:
            try:
                write_atomic(path, text)
            except OSError as exc:
                raise CurationError(_failure(exc, path, self.db_path, "file")) from exc
            try:
                owner = self._apply(text)
            except (sqlite3.Error, OSError, CurationError) as exc:
                _restore(path, kept)
                raise CurationError(_failure(exc, path, self.db_path, "database")) from exc
        finally:
            if kept is not None:
                kept.unlink(missing_ok=True)
        self.digest = text_digest(text)
        return owner

    def _check_target(self, path: Path) -> None:
        """Refuse if the database at ``db_path`` now follows another curation file (it was
        rebuilt with ``--curation`` meanwhile)."""
        try:
            conn = connect_ro(self.db_path)
        except (sqlite3.Error, DatabaseProblem) as exc:
            raise CurationError(_failure(exc, path, self.db_path, "database")) from exc
        try:
            named = read_meta(conn).get(META_FILE)
        except sqlite3.Error as exc:
            raise CurationError(_failure(exc, path, self.db_path, "database")) from exc
        finally:
            conn.close()
        if named is not None and Path(named) != path:
            raise CurationError(
                f"The database was rebuilt to follow {named}; nothing was written to {path}. "
                "Reopen the explorer."
            )


def _keep(path: Path) -> Path | None:
    """A hard link to the current file (None if there is no file or links are refused)."""
    if not path.exists():
        return None
    link = path.with_name(f"{temp_prefix(path)}{os.getpid()}-{uuid.uuid4().hex[:8]}-old")
    try:
        os.link(path, link)
    except OSError:
        return None
    return link


def _restore(path: Path, kept: Path | None) -> None:
    try:
        if kept is not None:
            os.replace(kept, path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # the file stays ahead of the database: the next open sees it and applies it


def _failure(exc: BaseException, path: Path, db_path: Path, what: str) -> str:
    """One line saying what went wrong: disk full, a busy database, or the error itself."""
    target = path if what == "file" else db_path
    if disk_full(exc):
        return f"Disk full: {target} could not be written; nothing changed. Free some space."
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (
            f"The database {db_path} is busy: another process has been writing it for over "
            f"{BUSY_SECONDS:.0f} s; nothing changed. Try again when it is done."
        )
    if isinstance(exc, CurationError):
        return text
    if what == "file":
        reason = getattr(exc, "strerror", None) or exc
        return f"{path} could not be written ({reason}); nothing changed."
    return f"The database could not be updated ({exc}); nothing changed."
