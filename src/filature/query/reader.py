"""Read-only queries over a filature database: entities, relations, excerpts, documents."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from filature.query.types import (
    EntityCard,
    EntityRow,
    Excerpt,
    RelationRow,
    Span,
)
from filature.vocabulary import CO_OCCURRENCE

ZONE_RANK = "CASE p.zone WHEN 'body' THEN 0 WHEN 'heading' THEN 1 WHEN 'table' THEN 2 ELSE 3 END"
PASSAGE_COLUMNS = (
    "p.id, p.document_id, d.title, d.path, p.line_start, p.line_end, p.zone, p.text,"
    " p.page_start, p.page_end, d.label"
)


def type_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many entities of each type the database holds."""
    rows = conn.execute("SELECT type, COUNT(*) FROM entities GROUP BY type")
    return {str(t): int(n) for t, n in rows}


def entity_list_sql(etype: str | None, limit: int | None) -> tuple[str, list[object]]:
    """The statement of :func:`list_entities` and its arguments (all types: in the order of
    ``idx_entities_mentions``, so that a first page stops at the page)."""
    sql = (
        "SELECT CAST(id AS INTEGER), CAST(name AS TEXT), CAST(type AS TEXT), "
        "CAST(mention_count AS INTEGER) FROM entities"
    )
    args: list[object] = []
    if etype:
        sql += " WHERE type = ?"
        args.append(etype)
    sql += " ORDER BY mention_count DESC, name COLLATE NOCASE, id"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    return sql, args


def list_entities(
    conn: sqlite3.Connection, etype: str | None = None, limit: int | None = None
) -> list[EntityRow]:
    """Entities (of one type, or all), most mentioned first."""
    sql, args = entity_list_sql(etype, limit)
    types: dict[str, str] = {}  # one string per type, not one per row
    return [EntityRow(i, n, types.setdefault(t, t), c) for i, n, t, c in conn.execute(sql, args)]


def entity_card(conn: sqlite3.Connection, entity_id: int) -> EntityCard | None:
    """The header of one entity, or None if there is no such entity."""
    row = conn.execute(
        "SELECT id, name, type, mention_count, body_mentions, footnote_mentions "
        "FROM entities WHERE id = ?",
        (entity_id,),
    ).fetchone()
    if row is None:
        return None
    name = str(row[1])
    aliases = tuple(
        str(a)
        for (a,) in conn.execute(
            "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias COLLATE NOCASE, alias",
            (entity_id,),
        )
        if a != name
    )
    (documents,) = conn.execute(
        "SELECT COUNT(DISTINCT p.document_id) FROM mentions m "
        "JOIN passages p ON p.id = m.passage_id WHERE m.entity_id = ?",
        (entity_id,),
    ).fetchone()
    return EntityCard(
        id=int(row[0]),
        name=name,
        type=str(row[2]),
        mention_count=int(row[3]),
        body_mentions=int(row[4]),
        footnote_mentions=int(row[5]),
        aliases=aliases,
        document_count=int(documents),
    )


def relations_of(conn: sqlite3.Connection, entity_id: int, limit: int = 2000) -> list[RelationRow]:
    """Relations where the entity is source or target: stated ones first, best supported first."""
    sql = """
    SELECT r.id, r.type, r.direction, e.id, e.name, e.type, r.role, r.date, r.weight, r.confidence,
           (SELECT COUNT(DISTINCT ev.passage_id) FROM evidence ev WHERE ev.relation_id = r.id),
           r.amount, r.currency, r.period
    FROM (
        SELECT id, type, 'out' AS direction, target_id AS other, role, date, weight, confidence,
               amount, currency, period
        FROM relations WHERE source_id = :e
        UNION ALL
        SELECT id, type, 'in', source_id, role, date, weight, confidence, amount, currency, period
        FROM relations WHERE target_id = :e AND source_id != :e
    ) r JOIN entities e ON e.id = r.other
    ORDER BY r.type = :co, r.type, r.weight DESC, e.mention_count DESC, e.name
    LIMIT :limit
    """
    return [
        RelationRow(
            id=int(r[0]),
            type=str(r[1]),
            direction="out" if r[2] == "out" else "in",
            counterpart_id=int(r[3]),
            counterpart_name=str(r[4]),
            counterpart_type=str(r[5]),
            role=None if r[6] is None else str(r[6]),
            date=None if r[7] is None else str(r[7]),
            weight=int(r[8]),
            confidence=float(r[9]),
            evidence_count=int(r[10]),
            amount=None if r[11] is None else float(r[11]),
            currency=None if r[12] is None else str(r[12]),
            period=None if r[13] is None else str(r[13]),
        )
        for r in conn.execute(sql, {"e": entity_id, "limit": limit, "co": CO_OCCURRENCE})
    ]


