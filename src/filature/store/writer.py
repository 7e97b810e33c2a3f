"""Writing a whole database atomically: build a temporary file, check it, then swap it in."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from filature.models import Document, Entity, Extraction, FileReport, Relation
from filature.store.connect import DatabaseProblem, harden
from filature.store.schema import SCHEMA_VERSION, create_schema
from filature.vocabulary import CO_OCCURRENCE

SIDECARS = ("-journal", "-wal", "-shm")


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


class BuildLocked(Exception):
    """Another build holds the lock on this database."""


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


def write_database(
    target: Path,
    documents: Sequence[Document],
    extraction: Extraction,
    files: Sequence[FileReport],
    meta: Mapping[str, str],
    *,
    derivation: Derivation | None = None,
    symmetric: frozenset[str] = frozenset(),
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
    the swap is applied to it.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{temp_prefix(target)}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    locked = derivation.hold() if derivation is not None else nullcontext()
    try:
        stats = _write(tmp, documents, extraction, files, meta, derivation, symmetric)
        with locked:
            again = derivation.changed() if derivation is not None else None
            if again is not None:
                stats = _derive_again(tmp, again, stats)
            for suffix in SIDECARS:
                Path(str(target) + suffix).unlink(missing_ok=True)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
    finally:
        for suffix in ("", *SIDECARS):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    return stats


def _write(
    path: Path,
    documents: Sequence[Document],
    extraction: Extraction,
    files: Sequence[FileReport],
    meta: Mapping[str, str],
    derivation: Derivation | None = None,
    symmetric: frozenset[str] = frozenset(),
) -> WriteStats:
    conn = sqlite3.connect(path)
    try:
        harden(conn)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        create_schema(conn)
        passage_ids = _write_documents(conn, documents)
        mentions = _write_entities(conn, documents, extraction.entities, passage_ids)
        _write_base(conn, extraction.relations, passage_ids, symmetric)
        entities = len(extraction.entities)
        relations = len(extraction.relations)
        unapplied: tuple[str, ...] = ()
        if derivation is not None:
            unapplied = derivation.derive(conn)
            entities, mentions, relations = (
                int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("entities", "mentions", "relations")
            )
        else:
            _write_relations(conn, extraction.relations, passage_ids)
        conn.executemany(
            "INSERT INTO files (path, status, reason, encoding) VALUES (?, ?, ?, ?)",
            [(f.path, f.status, f.reason, f.encoding) for f in files],
        )
        rows = {**meta, "schema_version": str(SCHEMA_VERSION)}
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", list(rows.items()))
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
        conn.commit()
        conn.execute("PRAGMA synchronous = FULL")
        _check(conn)
        stats = WriteStats(
            documents=len(documents),
            passages=len(passage_ids),
            entities=entities,
            mentions=mentions,
            relations=relations,
            unapplied=unapplied,
        )
    finally:
        conn.close()
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
    return stats


def _derive_again(path: Path, again: Derivation, stats: WriteStats) -> WriteStats:
    """Derive the curated tables of the new database again (the decisions changed)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        harden(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        unapplied = again.derive(conn)
        conn.execute("COMMIT")
        _check(conn)
        entities, mentions, relations = (
            int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
            for t in ("entities", "mentions", "relations")
        )
    finally:
        conn.close()
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
    return WriteStats(stats.documents, stats.passages, entities, mentions, relations, unapplied)


def _check(conn: sqlite3.Connection) -> None:
    result = conn.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        raise sqlite3.DatabaseError(f"integrity_check failed: {result[:3]}")
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise sqlite3.DatabaseError(f"foreign_key_check failed: {problems[:3]}")


def _document_row(doc_id: int, d: Document, ids: Mapping[str, int]) -> tuple[object, ...]:
    parent = None if d.parent is None else ids.get(d.parent)
    return (doc_id, d.path, d.title, d.sha256, d.encoding, d.chars, d.format, d.author, d.date,
            d.pages, d.label, parent)  # fmt: skip


def _write_documents(
    conn: sqlite3.Connection, documents: Sequence[Document]
) -> dict[tuple[int, int], int]:
    ids = {d.path: i + 1 for i, d in enumerate(documents)}
    conn.executemany(
        "INSERT INTO documents (id, path, title, sha256, encoding, chars, format, author, date,"
        " pages, label, parent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_document_row(i + 1, d, ids) for i, d in enumerate(documents)],
    )
    passage_ids: dict[tuple[int, int], int] = {}

    def rows() -> Iterator[tuple[object, ...]]:
        for i, doc in enumerate(documents):
            for p in doc.passages:
                pid = len(passage_ids) + 1
                passage_ids[(i, p.seq)] = pid
                yield (
                    (
                        pid,
                        i + 1,
                        p.seq,
                        p.start,
                        p.end,
                        p.line_start,
                        p.line_end,
                        p.zone,
                        p.text,
                        p.page_start,
                        p.page_end,
                    )
                )

    conn.executemany(
        'INSERT INTO passages (id, document_id, seq, start, "end", line_start, line_end, zone, '
        "text, page_start, page_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    return passage_ids


def _write_entities(
    conn: sqlite3.Connection,
    documents: Sequence[Document],
    entities: Sequence[Entity],
    passage_ids: Mapping[tuple[int, int], int],
) -> int:
    """The extraction's entities, aliases and mentions, both as the uncurated state (``base_*``,
    ``mentions.base_entity_id``) and as the curated tables before any curation."""
    zones = {(i, p.seq): p.zone for i, doc in enumerate(documents) for p in doc.passages}

    def entity_rows() -> Iterator[tuple[object, ...]]:
        for e in entities:
            footnotes = sum(
                1 for m in e.mentions if zones[(m.doc_index, m.passage_seq)] == "footnote"
            )
            docs = [m.doc_index for m in e.mentions]
            yield (
                e.key + 1,
                e.name,
                e.type,
                len(e.mentions),
                len(e.mentions) - footnotes,
                footnotes,
                min(docs) + 1 if docs else None,
                max(docs) + 1 if docs else None,
            )

    conn.executemany(
        "INSERT INTO entities (id, name, type, mention_count, body_mentions, footnote_mentions, "
        "first_document_id, last_document_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        entity_rows(),
    )
    conn.executemany(
        "INSERT INTO base_entities (id, name, type, entity_id) VALUES (?, ?, ?, ?)",
        [(e.key + 1, e.name, e.type, e.key + 1) for e in entities],
    )
    aliases = [(e.key + 1, a) for e in entities for a in dict.fromkeys(e.aliases)]
    conn.executemany("INSERT INTO aliases (entity_id, alias) VALUES (?, ?)", aliases)
    conn.executemany("INSERT INTO base_aliases (base_entity_id, alias) VALUES (?, ?)", aliases)
    count = 0

    def mention_rows() -> Iterator[tuple[object, ...]]:
        nonlocal count
        for e in entities:
            for m in e.mentions:
                count += 1
                pid = passage_ids[(m.doc_index, m.passage_seq)]
                yield (count, e.key + 1, pid, m.start, m.end, m.surface, m.role, e.key + 1)

    conn.executemany(
        'INSERT INTO mentions (id, entity_id, passage_id, start, "end", surface, role, '
        "base_entity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        mention_rows(),
    )
    return count


_RELATION_COLUMNS = (
    "source_id, target_id, type, confidence, rule, role, date, amount, currency, period, "
    "agreement_id, weight"
)


def _relation_row(i: int, r: Relation) -> tuple[object, ...]:
    agreement = None if r.agreement_key is None else r.agreement_key + 1
    return (
        *(i + 1, r.source_key + 1, r.target_key + 1, r.type, r.confidence, r.rule, r.role),
        *(r.date, r.amount, r.currency, r.period, agreement, r.weight),
    )


def _write_relations(
    conn: sqlite3.Connection,
    relations: Sequence[Relation],
    passage_ids: Mapping[tuple[int, int], int],
) -> int:
    conn.executemany(
        f"INSERT INTO relations (id, {_RELATION_COLUMNS}) VALUES ({', '.join('?' * 13)})",
        (_relation_row(i, r) for i, r in enumerate(relations)),
    )
    conn.executemany(
        'INSERT INTO evidence (relation_id, passage_id, start, "end") VALUES (?, ?, ?, ?)',
        (
            (i + 1, passage_ids[(ev.doc_index, ev.passage_seq)], ev.start, ev.end)
            for i, r in enumerate(relations)
            for ev in r.evidence
        ),
    )
    return len(relations)


def _write_base(
    conn: sqlite3.Connection,
    relations: Sequence[Relation],
    passage_ids: Mapping[tuple[int, int], int],
    symmetric: frozenset[str],
) -> None:
    """The stated relations before curation and their evidence (``base_*``); co-occurrences are
    not kept: ``derive`` counts them again from the mentions. Ids are those of ``relations``."""
    stated = [(i, r) for i, r in enumerate(relations) if r.type != CO_OCCURRENCE]
    conn.executemany(
        f"INSERT INTO base_relations (id, {_RELATION_COLUMNS}, symmetric) "
        f"VALUES ({', '.join('?' * 14)})",
        ((*_relation_row(i, r), int(r.type in symmetric)) for i, r in stated),
    )
    conn.executemany(
        'INSERT INTO base_evidence (base_relation_id, passage_id, start, "end") '
        "VALUES (?, ?, ?, ?)",
        (
            (i + 1, passage_ids[(ev.doc_index, ev.passage_seq)], ev.start, ev.end)
            for i, r in stated
            for ev in r.evidence
        ),
    )


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
