"""Reads that survive a database locked by another process.

SQLite waits 5 s for a writer that holds the database's lock, then raises "database is
locked". The explorer's reads then return an empty result, and the catalog says why (and
stops waiting on every read until the database is free again), instead of the error closing
the app."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

BUSY_MESSAGE = (
    "The database is busy: another process has held its write lock for over 5 s. "
    "What is shown may be incomplete; try again when it is done."
)


class _Watched(Protocol):
    def busy_seen(self, message: str) -> None: ...

    def reading(self) -> AbstractContextManager[sqlite3.Connection]: ...


S = TypeVar("S", bound=_Watched)


def is_busy(exc: BaseException) -> bool:
    """True if ``exc`` is SQLite giving up on a lock held by another connection."""
    text = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def guarded(
    default: Callable[[], Any],
) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], R]]:
    """Decorate a read method: it runs inside ``self.reading()`` (so the connection is not
    closed under it); on a busy database, tell ``self.busy_seen`` and return ``default()``
    instead of raising."""

    def wrap(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
        def read(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                with self.reading():
                    return method(self, *args, **kwargs)
            except sqlite3.OperationalError as exc:
                if not is_busy(exc):
                    raise
                self.busy_seen(BUSY_MESSAGE)
                result: R = default()
                return result

        functools.update_wrapper(read, method)
        return read

    return wrap
