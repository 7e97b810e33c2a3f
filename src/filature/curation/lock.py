"""One writer at a time for a curation file, across processes.

Every write of ``curation.toml`` (an explorer's decision, an undo, a revert, the end of a build,
a re-derivation on open) holds an exclusive lock on a file beside it,
``.curation.toml.lock``, for the whole read-change-write-apply sequence: two explorers on the
same database queue up instead of overwriting each other's decisions. The lock file is never
replaced, so the lock holds across the atomic ``os.replace`` of the curation file itself.
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filature.curation.entries import CurationError

WAIT_SECONDS = 10.0


def lock_path(path: Path) -> Path:
    """The lock file of the curation file at ``path``."""
    return path.with_name(f".{path.name}.lock")


def temp_prefix(path: Path) -> str:
    """The name prefix of the temporary files written beside the curation file ``path``."""
    return f".{path.name}.tmp-"


def disk_full(exc: BaseException) -> bool:
    """True if ``exc`` says the disk (or the file size limit) is full."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    return "disk is full" in str(exc) or "database or disk is full" in str(exc)


@contextmanager
def curation_lock(
    path: Path, wait: float = WAIT_SECONDS, *, optional: bool = False
) -> Iterator[None]:
    """Hold the exclusive lock of the curation file ``path``, waiting at most ``wait`` seconds.

    Leftover temporary files of writers killed mid-write are removed once the lock is held
    (no other writer can be using them then). Raises ``CurationError`` if the lock cannot be
    had: another process keeps it, or the folder cannot be written (unless ``optional``: a
    reader in a folder it cannot write, where no decision can be written either). An
    ``optional`` lock of a curation file that does not exist (nor its lock file) is not taken:
    a build of a folder without curation writes nothing into that folder.
    """
    if optional and not path.exists() and not lock_path(path).exists():
        yield
        return
    try:
        fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if optional:
            yield
            return
        raise CurationError(
            f"Cannot lock {path} ({exc.strerror or exc}); no decision can be recorded."
        ) from exc
    deadline = time.monotonic() + wait
    try:
        if not _IN_PROCESS.acquire(timeout=wait):
            raise _busy(path, wait)
        try:
            _take(fd, _GATE, deadline, path, wait)
            try:
                _take(fd, _MAIN, deadline, path, wait)
            finally:
                fcntl.lockf(fd, fcntl.LOCK_UN, 1, _GATE)
            remove_leftovers(path)
            yield
        finally:
            _IN_PROCESS.release()
    finally:
        os.close(fd)  # closing releases the lock


# Two byte-range locks make a turnstile: a waiter holds the gate while it waits for the main
# lock, so the process that just released the main lock cannot take it again before it.
_GATE, _MAIN = 0, 1
_IN_PROCESS = threading.Lock()  # record locks belong to the process, not to a thread


def _take(fd: int, byte: int, deadline: float, path: Path, wait: float) -> None:
    while True:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, byte)
            return
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise CurationError(f"Cannot lock {path} ({exc.strerror or exc}).") from exc
        if time.monotonic() >= deadline:
            raise _busy(path, wait)
        time.sleep(0.005)


def _busy(path: Path, wait: float) -> CurationError:
    return CurationError(
        f"Another filature process has been writing {path} for over {wait:.0f} s; "
        "nothing changed. Try again in a moment."
    )


def remove_leftovers(path: Path) -> list[Path]:
    """Delete the temporary files left beside ``path`` by interrupted writes (hold the lock)."""
    found = []
    try:
        for stray in path.parent.glob(temp_prefix(path) + "*"):
            stray.unlink(missing_ok=True)
            found.append(stray)
    except OSError:
        pass  # a folder that cannot be listed or written: nothing we could clean anyway
    return found
