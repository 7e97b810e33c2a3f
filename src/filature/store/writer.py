"""Writing a whole database atomically: build a temporary file, check it, then swap it in."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from filature.models import Document, Extraction, FileReport
from filature.store.atomic import SIDECARS, fsync_dir, fsync_file
from filature.store.begun import (
    Begun,
    PassageIds,
    begin_tables,
    index_passages,
    new_temporary,
    open_new,
)
from filature.store.rows import write_base, write_entities, write_relations
from filature.store.schema import SCHEMA_VERSION, write_entity_keys


class Derivation(Protocol):
    """The step that makes the curated tables of a new database from its ``base_*`` tables.

    The curation layer provides it (``curation.derivation``) and ``build`` composes it in: the
    store writes the extraction and never imports curation.
    """

    def derive(self, conn: sqlite3.Connection) -> tuple[str, ...]:
        """Derive the curated tables in the caller's transaction; the entries not applied."""
        ...

    def hold(self) -> AbstractContextManager[object]:
        """A lock held from the last look at the decisions until the new database is in place."""
        ...

    def changed(self) -> Derivation | None:
        """Under ``hold``: the derivation to run again if the decisions changed meanwhile."""
        ...


@dataclass(frozen=True)
class WriteStats:
    """Row counts of a database just written."""

    documents: int
    passages: int
    entities: int
    mentions: int
    relations: int
    unapplied: tuple[str, ...] = ()
    """The curation entries that could not apply, each described with the reason."""


def write_database(
    target: Path,
    documents: Sequence[Document],
    extraction: Extraction,
    files: Sequence[FileReport],
    meta: Mapping[str, str],
    *,
    derivation: Derivation | None = None,
    symmetric: frozenset[str] = frozenset(),
    begun: Begun | None = None,
) -> WriteStats:
    """Write a complete database to a temporary file beside ``target`` and swap it in.

    The extraction is also stored as the uncurated state (``base_*`` tables, relations of a
    ``symmetric`` type marked so); with a ``derivation`` (the curation step), the curated
    tables are then derived from it, as the app does; without, they are the extraction.
    The previous database stays intact until the new one has passed ``integrity_check``;
    stale journal/WAL files beside the target are removed so nothing leaks into the new file.

    Just before the swap the derivation is asked, under its lock, whether its decisions
    changed during the build, and the lock is held until the new database is in place: a
    decision an explorer made during the build reaches the new database, and one made after
    the swap is applied to it. A database ``begun`` with these very documents is finished
    instead of starting anew.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    taken = begun.take(documents) if begun is not None else None
    tmp = begun.path if begun is not None and taken is not None else new_temporary(target)
    locked = derivation.hold() if derivation is not None else nullcontext()
    try:
        with _building(tmp, taken[0] if taken is not None else None) as conn:
            ids = taken[1] if taken is not None else begin_tables(conn, documents)
            stats = _write_tables(conn, documents, ids, extraction, derivation, symmetric)
            if taken is None:
                index_passages(conn)
            _finish(conn, files, meta)
        with locked:
            again = derivation.changed() if derivation is not None else None
            if again is not None:
                stats = _derive_again(tmp, again, stats)
            for suffix in SIDECARS:
                Path(str(target) + suffix).unlink(missing_ok=True)
            os.replace(tmp, target)
            fsync_dir(target.parent)
    finally:
        for suffix in ("", *SIDECARS):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    return stats


@contextmanager
def _building(
    path: Path, conn: sqlite3.Connection | None = None, *, autocommit: bool = False
) -> Iterator[sqlite3.Connection]:
    """A connection to the new database at ``path`` (``conn`` if given; hardened, foreign keys
    on); once the block has written it, its integrity is checked and the file synced."""
    conn = conn or open_new(path, autocommit=autocommit)
    try:
        yield conn
        _check(conn)
    finally:
        conn.close()
    fsync_file(path)


def _write_tables(
    conn: sqlite3.Connection,
    documents: Sequence[Document],
    passage_ids: PassageIds,
    extraction: Extraction,
    derivation: Derivation | None,
    symmetric: frozenset[str],
) -> WriteStats:
    """After the documents (``begin_tables``): the extraction (as ``base_*`` tables), the
    curated tables derived from it (or copied, without a derivation); their counts."""
    mentions = write_entities(conn, documents, extraction.entities, passage_ids)
    write_base(conn, extraction.relations, passage_ids, symmetric)
    sizes = (len(documents), len(passage_ids))
    if derivation is not None:
        unapplied = derivation.derive(conn)
        return WriteStats(*sizes, *_curated_counts(conn), unapplied)
    write_relations(conn, extraction.relations, passage_ids)
    write_entity_keys(conn)
    return WriteStats(*sizes, len(extraction.entities), mentions, len(extraction.relations))


def _finish(conn: sqlite3.Connection, files: Sequence[FileReport], meta: Mapping[str, str]) -> None:
    """The files' fates and the meta rows written, all committed."""
    conn.executemany(
        "INSERT INTO files (path, status, reason, encoding) VALUES (?, ?, ?, ?)",
        [(f.path, f.status, f.reason, f.encoding) for f in files],
    )
    rows = {**meta, "schema_version": str(SCHEMA_VERSION)}
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", list(rows.items()))
    conn.commit()
    conn.execute("PRAGMA synchronous = FULL")


def _derive_again(path: Path, again: Derivation, stats: WriteStats) -> WriteStats:
    """Derive the curated tables of the new database again (the decisions changed)."""
    with _building(path, autocommit=True) as conn:
        conn.execute("BEGIN IMMEDIATE")
        unapplied = again.derive(conn)
        conn.execute("COMMIT")
        entities, mentions, relations = _curated_counts(conn)
    return WriteStats(stats.documents, stats.passages, entities, mentions, relations, unapplied)


def _check(conn: sqlite3.Connection) -> None:
    result = conn.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        raise sqlite3.DatabaseError(f"integrity_check failed: {result[:3]}")
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise sqlite3.DatabaseError(f"foreign_key_check failed: {problems[:3]}")


def _curated_counts(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """How many entities, mentions and relations the curated tables hold."""
    a, b, c = (
        int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in ("entities", "mentions", "relations")
    )
    return a, b, c
