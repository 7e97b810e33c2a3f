"""The entity card of ``filature show`` and the dossier: who an entity is, how it is named, its
relations and its best passages, read through the read model (``filature.query``) and
formatted as JSON (``card_as_json``), plain text (``card_as_text``) or a rich view
(``card_renderable``). Every text is made safe (no control characters).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from filature.query import RelationRow, count_excerpts, relations_of
from filature.query import entity_card as read_entity
from filature.query.excerpts import top_excerpts
from filature.query.records import clean
from filature.query.resolve import EntityNotFound
from filature.query.text import printable_line
from filature.query.types import Excerpt
from filature.text import counted
from filature.vocabulary import CO_OCCURRENCE


@dataclass(frozen=True)
class RelationGroup:
    """The relations of one type seen from the card's entity, under the label they share."""

    type: str
    label: str
    relations: tuple[RelationRow, ...]


@dataclass(frozen=True)
class Counts:
    """How often and where the entity is named."""

    mentions: int
    body: int
    footnotes: int
    documents: int
    passages: int


@dataclass(frozen=True)
class Card:
    """Everything ``filature show`` prints about one entity."""

    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    counts: Counts
    relations: tuple[RelationGroup, ...]
    mentioned_with: tuple[RelationRow, ...]
    excerpts: tuple[Excerpt, ...]


def group_relations(relations: Sequence[RelationRow]) -> tuple[RelationGroup, ...]:
    """Stated relations grouped by label, groups in first-seen order."""
    groups: dict[tuple[str, str], list[RelationRow]] = {}
    for rel in relations:
        if not rel.is_co_occurrence:
            groups.setdefault((rel.type, rel.label), []).append(rel)
    return tuple(RelationGroup(t, label, tuple(rels)) for (t, label), rels in groups.items())


def _safe(row: RelationRow) -> RelationRow:
    return replace(
        row,
        counterpart_name=clean(row.counterpart_name),
        role=None if row.role is None else clean(row.role),
        date=None if row.date is None else clean(row.date),
    )


def card_of(
    conn: sqlite3.Connection, entity_id: int, *, excerpts: int = 3, co_limit: int = 12
) -> Card:
    """The card of one entity; raises EntityNotFound if there is no such id."""
    entity = read_entity(conn, entity_id)
    if entity is None:
        raise EntityNotFound(f"No entity with id #{entity_id}.")
    relations = [_safe(r) for r in relations_of(conn, entity_id)]
    co = sorted(
        (r for r in relations if r.is_co_occurrence),
        key=lambda r: (-r.weight, r.counterpart_name),
    )
    counts = Counts(
        entity.mention_count,
        entity.body_mentions,
        entity.footnote_mentions,
        entity.document_count,
        count_excerpts(conn, entity_id),
    )
    return Card(
        id=entity.id,
        name=clean(entity.name),
        type=entity.type,
        aliases=tuple(clean(a) for a in entity.aliases),
        counts=counts,
        relations=group_relations(relations),
        mentioned_with=tuple(co[:co_limit]),
        excerpts=tuple(top_excerpts(conn, entity_id, excerpts)),
    )


def _relation_json(r: RelationRow) -> dict[str, Any]:
    return {
        "relation_id": r.id, "type": r.type, "label": r.label, "direction": r.side,
        "counterpart_id": r.counterpart_id, "counterpart_name": r.counterpart_name,
        "counterpart_type": r.counterpart_type, "role": r.role, "date": r.date,
        "evidence_count": r.evidence_count, "weight": r.weight, "confidence": r.confidence,
    }  # fmt: skip


def _excerpt_json(x: Excerpt) -> dict[str, Any]:
    return {
        "passage_id": x.passage_id, "document_title": x.document_title,
        "document_path": x.document_path, "line_start": x.line_start, "line_end": x.line_end,
        "zone": x.zone, "text": x.text, "page_start": x.page_start, "page_end": x.page_end,
        "document_label": x.document_label,
    }  # fmt: skip


