"""A curation file's decisions applied to a new database: the build's last step.

``build`` composes it into ``store.writer.write_database`` (ingest -> extract -> store ->
curation-derive): the store writes the extraction as the ``base_*`` tables, and this step
derives the curated tables from them with the same rules the app's decisions use.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass

from filature.curation.database import derive
from filature.curation.entries import CurationError
from filature.curation.lock import curation_lock
from filature.curation.state import CurationFile, read_curation, set_digest


@dataclass(frozen=True)
class FileDerivation:
    """The decisions of ``file`` as read at one moment (a ``store.writer.Derivation``)."""

    file: CurationFile

    def derive(self, conn: sqlite3.Connection) -> tuple[str, ...]:
        """Derive the curated tables and record the file's hash, in the caller's transaction;
        the entries that could not apply, each described with the reason."""
        unapplied: list[str] = []
        derive(conn, self.file.entries, unapplied)
        set_digest(conn, self.file.sha256)
        return tuple(unapplied)

    def hold(self) -> AbstractContextManager[object]:
        """The curation file's lock (a decision waits until the new database is in place)."""
        return curation_lock(self.file.path, optional=True)

    def changed(self) -> FileDerivation | None:
        """The file's decisions now, if they changed since it was read (a decision made during
        the build). An unreadable file keeps the decisions read at the start, and their hash,
        so that the next open notices that the file differs and says why it cannot apply it."""
        try:
            now = read_curation(self.file.path)
        except CurationError:
            return None
        return None if now.sha256 == self.file.sha256 else FileDerivation(now)