def count_excerpts(conn: sqlite3.Connection, entity_id: int) -> int:
    """How many distinct passages mention the entity."""
    (n,) = conn.execute(
        "SELECT COUNT(DISTINCT passage_id) FROM mentions WHERE entity_id = ?", (entity_id,)
    ).fetchone()
    return int(n)


def excerpts_for_entity(
    conn: sqlite3.Connection, entity_id: int, offset: int = 0, limit: int = 50
) -> list[Excerpt]:
    """One page of the passages that mention the entity: body first, then footnotes."""
    rows = conn.execute(  # the page is chosen on ids first: sorting texts costs more
        f"SELECT {PASSAGE_COLUMNS} FROM ("
        f" SELECT p.id AS id, {ZONE_RANK} AS rank, p.document_id AS doc, p.seq AS seq"
        " FROM passages p WHERE p.id IN (SELECT passage_id FROM mentions WHERE entity_id = ?)"
        " ORDER BY rank, doc, seq LIMIT ? OFFSET ?) AS page "
        "JOIN passages p ON p.id = page.id JOIN documents d ON d.id = p.document_id "
        "ORDER BY page.rank, page.doc, page.seq",
        (entity_id, limit, offset),
    ).fetchall()
    return _marked(conn, rows, "mentions WHERE entity_id = ?", (entity_id,), (entity_id,))


def excerpts_for_relation(
    conn: sqlite3.Connection, relation_id: int, limit: int = 200
) -> list[Excerpt]:
    """The passages supporting a relation, with the evidence spans (or both mentions) marked."""
    rel = conn.execute(
        "SELECT source_id, target_id FROM relations WHERE id = ?", (relation_id,)
    ).fetchone()
    if rel is None:
        return []
    ends = (int(rel[0]), int(rel[1]))
    rows = conn.execute(
        f"SELECT {PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.document_id "
        "WHERE p.id IN (SELECT passage_id FROM evidence WHERE relation_id = ?) "
        f"ORDER BY {ZONE_RANK}, p.document_id, p.seq LIMIT ?",
        (relation_id, limit),
    ).fetchall()
    if rows:
        return _marked(conn, rows, "evidence WHERE relation_id = ?", (relation_id,), ends)
    rows = conn.execute(
        f"SELECT {PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.document_id "
        "WHERE p.id IN (SELECT passage_id FROM mentions WHERE entity_id = ? "
        "INTERSECT SELECT passage_id FROM mentions WHERE entity_id = ?) "
        f"ORDER BY {ZONE_RANK}, p.document_id, p.seq LIMIT ?",
        (*ends, limit),
    ).fetchall()
    return _marked(conn, rows, "mentions WHERE entity_id IN (?, ?)", ends, ends)


def _marked(
    conn: sqlite3.Connection,
    rows: Sequence[Sequence[Any]],
    where: str,
    args: tuple[int, ...],
    entity_ids: tuple[int, ...],
) -> list[Excerpt]:
    """Rows of ``PASSAGE_COLUMNS`` as excerpts of ``entity_ids``, each with the spans marked
    in it by the rows of ``where`` ("mentions WHERE entity_id = ?", with ``args``)."""
    ids = [int(r[0]) for r in rows]
    found: dict[int, list[Span]] = defaultdict(list)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        sql = f'SELECT passage_id, start, "end" FROM {where} AND passage_id IN ({marks})'
        for pid, start, end in conn.execute(sql, (*args, *part)):
            found[int(pid)].append((int(start), int(end)))
    spans = {pid: tuple(sorted(set(got))) for pid, got in found.items()}
    return [excerpt_from_row(r, spans.get(int(r[0]), ()), entity_ids) for r in rows]


def located(row: Sequence[Any], text: Callable[[object], str] = str) -> dict[str, Any]:
    """The ``Located`` fields of a row of ``PASSAGE_COLUMNS``; ``text`` reads the document's
    title, path and label (``records.clean`` where they are written out as they are)."""
    return {
        "passage_id": int(row[0]), "document_id": int(row[1]), "document_title": text(row[2]),
        "document_path": text(row[3]), "line_start": int(row[4]), "line_end": int(row[5]),
        "zone": str(row[6]), "page_start": None if row[8] is None else int(row[8]),
        "page_end": None if row[9] is None else int(row[9]),
        "document_label": None if row[10] is None else text(row[10]),
    }  # fmt: skip


def excerpt_from_row(row: Any, spans: tuple[Span, ...], entity_ids: tuple[int, ...]) -> Excerpt:
    """An Excerpt from a row of ``PASSAGE_COLUMNS``."""
    return Excerpt(**located(row), text=str(row[7]), spans=spans, entity_ids=entity_ids)