def card_as_json(card: Card) -> dict[str, Any]:
    """The card as JSON-ready data."""
    return {
        "id": card.id,
        "name": card.name,
        "type": card.type,
        "aliases": list(card.aliases),
        "counts": asdict(card.counts),
        "relations": [
            {
                "type": g.type,
                "label": g.label,
                "relations": [_relation_json(r) for r in g.relations],
            }
            for g in card.relations
        ],
        CO_OCCURRENCE: [_relation_json(r) for r in card.mentioned_with],
        "excerpts": [_excerpt_json(x) for x in card.excerpts],
    }


def describe_counts(card: Card) -> str:
    """``5 mentions (3 in the body, 2 in footnotes) in 2 documents``."""
    c = card.counts
    docs = "document" if c.documents == 1 else "documents"
    return (
        f"{c.mentions} mentions ({c.body} in the body, {c.footnotes} in footnotes) "
        f"in {c.documents} {docs}"
    )


def describe_relation(rel: RelationRow) -> str:
    """``Interpol (organization) · président · 2016-11-10 · 1 passage``."""
    parts = [f"{rel.counterpart_name} ({rel.counterpart_type})"]
    parts += [p for p in (rel.role, rel.date) if p]
    if rel.is_co_occurrence:
        parts.append(counted(rel.weight, "passage"))
    else:
        parts.append(counted(rel.evidence_count, "passage"))
    return " · ".join(parts)


def card_as_text(card: Card) -> str:
    """The card as plain text: no markup, no control characters."""
    lines = [f"{card.name} ({card.type})"]
    if card.aliases:
        lines.append(f"Also named: {', '.join(card.aliases)}")
    lines.append(describe_counts(card).capitalize())
    if card.relations:
        lines += ["", "Relations"]
        for group in card.relations:
            lines += [f"  {group.label}:"]
            lines += [f"    - {describe_relation(r)}" for r in group.relations]
    if card.mentioned_with:
        lines += ["", "Mentioned with (co-occurrence, not a stated relation)"]
        lines += [f"  - {describe_relation(r)}" for r in card.mentioned_with]
    if card.excerpts:
        lines += ["", "Excerpts"]
        for ex in card.excerpts:
            lines.append(f"  « {ex.text} »")
            lines.append(f"    {ex.reference()}")
    return "\n".join(lines) + "\n"


def card_renderable(card: Card) -> RenderableType:
    """The card for a rich console; every text is a ``Text`` (document text is never markup)."""
    parts: list[RenderableType] = [
        Text.assemble((card.name, "bold"), " ", (f"({card.type})", "cyan")),
    ]
    if card.aliases:
        parts.append(Text.assemble(("Also named: ", "dim"), ", ".join(card.aliases)))
    parts.append(Text(describe_counts(card).capitalize(), style="dim"))
    if card.relations:
        table = Table(
            "relation", "with", "role", "date", "passages", box=None, title_justify="left"
        )
        for group in card.relations:
            for r in group.relations:
                table.add_row(
                    Text(group.label, "green"),
                    Text(f"{r.counterpart_name} ({r.counterpart_type})"),
                    Text(r.role or ""),
                    Text(r.date or ""),
                    Text(str(r.evidence_count)),
                )
        parts += [Text("\nRelations", "bold"), table]
    if card.mentioned_with:
        parts.append(Text("\nMentioned with (co-occurrence, not a stated relation)", "bold"))
        parts += [Text(f"  {describe_relation(r)}") for r in card.mentioned_with]
    if card.excerpts:
        parts.append(Text("\nExcerpts", "bold"))
        for ex in card.excerpts:
            parts.append(Text(f"« {ex.text} »"))
            title, path = printable_line(ex.document_title), printable_line(ex.document_path)
            label = printable_line(ex.document_label or "")
            parts.append(Text(f"  {ex.reference(title, path, label)}", "dim"))
    return Group(*parts)
