"""Writing a whole database atomically: build a temporary file, check it, then swap it in."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from filature.curation.database import derive
from filature.curation.entries import Entry
from filature.models import Document, Entity, Extraction, FileReport, Relation
from filature.store.connect import DatabaseProblem, harden
from filature.store.schema import SCHEMA_VERSION, create_schema

SIDECARS = ("-journal", "-wal", "-shm")
BATCH = 2000


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
    curation: Sequence[Entry] | None = None,
    symmetric: frozenset[str] = frozenset(),
) -> WriteStats:
    """Write a complete database to a temporary file beside ``target`` and swap it in.

    The extraction is also stored as the uncurated state (``base_*`` tables, relations of a
    ``symmetric`` type marked so); with ``curation`` (entries, maybe none), the curated tables
    are then derived from it by ``filature.curation.database.derive``, as the app does.
    The previous database stays intact until the new one has passed ``integrity_check``;
    stale journal/WAL files beside the target are removed so nothing leaks into the new file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{temp_prefix(target)}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        stats = _write(tmp, documents, extraction, files, meta, curation, symmetric)
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
    curation: Sequence[Entry] | None = None,
    symmetric: frozenset[str] = frozenset(),
) -> WriteStats:
    conn = sqlite3.connect(path)
    try:
        harden(conn)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        create_schema(conn)
        db = sqlite_utils.Database(conn)
        passage_ids = _write_documents(db, documents)
        mentions = _write_entities(db, documents, extraction.entities, passage_ids)
        relations = _write_relations(db, extraction.relations, passage_ids)
        write_base(conn, symmetric)
        entities = len(extraction.entities)
        if curation is not None:
            derive(conn, curation)
            entities, mentions, relations = (
                int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("entities", "mentions", "relations")
            )
        db.table("files").insert_all(
            {"path": f.path, "status": f.status, "reason": f.reason, "encoding": f.encoding}
            for f in files
        )
        rows = {**meta, "schema_version": str(SCHEMA_VERSION)}
        db.table("meta").insert_all({"key": k, "value": v} for k, v in rows.items())
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
        )
    finally:
        conn.close()
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
    return stats


def _check(conn: sqlite3.Connection) -> None:
    result = conn.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        raise sqlite3.DatabaseError(f"integrity_check failed: {result[:3]}")
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise sqlite3.DatabaseError(f"foreign_key_check failed: {problems[:3]}")


def _write_documents(
    db: sqlite_utils.Database, documents: Sequence[Document]
) -> dict[tuple[int, int], int]:
    passage_ids: dict[tuple[int, int], int] = {}
    db.table("documents").insert_all(
        {
            "id": i + 1,
            "path": d.path,
            "title": d.title,
            "sha256": d.sha256,
            "encoding": d.encoding,
            "chars": d.chars,
        }
        for i, d in enumerate(documents)
    )

    def rows() -> Iterable[dict[str, object]]:
        for i, doc in enumerate(documents):
            for p in doc.passages:
                pid = len(passage_ids) + 1
                passage_ids[(i, p.seq)] = pid
                yield {
                    "id": pid,
                    "document_id": i + 1,
                    "seq": p.seq,
                    "start": p.start,
                    "end": p.end,
                    "line_start": p.line_start,
                    "line_end": p.line_end,
                    "zone": p.zone,
                    "text": p.text,
                }

    db.table("passages").insert_all(rows(), batch_size=BATCH)
    return passage_ids


def _write_entities(
    db: sqlite_utils.Database,
    documents: Sequence[Document],
    entities: Sequence[Entity],
    passage_ids: Mapping[tuple[int, int], int],
) -> int:
    zones = {(i, p.seq): p.zone for i, doc in enumerate(documents) for p in doc.passages}
    count = 0

    def entity_rows() -> Iterable[dict[str, object]]:
        for e in entities:
            footnotes = sum(
                1 for m in e.mentions if zones[(m.doc_index, m.passage_seq)] == "footnote"
            )
            docs = [m.doc_index for m in e.mentions]
            yield {
                "id": e.key + 1,
                "name": e.name,
                "type": e.type,
                "mention_count": len(e.mentions),
                "body_mentions": len(e.mentions) - footnotes,
                "footnote_mentions": footnotes,
                "first_document_id": min(docs) + 1 if docs else None,
                "last_document_id": max(docs) + 1 if docs else None,
            }

    def mention_rows() -> Iterable[dict[str, object]]:
        nonlocal count
        for e in entities:
            for m in e.mentions:
                count += 1
                yield {
                    "id": count,
                    "entity_id": e.key + 1,
                    "passage_id": passage_ids[(m.doc_index, m.passage_seq)],
                    "start": m.start,
                    "end": m.end,
                    "surface": m.surface,
                    "role": m.role,
                }

    db.table("entities").insert_all(entity_rows(), batch_size=BATCH)
    db.table("aliases").insert_all(
        ({"entity_id": e.key + 1, "alias": a} for e in entities for a in dict.fromkeys(e.aliases)),
        batch_size=BATCH,
    )
    db.table("mentions").insert_all(mention_rows(), batch_size=BATCH)
    return count


def _write_relations(
    db: sqlite_utils.Database,
    relations: Sequence[Relation],
    passage_ids: Mapping[tuple[int, int], int],
) -> int:
    db.table("relations").insert_all(
        (
            {
                "id": i + 1,
                "source_id": r.source_key + 1,
                "target_id": r.target_key + 1,
                "type": r.type,
                "confidence": r.confidence,
                "rule": r.rule,
                "role": r.role,
                "date": r.date,
                "amount": r.amount,
                "currency": r.currency,
                "period": r.period,
                "agreement_id": None if r.agreement_key is None else r.agreement_key + 1,
                "weight": r.weight,
            }
            for i, r in enumerate(relations)
        ),
        batch_size=BATCH,
    )
    db.table("evidence").insert_all(
        (
            {
                "relation_id": i + 1,
                "passage_id": passage_ids[(ev.doc_index, ev.passage_seq)],
                "start": ev.start,
                "end": ev.end,
            }
            for i, r in enumerate(relations)
            for ev in r.evidence
        ),
        batch_size=BATCH,
    )
    return len(relations)


def write_base(conn: sqlite3.Connection, symmetric: frozenset[str]) -> None:
    """Copy the entities, aliases, mentions and relations just written into the ``base_*``
    tables, the uncurated state that curation starts from."""
    conn.executescript(
        """
        INSERT INTO base_entities (id, name, type, entity_id)
            SELECT id, name, type, id FROM entities;
        INSERT INTO base_aliases (base_entity_id, alias) SELECT entity_id, alias FROM aliases;
        INSERT INTO base_mentions (id, base_entity_id, passage_id, start, "end", surface, role)
            SELECT id, entity_id, passage_id, start, "end", surface, role FROM mentions;
        INSERT INTO base_relations (id, source_id, target_id, type, confidence, rule, role, date,
                amount, currency, period, agreement_id, weight)
            SELECT id, source_id, target_id, type, confidence, rule, role, date, amount, currency,
                period, agreement_id, weight FROM relations;
        INSERT INTO base_evidence (base_relation_id, passage_id, start, "end")
            SELECT relation_id, passage_id, start, "end" FROM evidence ORDER BY rowid;
        """
    )
    conn.executemany(
        "UPDATE base_relations SET symmetric = 1 WHERE type = ?", [(t,) for t in sorted(symmetric)]
    )


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
