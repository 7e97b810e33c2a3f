"""Whole entities and relations with their evidence, read for the command line, the card, the
dossier and the exports (the read model's records are in ``query.types``).

Every text that comes from the documents goes through ``safe_text``: what is read here is
written out as it is, and carries no control characters. Only ``store.connect.open_readonly``
connections are expected here.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from filature.query.reader import PASSAGE_COLUMNS, located
from filature.query.types import EndPoint, EntityCard, Evidence, Relation
from filature.text import safe_text
from filature.vocabulary import CO_OCCURRENCE


def clean(value: object) -> str:
    """A database value as safe one-line-or-more text (control characters replaced)."""
    return safe_text("" if value is None else str(value))


def _optional(value: object) -> str | None:
    return None if value is None else clean(value)


def read_entities(
    conn: sqlite3.Connection,
    ids: Iterable[int] | None = None,
    *,
    etype: str | None = None,
    limit: int = 0,
) -> list[EntityCard]:
    """Entities (all, those of ``ids``, of one type; at most ``limit`` when it is positive)
    with aliases, counts and first and last documents, most mentioned first."""
    where, args = _id_filter("e.id", ids)
    if etype is not None:
        where += " AND e.type = ?"
        args.append(etype)
    aliases: dict[int, list[str]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT a.entity_id, a.alias, e.name FROM aliases a JOIN entities e ON e.id = a.entity_id"
        f" WHERE {where} ORDER BY a.entity_id, a.alias COLLATE NOCASE, a.alias",
        args,
    ):
        if row[1] != row[2]:
            aliases[int(row[0])].append(clean(row[1]))
    documents = {
        int(r[0]): int(r[1])
        for r in conn.execute(
            "SELECT m.entity_id, COUNT(DISTINCT p.document_id) FROM mentions m "
            f"JOIN passages p ON p.id = m.passage_id JOIN entities e ON e.id = m.entity_id "
            f"WHERE {where} GROUP BY m.entity_id",
            args,
        )
    }
    rows = conn.execute(
        "SELECT e.id, e.name, e.type, e.mention_count, e.body_mentions, e.footnote_mentions,"
        " d1.path, d2.path FROM entities e LEFT JOIN documents d1 ON d1.id = e.first_document_id"
        f" LEFT JOIN documents d2 ON d2.id = e.last_document_id WHERE {where}"
        " ORDER BY e.mention_count DESC, e.name, e.id" + (" LIMIT ?" if limit > 0 else ""),
        [*args, limit] if limit > 0 else args,
    )
    return [
        EntityCard(
            id=int(r[0]),
            name=clean(r[1]),
            type=str(r[2]),
            aliases=tuple(aliases.get(int(r[0]), ())),
            mention_count=int(r[3]),
            body_mentions=int(r[4]),
            footnote_mentions=int(r[5]),
            document_count=documents.get(int(r[0]), 0),
            first_document=_optional(r[6]),
            last_document=_optional(r[7]),
        )
        for r in rows
    ]


def read_relations(
    conn: sqlite3.Connection,
    entity_id: int | None = None,
    *,
    rtype: str | None = None,
    cooccurrence: bool = True,
    limit: int = 0,
    by_names: bool = False,
    ids: Iterable[int] | None = None,
) -> list[Relation]:
    """Relations (all, those with ``entity_id`` at either end, of type ``rtype``, those of
    ``ids``; without co-occurrences unless ``cooccurrence`` or asked for by ``rtype``; at most
    ``limit`` when it is positive) with their evidence.

    Stated relations come first, then co-occurrences; within each, by type and weight (with
    ``by_names``: by type, then source and target names).
    """
    sql = (
        "SELECT r.id, r.type, r.source_id, s.name, s.type, r.target_id, t.name, t.type, r.role,"
        " r.date, r.amount, r.currency, r.period, r.agreement_id, a.name, a.type, r.confidence,"
        " r.rule, r.weight FROM relations r JOIN entities s ON s.id = r.source_id"
        " JOIN entities t ON t.id = r.target_id LEFT JOIN entities a ON a.id = r.agreement_id"
        " WHERE "
    )
    where, args = _id_filter("r.id", ids)
    sql += where
    if entity_id is not None:
        sql += " AND (r.source_id = ? OR r.target_id = ?)"
        args += [entity_id, entity_id]
    if rtype is not None:
        sql += " AND r.type = ?"
        args.append(rtype)
    elif not cooccurrence:
        sql += " AND r.type != ?"
        args.append(CO_OCCURRENCE)
    order = "s.name, t.name" if by_names else "r.weight DESC"
    sql += f" ORDER BY r.type = ?, r.type, {order}, r.id"
    args.append(CO_OCCURRENCE)
    if limit > 0:
        sql += " LIMIT ?"
        args.append(limit)
    rows = conn.execute(sql, args).fetchall()
    evidence = read_evidence(conn, [int(r[0]) for r in rows])
    return [
        Relation(
            id=int(r[0]),
            type=str(r[1]),
            source=EndPoint(int(r[2]), clean(r[3]), str(r[4])),
            target=EndPoint(int(r[5]), clean(r[6]), str(r[7])),
            role=_optional(r[8]),
            date=_optional(r[9]),
            amount=None if r[10] is None else float(r[10]),
            currency=_optional(r[11]),
            period=_optional(r[12]),
            agreement=None if r[13] is None else EndPoint(int(r[13]), clean(r[14]), str(r[15])),
            confidence=float(r[16]),
            rule=clean(r[17]),
            weight=int(r[18]),
            evidence=tuple(evidence.get(int(r[0]), ())),
        )
        for r in rows
    ]


def read_evidence(
    conn: sqlite3.Connection, relation_ids: Sequence[int]
) -> dict[int, list[Evidence]]:
    """The evidence of each relation of ``relation_ids``, in document and passage order."""
    found: dict[int, list[Evidence]] = defaultdict(list)
    for chunk in range(0, len(relation_ids), 500):
        part = list(relation_ids[chunk : chunk + 500])
        marks = ",".join("?" * len(part))
        for row in conn.execute(
            f'SELECT ev.relation_id, ev.start, ev."end", {PASSAGE_COLUMNS} FROM evidence ev'
            " JOIN passages p ON p.id = ev.passage_id JOIN documents d ON d.id = p.document_id"
            f" WHERE ev.relation_id IN ({marks})"
            ' ORDER BY ev.relation_id, d.path, p.seq, ev.start, ev."end"',
            part,
        ):
            found[int(row[0])].append(_evidence(tuple(row)[3:], int(row[1]), int(row[2])))
    return found


def _evidence(row: Sequence[Any], start: int, end: int) -> Evidence:
    """An Evidence from a row of ``PASSAGE_COLUMNS`` and the span ``[start, end)`` of the
    passage text to quote."""
    text = str(row[7])
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Evidence(**located(row, clean), start=start, end=end, quote=safe_text(text[start:end]))


def _id_filter(column: str, ids: Iterable[int] | None) -> tuple[str, list[object]]:
    if ids is None:
        return "1", []
    wanted = sorted(set(ids))
    if not wanted:
        return "0", []
    return f"{column} IN ({','.join('?' * len(wanted))})", list(wanted)
