"""The files around a build: its lock, the temporary files beside the target, and fsync."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filature.store.connect import DatabaseProblem

SIDECARS = ("-journal", "-wal", "-shm")


class BuildLocked(Exception):
    """Another build holds the lock on this database."""


def temp_prefix(target: Path) -> str:
    """The name prefix of the temporary files a build of ``target`` writes beside it."""
    return f".{target.name}.tmp-"


@contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock for building ``target``; raise BuildLocked if taken.

    A target that cannot be written (a folder, a read-only folder) raises DatabaseProblem
    here, before any work is done.
    """
    import fcntl

    fix = "filature build --db PATH/TO/A/WRITABLE/FOLDER/filature.db"
    if target.is_dir():
        raise DatabaseProblem(f"{target} is a folder, not a database file.", fix)
    lock_path = target.with_name(target.name + ".lock")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise DatabaseProblem(
            f"Cannot write in {target.parent} ({exc.strerror or exc}).", fix
        ) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(f"Another build of {target} is running.") from None
        yield
    finally:
        os.close(fd)


def remove_stray_temporaries(target: Path) -> list[Path]:
    """Delete temporary files left by interrupted builds (call while holding the lock)."""
    removed = []
    for path in target.parent.glob(temp_prefix(target) + "*"):
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush ``path``'s bytes to the disk."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
