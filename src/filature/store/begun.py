"""A new database begun beside the build: its schema, documents, passages and full-text index
written in a thread while the build extracts, the rest by ``write_database``.

The documents and passages are final once the analysis is done, and writing them (with the
index SQLite builds over every passage) took a quarter of a rebuild's write at 100 times the
seeds; SQLite does most of it without holding Python's lock, so it runs beside the
corpus-level steps instead of after them. (Begun earlier, beside the cache's reading or the
worker analysing ahead, it slowed them more than it saved.) The thread writes a temporary file
of its own and nothing else; a write of other documents drops it and starts anew.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Sequence
from pathlib import Path

from filature.models import Document
from filature.store.atomic import SIDECARS, temp_prefix
from filature.store.connect import harden
from filature.store.rows import write_documents
from filature.store.schema import create_schema

PassageIds = dict[tuple[int, int], int]


def new_temporary(target: Path) -> Path:
    """A temporary file's path beside ``target``, unique to this process and call."""
    return target.with_name(f"{temp_prefix(target)}{os.getpid()}-{uuid.uuid4().hex[:8]}")


def open_new(path: Path, *, autocommit: bool = False) -> sqlite3.Connection:
    """A hardened connection to a database being written at ``path``, foreign keys on."""
    conn = sqlite3.connect(
        path, isolation_level=None if autocommit else "DEFERRED", check_same_thread=False
    )
    harden(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def begin_tables(
    conn: sqlite3.Connection, documents: Sequence[Document], *, beside: bool = False
) -> PassageIds:
    """The schema, the documents and their passages, in the connection's open transaction;
    the passage id of each (document index, seq). ``beside`` a busy thread, the passages go
    in as one statement (see ``write_documents``)."""
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = OFF")
    create_schema(conn)
    return write_documents(conn, documents, one_statement=beside)


def index_passages(conn: sqlite3.Connection) -> None:
    """The full-text index built over every passage."""
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")


class Begun:
    """The database of ``documents``, begun in a thread when the block is entered; ``take``
    waits for it. Leaving the block without it taken deletes the file."""

    def __init__(self, target: Path, documents: Sequence[Document]) -> None:
        self.path = new_temporary(target)
        self.documents = documents
        self.taken = False
        self._conn: sqlite3.Connection | None = None
        self._ids: PassageIds = {}
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._write, name="filature-begun", daemon=True)

    def _write(self) -> None:
        try:
            self._conn = open_new(self.path)
            self._ids = begin_tables(self._conn, self.documents, beside=True)
            index_passages(self._conn)
        except BaseException as exc:  # raised again in the build's thread, by ``take``
            self._error = exc

    def __enter__(self) -> Begun:
        self._thread.start()
        return self

    def take(self, documents: Sequence[Document]) -> tuple[sqlite3.Connection, PassageIds] | None:
        """The connection (its transaction open) and passage ids, once written, if it was
        begun with these very ``documents``; None otherwise."""
        if documents is not self.documents:
            return None
        self._thread.join()
        if self._error is not None:
            raise self._error
        if self._conn is None:
            return None
        self.taken = True
        return self._conn, self._ids

    def __exit__(self, *exc: object) -> None:
        if self.taken:
            return
        self._thread.join()
        if self._conn is not None:
            self._conn.close()
        for suffix in ("", *SIDECARS):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
