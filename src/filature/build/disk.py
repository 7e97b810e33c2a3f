"""A build stopped by a full disk: how to recognise it and the message that says what is kept."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from filature.errors import Problem


class DiskFull(Problem):
    """The disk filled up during a build; the previous database is intact."""


def is_disk_full(exc: BaseException) -> bool:
    """True if ``exc`` says the disk (or the quota) is full."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or (
            "disk is full" in str(exc)
        )
    return False


def disk_full(db_path: Path, existed: bool) -> DiskFull:
    """The message for a build stopped by a full disk: which folder, and that nothing is lost."""
    folder = db_path.resolve().parent
    try:
        stats = os.statvfs(folder)
        free = f" ({stats.f_bavail * stats.f_frsize // 1024:,} KB free)"
    except OSError:
        free = ""
    kept = f"the previous {db_path} is intact" if existed else f"no {db_path} was written"
    return DiskFull(
        f"Disk full: no space left in {folder}{free} for the new database; the build stopped "
        f"and {kept}.",
        f"free some space in {folder}, or build elsewhere with --db OTHER/FOLDER/filature.db",
    )
