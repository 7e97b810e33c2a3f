"""Keeping the explorer current: a rebuilt database, decisions made by another process.

Once a second the app checks two things. The database file: a rebuild swaps in a new file
(another inode), which the app then reopens, so that it never shows "Done" over the old data.
The curation file: when its bytes change and this app did not write them (another explorer,
an edit by hand), the file is applied if the database lacks it, and the views are reloaded.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Protocol

from textual.notifications import SeverityLevel as Severity

from filature.curation.entries import CurationError
from filature.curation.session import CurationSession
from filature.curation.state import digest
from filature.curation.sync import sync
from filature.store.connect import DatabaseProblem, connect_ro
from filature.tui.catalog import Catalog

WATCH_SECONDS = 1.0
Stamp = tuple[int, int, int, int] | None


def stamp(path: Path | None) -> Stamp:
    """The file's device, inode, modification time and size (None if it is not there)."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


class WatchedApp(Protocol):
    """What the watcher needs of the app: its catalog, the busy flag, reloads and notes."""

    catalog: Catalog
    busy_pending: bool

    def reload_views(self) -> None:
        """Show the database as it is now."""

    def notify(
        self, message: str, *, title: str = ..., severity: Severity = ..., markup: bool
    ) -> None:
        """Show a notification (``markup=False`` for data)."""


class Watcher:
    """The app's curation session, and the checks that follow changes made elsewhere."""

    def __init__(self, app: WatchedApp) -> None:
        """Watch ``app``'s database and the curation file it follows."""
        self.app = app
        self.catalog = app.catalog
        self.opened = stamp(self.catalog.path)
        self.session = CurationSession(self.catalog.path, self.catalog.conn)
        self.file_stamp = stamp(self.session.path)
        self.file_digest = self._digest()

    def _digest(self) -> str | None:
        try:
            return None if self.session.path is None else digest(self.session.path)
        except CurationError:
            return None

    def follow_rebuild(self) -> bool:
        """Reopen the database if a rebuild replaced it; True if it did."""
        now = stamp(self.catalog.path)
        if now is None or self.opened is None or now[:2] == self.opened[:2]:
            return False
        try:
            self.catalog.reopen()
            session = CurationSession(self.catalog.path, self.catalog.conn)
        except DatabaseProblem as exc:
            self.app.notify(exc.message, severity="error", title="Database", markup=False)
            return False
        except sqlite3.OperationalError:
            return False  # locked by another process: tried again at the next check
        self.opened = now
        session.steps = self.session.steps
        self.session = session
        self.file_stamp = stamp(self.session.path)
        self.file_digest = self._digest()
        return True

    def _file_changed(self) -> bool:
        now = stamp(self.session.path)
        if now == self.file_stamp:
            return False
        self.file_stamp = now
        new = self._digest()
        if new in (self.file_digest, self.session.digest):
            self.file_digest = new
            return False
        self.file_digest = new
        return True

    def _free(self) -> bool:
        """True if the database can be read now (without waiting for a lock)."""
        try:
            conn = connect_ro(self.catalog.path, timeout=0)
            try:
                conn.execute("SELECT 1 FROM entities LIMIT 1").fetchall()
            finally:
                conn.close()
        except (sqlite3.Error, OSError, DatabaseProblem):
            return False
        return True

    def check(self) -> None:
        """Follow a rebuild or another process's decisions (called on a timer), and reload
        the views once a database that was busy is free again."""
        if self.app.busy_pending and self._free():
            self.app.busy_pending = False
            self.catalog.patient()
            self.app.reload_views()
            self.app.notify("The database is free again: reloaded.", markup=False)
        rebuilt = self.follow_rebuild()
        changed = self._file_changed()
        if not (rebuilt or changed):
            return
        note = sync(self.catalog.path)
        self.file_stamp, self.file_digest = stamp(self.session.path), self._digest()
        self.app.reload_views()
        if rebuilt:
            message = "The database was rebuilt: showing the new one."
        else:
            message = f"{self.session.path} changed elsewhere: decisions reloaded."
        self.app.notify(message, title="Curation", markup=False)
        if note:
            self.app.notify(note, severity="warning", title="Curation", markup=False)
