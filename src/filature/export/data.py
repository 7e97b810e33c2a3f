"""Reading a filature database into plain records for the exports, the dossier and the card.

Every text that comes from the documents goes through ``safe_text``: exports and reports carry
no control characters. Only ``store.connect.open_readonly`` connections are expected here.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from filature import cite
from filature.text import safe_text
from filature.vocabulary import CO_OCCURRENCE, SYMMETRIC_TYPES, relation_label


def clean(value: object) -> str:
    """A database value as safe one-line-or-more text (control characters replaced)."""
    return safe_text("" if value is None else str(value))


@dataclass(frozen=True)
class Citation:
    """A quoted span of a passage and where it comes from (document, lines)."""

    document_id: int
    document_title: str
    document_path: str
    line_start: int
    line_end: int
    zone: str
    passage_id: int
    start: int
    end: int
    quote: str
    page_start: int | None = None
    page_end: int | None = None
    document_label: str | None = None

    def reference(
        self, title: str | None = None, path: str | None = None, label: str | None = None
    ) -> str:
        """Where the quote comes from, as ``filature.cite`` writes it (``title``, ``path``
        and ``label`` may be given already escaped for the output)."""
        return cite.reference_of(self, title, path, label)


@dataclass(frozen=True)
class EntityRecord:
    """An entity with its aliases (the canonical name excluded) and its counts."""

    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    mention_count: int
    body_mentions: int
    footnote_mentions: int
    document_count: int

    @property
    def cited_only(self) -> bool:
        """Named only in footnotes (typically the author of a cited work), never in the body."""
        return self.body_mentions == 0 and self.footnote_mentions > 0


@dataclass(frozen=True)
class EndPoint:
    """One end of a relation."""

    id: int
    name: str
    type: str


@dataclass(frozen=True)
class RelationRecord:
    """A relation with both ends, its attributes and its evidence."""

    id: int
    type: str
    source: EndPoint
    target: EndPoint
    role: str | None
    date: str | None
    amount: float | None
    currency: str | None
    period: str | None
    agreement: EndPoint | None
    confidence: float
    rule: str
    weight: int
    evidence: tuple[Citation, ...]

    @property
    def stated(self) -> bool:
        """False for co-occurrence (``mentioned_with``), true for relations the text states."""
        return self.type != CO_OCCURRENCE

    @property
    def symmetric(self) -> bool:
        """True for the types that read the same both ways."""
        return self.type in SYMMETRIC_TYPES

    @property
    def label(self) -> str:
        """The readable label of the type, from the source."""
        return relation_label(self.type)


def _optional(value: object) -> str | None:
    return None if value is None else clean(value)


def read_entities(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> list[EntityRecord]:
    """Entities (all, or those of ``ids``) with aliases and counts, most mentioned first."""
    where, args = _id_filter("e.id", ids)
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
        "SELECT e.id, e.name, e.type, e.mention_count, e.body_mentions, e.footnote_mentions "
        f"FROM entities e WHERE {where} ORDER BY e.mention_count DESC, e.name, e.id",
        args,
    )
    return [
        EntityRecord(
            id=int(r[0]),
            name=clean(r[1]),
            type=str(r[2]),
            aliases=tuple(aliases.get(int(r[0]), ())),
            mention_count=int(r[3]),
            body_mentions=int(r[4]),
            footnote_mentions=int(r[5]),
            document_count=documents.get(int(r[0]), 0),
        )
        for r in rows
    ]


def read_relations(conn: sqlite3.Connection, entity_id: int | None = None) -> list[RelationRecord]:
    """Relations (all, or those with ``entity_id`` at either end) with their evidence.

    Stated relations come first, then co-occurrences; within each, by type and weight.
    """
    sql = (
        "SELECT r.id, r.type, r.source_id, s.name, s.type, r.target_id, t.name, t.type, r.role,"
        " r.date, r.amount, r.currency, r.period, r.agreement_id, a.name, a.type, r.confidence,"
        " r.rule, r.weight FROM relations r JOIN entities s ON s.id = r.source_id"
        " JOIN entities t ON t.id = r.target_id LEFT JOIN entities a ON a.id = r.agreement_id"
    )
    args: tuple[int, ...] = ()
    if entity_id is not None:
        sql += " WHERE r.source_id = ? OR r.target_id = ?"
        args = (entity_id, entity_id)
    sql += f" ORDER BY r.type = '{CO_OCCURRENCE}', r.type, r.weight DESC, r.id"
    rows = conn.execute(sql, args).fetchall()
    evidence = read_evidence(conn, [int(r[0]) for r in rows])
    return [
        RelationRecord(
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
) -> dict[int, list[Citation]]:
    """The citations of each relation of ``relation_ids``, in document and passage order."""
    found: dict[int, list[Citation]] = defaultdict(list)
    for chunk in range(0, len(relation_ids), 500):
        part = list(relation_ids[chunk : chunk + 500])
        marks = ",".join("?" * len(part))
        for row in conn.execute(
            'SELECT ev.relation_id, ev.start, ev."end", d.id, d.title, d.path, p.line_start,'
            " p.line_end, p.zone, p.id, p.text, p.page_start, p.page_end, d.label FROM evidence ev"
            " JOIN passages p ON p.id = ev.passage_id JOIN documents d ON d.id = p.document_id"
            f" WHERE ev.relation_id IN ({marks})"
            ' ORDER BY ev.relation_id, d.path, p.seq, ev.start, ev."end"',
            part,
        ):
            found[int(row[0])].append(citation(tuple(row)[3:], int(row[1]), int(row[2])))
    return found


def citation(row: Sequence[Any], start: int, end: int) -> Citation:
    """A Citation from ``(document id, title, path, line_start, line_end, zone, passage id,
    passage text[, page_start, page_end[, label]])`` and the span ``[start, end)`` of the
    passage text to quote."""
    text = str(row[7])
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Citation(
        document_id=int(row[0]),
        document_title=clean(row[1]),
        document_path=clean(row[2]),
        line_start=int(row[3]),
        line_end=int(row[4]),
        zone=str(row[5]),
        passage_id=int(row[6]),
        start=start,
        end=end,
        quote=safe_text(text[start:end]),
        page_start=None if len(row) < 10 or row[8] is None else int(row[8]),
        page_end=None if len(row) < 10 or row[9] is None else int(row[9]),
        document_label=None if len(row) < 11 or row[10] is None else clean(row[10]),
    )


def _id_filter(column: str, ids: Iterable[int] | None) -> tuple[str, list[int]]:
    if ids is None:
        return "1", []
    wanted = sorted(set(ids))
    if not wanted:
        return "0", []
    return f"{column} IN ({','.join('?' * len(wanted))})", wanted
