"""Running a format reader within a time and memory budget, in a child process of its own.

A damaged PDF can make a parser loop, allocate without end or crash in native code; the
reader runs in a forked child with a cap on its address space, and the parent stops waiting
after ``seconds``. Whatever happens, the caller gets a ``FormatText`` or ``Unreadable`` with
the reason in one line. Where ``fork`` does not exist the reader runs in the process itself.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
import warnings
from pathlib import Path

from filature.ingest.formats.base import FormatText, Reader, Unreadable

TIME_BUDGET = 120.0
"""Seconds one file may take to read."""

MEMORY_BUDGET = 2 * 1024 * 1024 * 1024
"""Bytes of address space one reader may add to the process it is forked from."""

_Outcome = tuple[str, object]


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024 * 1024):.1f} GB" if n >= 1 << 30 else f"{n // (1024 * 1024)} MB"


def _outcome(reader: Reader, data: bytes, path: Path) -> _Outcome:
    try:
        return "ok", reader(data, path)
    except Unreadable as error:
        return "unreadable", str(error)
    except MemoryError:
        return "memory", ""
    except RecursionError:
        return "unreadable", "damaged: nested too deeply to read"
    except Exception as error:  # a reader's bug or a library's error on a damaged file
        return "unreadable", f"could not be read: {type(error).__name__}: {error}"


def _settle(outcome: _Outcome, memory: int) -> FormatText:
    kind, value = outcome
    if kind == "ok" and isinstance(value, FormatText):
        return value
    if kind == "memory":
        raise Unreadable(f"too much memory: over the {_size_text(memory)} budget per file")
    raise Unreadable(str(value).splitlines()[0] if str(value) else "could not be read")


def _address_space() -> int:
    """This process's current virtual size in bytes (0 if unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(reader: Reader, data: bytes, path: Path, out: int, memory: int) -> None:
    """The forked child: cap memory, read, send the pickled outcome, exit without cleanup."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            import resource

            limit = _address_space() + memory
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass
        outcome = _outcome(reader, data, path)
        try:
            payload = pickle.dumps(outcome)
        except MemoryError:
            payload = pickle.dumps(("memory", ""))
        with os.fdopen(out, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(0)


def _collect(pid: int, fd: int, seconds: float) -> bytes | None:
    """Everything the child writes, or None once ``seconds`` have passed (child killed)."""
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            os.kill(pid, signal.SIGKILL)
            return None
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run_reader(
    reader: Reader,
    data: bytes,
    path: Path,
    *,
    seconds: float = TIME_BUDGET,
    memory: int = MEMORY_BUDGET,
) -> FormatText:
    """Run ``reader`` on a file's bytes within the budget; raise ``Unreadable`` with the reason
    when it fails, is stopped after ``seconds``, runs out of ``memory`` or crashes."""
    if not hasattr(os, "fork"):
        return _settle(_outcome(reader, data, path), memory)
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads: the child
        pid = os.fork()  # only reads the file and exits
    if pid == 0:
        os.close(read_end)
        _child(reader, data, path, write_end, memory)
    os.close(write_end)
    try:
        payload = _collect(pid, read_end, seconds)
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    if payload is None:
        raise Unreadable(f"took too long: stopped after {seconds:g} s")
    if not payload:
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            raise Unreadable(
                f"the reader crashed ({name}): damaged file, or over the "
                f"{_size_text(memory)} memory budget"
            )
        raise Unreadable(f"too much memory: over the {_size_text(memory)} budget per file")
    outcome: _Outcome = pickle.loads(payload)
    return _settle(outcome, memory)
