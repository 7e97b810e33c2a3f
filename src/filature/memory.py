"""Memory between build stages: giving back what the process no longer uses, and keeping the
cyclic collector off what it will use to the end."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def release_free_memory() -> None:
    """Return the C heap's free pages to the system (glibc's ``malloc_trim``; nothing elsewhere).

    Reading and cleaning a large document frees many blocks in the middle of the heap, which
    the allocator keeps: without this, a 30 MB document held some 450 MB it no longer used
    while the language model loaded on top of it.
    """
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


_YOUNG = 10_000
"""Allocations between two collections of the youngest generation inside a
``kept_to_the_end`` block (Python's default is 700): a rebuild makes millions of small objects
that live on, and each collection of them cost time without freeing anything."""


@contextmanager
def kept_to_the_end() -> Iterator[None]:
    """A block inside which ``keep_what_exists()`` marks the objects alive then as kept to the
    block's end, so that the cyclic collector no longer walks them, and the collector runs
    less often. A rebuild holds its documents and every analysis to the end: walking them again
    at each collection took some 0.5 s of a rebuild at 100 times the seeds. Leaving the block
    hands them back to the collector."""
    previous = gc.get_threshold()
    _depth[0] += 1
    gc.set_threshold(_YOUNG, *previous[1:])
    try:
        yield
    finally:
        _depth[0] -= 1
        if not _depth[0]:
            gc.set_threshold(*previous)
            gc.unfreeze()


_depth = [0]


def keep_what_exists() -> None:
    """Every object alive now is kept to the end of the ``kept_to_the_end`` block (nothing
    outside one)."""
    if _depth[0]:
        gc.freeze()
