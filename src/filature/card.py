"""The entity card: who an entity is, how it is named, its relations and its best passages.

``entity_card`` reads it (frozen dataclasses; JSON through ``card_as_json``), ``card_as_text``
gives the plain text the app copies, ``card_renderable`` the rich view of ``filature show``.
``resolve_entity`` turns a name typed by a user into an entity id.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from filature.export.data import RelationRecord, clean, read_relations
from filature.export.excerpts import Excerpt, top_excerpts
from filature.query.text import fold, printable_line
from filature.vocabulary import CO_OCCURRENCE, relation_label

Direction = Literal["out", "in", "both"]
_ID = re.compile(r"#(\d+)")


@dataclass(frozen=True)
class Candidate:
    """An entity offered when a name is ambiguous or not found."""

    id: int
    name: str
    type: str
    mention_count: int

    def describe(self) -> str:
        """``#12 Meng Hongwei (person, 3 mentions)``."""
        return f"#{self.id} {self.name} ({self.type}, {self.mention_count} mentions)"


class EntityLookupError(LookupError):
    """A name that does not lead to exactly one entity; ``candidates`` are the closest ones."""

    def __init__(self, message: str, candidates: Sequence[Candidate] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = tuple(candidates)

    def __str__(self) -> str:
        return self.message


class EntityNotFound(EntityLookupError):
    """No entity matches the name."""


class AmbiguousName(EntityLookupError):
    """Several entities match the name equally well."""


def _pick(name: str, found: Sequence[Candidate], how: str) -> int:
    if len(found) == 1:
        return found[0].id
    ranked = sorted(found, key=lambda c: (-c.mention_count, c.name, c.id))
    listed = "; ".join(c.describe() for c in ranked[:8])
    raise AmbiguousName(
        f"{clean(name)!r} {how} {len(found)} entities: {listed}. Give the full name, "
        "the type, or the id as #ID.",
        ranked,
    )


def resolve_entity(conn: sqlite3.Connection, name: str, etype: str | None = None) -> int:
    """The id of the entity called ``name``: ``#ID``, then the exact name, then the name or an
    alias ignoring case and accents, then the best fuzzy match if it stands out.

    Raises AmbiguousName (with the candidates) or EntityNotFound (with near misses).
    """
    text = name.strip()
    typed = "" if etype is None else " AND e.type = :t"
    args = {"n": text, "t": etype}
    if match := _ID.fullmatch(text):
        args["n"] = match.group(1)
        sql = "SELECT id, name, type, mention_count FROM entities e WHERE e.id = :n"
        rows = conn.execute(sql + typed, args).fetchall()
        if not rows:
            raise EntityNotFound(f"No entity with id {text}.")
        return int(rows[0][0])
    exact = conn.execute(
        "SELECT id, name, type, mention_count FROM entities e WHERE e.name = :n" + typed, args
    ).fetchall()
    if exact:
        return _pick(text, [Candidate(int(r[0]), clean(r[1]), str(r[2]), int(r[3])) for r in exact],
                     "names")  # fmt: skip
    folded = fold(text)
    by_name: dict[int, Candidate] = {}
    by_alias: dict[int, Candidate] = {}
    if folded:
        for r in conn.execute(
            "SELECT e.id, e.name, e.type, e.mention_count, a.alias FROM entities e "
            "LEFT JOIN aliases a ON a.entity_id = e.id WHERE 1" + typed,
            args,
        ):
            candidate = Candidate(int(r[0]), clean(r[1]), str(r[2]), int(r[3]))
            if fold(str(r[1])) == folded:
                by_name[candidate.id] = candidate
            elif r[4] is not None and fold(str(r[4])) == folded:
                by_alias[candidate.id] = candidate
    if by_name:
        return _pick(text, list(by_name.values()), "names")
    if by_alias:
        return _pick(text, list(by_alias.values()), "is an alias of")
    return _fuzzy(conn, text, etype)


def _fuzzy(conn: sqlite3.Connection, text: str, etype: str | None) -> int:
    from filature.query import fuzzy_search

    hits = fuzzy_search(conn, text, limit=6, etype=etype)
    near = [Candidate(h.id, clean(h.name), h.type, h.mention_count) for h in hits]
    if hits and hits[0].score >= 88 and (len(hits) == 1 or hits[0].score - hits[1].score >= 8):
        return hits[0].id
    if not near:
        raise EntityNotFound(f"No entity is named like {clean(text)!r}.")
    listed = "; ".join(c.describe() for c in near)
    raise AmbiguousName(f"No entity is named {clean(text)!r}. Closest: {listed}.", near)


@dataclass(frozen=True)
class CardRelation:
    """A relation seen from the card's entity."""

    relation_id: int
    type: str
    label: str
    direction: Direction
    counterpart_id: int
    counterpart_name: str
    counterpart_type: str
    role: str | None
    date: str | None
    evidence_count: int
    weight: int
    confidence: float


@dataclass(frozen=True)
class RelationGroup:
    """The relations of one type (and direction label) seen from the card's entity."""

    type: str
    label: str
    relations: tuple[CardRelation, ...]


@dataclass(frozen=True)
class Counts:
    """How often and where the entity is named."""

    mentions: int
    body: int
    footnotes: int
    documents: int
    passages: int


@dataclass(frozen=True)
class EntityCard:
    """Everything ``filature show`` prints about one entity."""

    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    counts: Counts
    relations: tuple[RelationGroup, ...]
    mentioned_with: tuple[CardRelation, ...]
    excerpts: tuple[Excerpt, ...]


def card_relation(entity_id: int, r: RelationRecord) -> CardRelation:
    """A relation record seen from ``entity_id`` (one of its ends)."""
    outgoing = r.source.id == entity_id
    direction: Direction = "both" if r.symmetric else ("out" if outgoing else "in")
    other = r.target if outgoing else r.source
    return CardRelation(
        relation_id=r.id,
        type=r.type,
        label=relation_label(r.type, "out" if outgoing else "in"),
        direction=direction,
        counterpart_id=other.id,
        counterpart_name=other.name,
        counterpart_type=other.type,
        role=r.role,
        date=r.date,
        evidence_count=len({c.passage_id for c in r.evidence}),
        weight=r.weight,
        confidence=r.confidence,
    )


def group_relations(relations: Sequence[CardRelation]) -> tuple[RelationGroup, ...]:
    """Stated relations grouped by label, groups in first-seen order."""
    groups: dict[tuple[str, str], list[CardRelation]] = {}
    for rel in relations:
        if rel.type != CO_OCCURRENCE:
            groups.setdefault((rel.type, rel.label), []).append(rel)
    return tuple(RelationGroup(t, label, tuple(rels)) for (t, label), rels in groups.items())


def entity_card(
    conn: sqlite3.Connection, entity_id: int, *, excerpts: int = 3, co_limit: int = 12
) -> EntityCard:
    """The card of one entity; raises EntityNotFound if there is no such id."""
    row = conn.execute(
        "SELECT id, name, type, mention_count, body_mentions, footnote_mentions FROM entities "
        "WHERE id = ?",
        (entity_id,),
    ).fetchone()
    if row is None:
        raise EntityNotFound(f"No entity with id #{entity_id}.")
    aliases = tuple(
        clean(a)
        for (a,) in conn.execute(
            "SELECT alias FROM aliases WHERE entity_id = ? AND alias != ? "
            "ORDER BY alias COLLATE NOCASE, alias",
            (entity_id, row[1]),
        )
    )
    documents, passages = conn.execute(
        "SELECT COUNT(DISTINCT p.document_id), COUNT(DISTINCT p.id) FROM mentions m "
        "JOIN passages p ON p.id = m.passage_id WHERE m.entity_id = ?",
        (entity_id,),
    ).fetchone()
    relations = [card_relation(entity_id, r) for r in read_relations(conn, entity_id)]
    co = sorted(
        (r for r in relations if r.type == CO_OCCURRENCE),
        key=lambda r: (-r.weight, r.counterpart_name),
    )
    return EntityCard(
        id=int(row[0]),
        name=clean(row[1]),
        type=str(row[2]),
        aliases=aliases,
        counts=Counts(int(row[3]), int(row[4]), int(row[5]), int(documents), int(passages)),
        relations=group_relations(relations),
        mentioned_with=tuple(co[:co_limit]),
        excerpts=tuple(top_excerpts(conn, entity_id, excerpts)),
    )


def card_as_json(card: EntityCard) -> dict[str, Any]:
    """The card as JSON-ready data."""
    return asdict(card)


def describe_counts(card: EntityCard) -> str:
    """``5 mentions (3 in the body, 2 in footnotes) in 2 documents``."""
    c = card.counts
    docs = "document" if c.documents == 1 else "documents"
    return (
        f"{c.mentions} mentions ({c.body} in the body, {c.footnotes} in footnotes) "
        f"in {c.documents} {docs}"
    )


def describe_relation(rel: CardRelation) -> str:
    """``Interpol (organization) · président · 2016-11-10 · 1 passage``."""
    parts = [f"{rel.counterpart_name} ({rel.counterpart_type})"]
    parts += [p for p in (rel.role, rel.date) if p]
    if rel.type == CO_OCCURRENCE:
        parts.append(f"{rel.weight} passage{'s' if rel.weight != 1 else ''}")
    else:
        parts.append(f"{rel.evidence_count} passage{'s' if rel.evidence_count != 1 else ''}")
    return " · ".join(parts)


def card_as_text(card: EntityCard) -> str:
    """The card as plain text (what the app's ``C`` key copies): no markup, no control chars."""
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


def card_renderable(card: EntityCard) -> RenderableType:
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
