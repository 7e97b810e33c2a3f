"""What the entity list sorts and filters by, and its frequency view: per entity the number
of documents naming it, its first date and where it is named (body or footnotes only, the
cited authors); entities counted by type and by document (as VisiData's frequency sheet)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from filature.cite import document_name
from filature.query.records import clean
from filature.query.types import EntityRow
from filature.query.views import PartialDate, parse_date
from filature.text import norm_key

Order = Literal["mentions", "name", "documents", "first date"]
ORDERS: tuple[Order, ...] = ("mentions", "name", "documents", "first date")
Scope = Literal["all", "body", "footnotes"]
SCOPES: tuple[Scope, ...] = ("all", "body", "footnotes")
SCOPE_LABELS = {"all": "", "body": "named in the body", "footnotes": "footnotes only"}


@dataclass(frozen=True)
class EntityFacts:
    """What sorts and filters one entity: the documents naming it, the earliest date the
    corpus gives it (a dated relation, else a dated document naming it), and whether it is
    named only in footnotes (a cited author)."""

    documents: int
    first_date: PartialDate | None
    cited_only: bool


def entity_facts(conn: sqlite3.Connection) -> dict[int, EntityFacts]:
    """The facts of every entity, by id."""
    doc_dates = {
        int(i): d for i, text in conn.execute("SELECT id, date FROM documents")
        if (d := parse_date(None if text is None else str(text))) is not None
    }  # fmt: skip
    documents: dict[int, set[int]] = defaultdict(set)
    for eid, did in conn.execute(
        "SELECT DISTINCT m.entity_id, p.document_id FROM mentions m"
        " JOIN passages p ON p.id = m.passage_id"
    ):
        documents[int(eid)].add(int(did))
    first: dict[int, PartialDate] = {}

    def seen(eid: int, date: PartialDate) -> None:
        if eid not in first or date.key < first[eid].key:
            first[eid] = date

    for source, target, text in conn.execute(
        "SELECT source_id, target_id, date FROM relations WHERE date IS NOT NULL"
    ):
        date = parse_date(str(text))
        if date is not None:
            seen(int(source), date)
            seen(int(target), date)
    facts = {}
    for eid, body, notes in conn.execute(
        "SELECT id, body_mentions, footnote_mentions FROM entities"
    ):
        docs = documents.get(int(eid), set())
        date = first.get(int(eid))
        if date is None:
            dated = [doc_dates[d] for d in docs if d in doc_dates]
            date = min(dated, key=lambda d: d.key) if dated else None
        facts[int(eid)] = EntityFacts(len(docs), date, int(body) == 0 and int(notes) > 0)
    return facts


def sort_entities(
    rows: Sequence[EntityRow], order: Order, facts: dict[int, EntityFacts]
) -> list[EntityRow]:
    """``rows`` in ``order``: most mentioned, by name, most documents, or earliest first
    (undated last); ties by mentions, then name."""
    none = EntityFacts(0, None, False)

    def tie(r: EntityRow) -> tuple[int, str]:
        return -r.mention_count, norm_key(r.name)

    if order == "name":
        return sorted(rows, key=lambda r: (norm_key(r.name), r.name, r.id))
    if order == "documents":
        return sorted(rows, key=lambda r: (-facts.get(r.id, none).documents, *tie(r)))
    if order == "first date":

        def dated(r: EntityRow) -> tuple[bool, tuple[int, int, int], int, str]:
            date = facts.get(r.id, none).first_date
            return date is None, date.key if date else (0, 0, 0), *tie(r)

        return sorted(rows, key=dated)
    return list(rows)


def in_scope(
    rows: Sequence[EntityRow], scope: Scope, facts: dict[int, EntityFacts]
) -> list[EntityRow]:
    """The rows named in the body (``body``), only in footnotes (``footnotes``), or all."""
    if scope == "all":
        return list(rows)
    want = scope == "footnotes"
    return [r for r in rows if r.id in facts and facts[r.id].cited_only == want]


@dataclass(frozen=True)
class Frequency:
    """One line of a frequency table: a value (a type, a document), how many entities it
    holds and their mentions."""

    key: str
    label: str
    entities: int
    mentions: int


@dataclass(frozen=True)
class Frequencies:
    """Entities counted by type and by document, most entities first."""

    by_type: tuple[Frequency, ...]
    by_document: tuple[Frequency, ...]


def frequencies(conn: sqlite3.Connection) -> Frequencies:
    """Entities and their mentions per type and per document."""
    by_type = tuple(
        Frequency(str(t), str(t), int(n), int(m or 0))
        for t, n, m in conn.execute(
            "SELECT type, COUNT(*), SUM(mention_count) FROM entities GROUP BY type"
            " ORDER BY COUNT(*) DESC, type"
        )
    )
    by_document = tuple(
        Frequency(str(i), document_name(clean(title), clean(label or "")), int(n), int(m))
        for i, title, label, n, m in conn.execute(
            "SELECT d.id, d.title, d.label, COUNT(DISTINCT m.entity_id), COUNT(*)"
            " FROM mentions m JOIN passages p ON p.id = m.passage_id"
            " JOIN documents d ON d.id = p.document_id GROUP BY d.id"
            " ORDER BY COUNT(DISTINCT m.entity_id) DESC, d.path"
        )
    )
    return Frequencies(by_type, by_document)
