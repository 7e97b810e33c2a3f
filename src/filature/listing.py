"""The listings of ``filature entities`` and ``filature relations``: formatters over the read
model's records (``query.records``), as JSON rows or as rich tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from filature.query.text import printable, printable_line
from filature.query.types import EntityCard, Evidence, Excerpt, FuzzyHit, Relation

MAX_EVIDENCE = 20


def entity_row(e: EntityCard) -> dict[str, Any]:
    """An entity as a JSON row: counts, first and last documents, every name it goes by."""
    return {
        "id": e.id, "name": e.name, "type": e.type, "mention_count": e.mention_count,
        "body_mentions": e.body_mentions, "footnote_mentions": e.footnote_mentions,
        "first_document": e.first_document, "last_document": e.last_document,
        "aliases": sorted({e.name, *e.aliases}), "cited_only": e.cited_only,
    }  # fmt: skip


def entity_table(entities: Sequence[EntityCard]) -> Table:
    """The entities as a table; every text is a ``Text`` (document text is never markup)."""
    rows = (
        (str(e.id), _line(e.name), e.type, str(e.mention_count), _line(", ".join(e.aliases)))
        for e in entities
    )
    return _table(("id", "name", "type", "mentions", "aliases"), rows)


def _line(text: str) -> Text:
    """A cell of document text: one line, control characters visible, never markup."""
    return Text(printable_line(text))


def _table(columns: tuple[str, ...], rows: Iterable[tuple[str | Text, ...]]) -> Table:
    table = Table(*columns, box=None)
    for row in rows:
        table.add_row(*row)
    return table


def _evidence_row(c: Evidence) -> dict[str, Any]:
    return {
        "document": c.document_path,
        "title": c.document_title,
        **c.where_json(),
        "quote": c.quote,
    }


def relation_row(r: Relation) -> dict[str, Any]:
    """A relation as a JSON row: both ends, attributes and its first cited quotes."""
    evidence = sorted(r.evidence, key=lambda c: c.passage_id)[:MAX_EVIDENCE]
    return {
        "id": r.id, "type": r.type, "label": r.label, "source_id": r.source.id,
        "source": r.source.name, "source_type": r.source.type, "target_id": r.target.id,
        "target": r.target.name, "target_type": r.target.type, "role": r.role, "date": r.date,
        "amount": r.amount, "currency": r.currency, "period": r.period,
        "confidence": r.confidence, "rule": r.rule, "weight": r.weight,
        "evidence": [_evidence_row(c) for c in evidence],
    }  # fmt: skip


def relation_table(relations: Sequence[Relation]) -> Table:
    """The relations as a table (the type as ``--type`` takes it)."""
    table = Table("source", "relation", "target", "role", "date", "passages", "rule", box=None)
    for r in relations:
        detail = r.role or ""
        if r.amount is not None:
            detail = f"{r.amount:,.0f} {r.currency or ''} {r.period or ''}".strip()
        table.add_row(
            Text(printable_line(r.source.name)),
            r.type,
            Text(printable_line(r.target.name)),
            Text(printable_line(detail)),
            Text(r.date or ""),
            str(len({c.passage_id for c in r.evidence})),
            Text(r.rule),
        )
    return table


def fuzzy_hit_table(hits: Sequence[FuzzyHit]) -> Table:
    """The ``search`` table: each entity found with the alias that matched and its score."""
    rows = (
        (str(h.id), _line(h.name), h.type, str(h.mention_count), _line(h.alias), f"{h.score:.0f}")
        for h in hits
    )
    return _table(("id", "name", "type", "mentions", "matched", "score"), rows)


def passage_hit(hit: Excerpt) -> tuple[Text, Text]:
    """A ``find`` hit: its citation, zone and passage id in bold, then its text."""
    heading = Text(
        hit.reference(
            printable_line(hit.document_title),
            printable_line(hit.document_path),
            printable_line(hit.document_label or ""),
        )
        + f" ({hit.zone}), "
        f"passage {hit.passage_id}",
        style="bold",
    )
    return heading, Text(printable(hit.text))
