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
from filature.query.types import EntityCard, Excerpt
from filature.text import counted
from filature.vocabulary import CO_OCCURRENCE


@dataclass(frozen=True)
class RelationGroup:
    """The relations of one type seen from the card's entity, under the label they share."""

    type: str
    label: str
    relations: tuple[RelationRow, ...]


@dataclass(frozen=True)
class Card:
    """Everything ``filature show`` prints about one entity: the read model's entity (its
    name and aliases made safe), the passages that name it, its relations and excerpts."""

    entity: EntityCard
    passages: int
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
    return Card(
        entity=replace(
            entity, name=clean(entity.name), aliases=tuple(clean(a) for a in entity.aliases)
        ),
        passages=count_excerpts(conn, entity_id),
        relations=group_relations(relations),
        mentioned_with=tuple(co[:co_limit]),
        excerpts=tuple(top_excerpts(conn, entity_id, excerpts)),
    )


def _relation_json(r: RelationRow) -> dict[str, Any]:
    data = asdict(r)
    return {"relation_id": data.pop("id"), **data, "label": r.label, "direction": r.side}


def _excerpt_json(x: Excerpt) -> dict[str, Any]:
    hidden = ("document_id", "spans", "entity_ids")
    return {key: value for key, value in asdict(x).items() if key not in hidden}


def card_as_json(card: Card) -> dict[str, Any]:
    """The card as JSON-ready data."""
    e = card.entity
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "counts": {
            "mentions": e.mention_count,
            "body": e.body_mentions,
            "footnotes": e.footnote_mentions,
            "documents": e.document_count,
            "passages": card.passages,
        },
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
    e = card.entity
    docs = "document" if e.document_count == 1 else "documents"
    return (
        f"{e.mention_count} mentions ({e.body_mentions} in the body, "
        f"{e.footnote_mentions} in footnotes) in {e.document_count} {docs}"
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
    entity = card.entity
    lines = [f"{entity.name} ({entity.type})"]
    if entity.aliases:
        lines.append(f"Also named: {', '.join(entity.aliases)}")
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
    entity = card.entity
    parts: list[RenderableType] = [
        Text.assemble((entity.name, "bold"), " ", (f"({entity.type})", "cyan")),
    ]
    if entity.aliases:
        parts.append(Text.assemble(("Also named: ", "dim"), ", ".join(entity.aliases)))
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
