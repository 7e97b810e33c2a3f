"""The read model: frozen, JSON-able records of the read-only queries, the one set the app,
the command line, the dossier and every export read (``dataclasses.asdict`` works on each,
but on ``EntityRow``, a named tuple: use ``row._asdict()``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple

from filature.cite import reference_of, where_json
from filature.vocabulary import CO_OCCURRENCE, Side, relation_label, relation_type

Direction = Literal["out", "in"]
Span = tuple[int, int]


class EntityRow(NamedTuple):
    """One entity as listed: enough to show it in a list (a tuple, cheap to make by the
    hundred thousand)."""

    id: int
    name: str
    type: str
    mention_count: int


@dataclass(frozen=True)
class EntityCard:
    """An entity with its aliases (the canonical name excluded) and its counts."""

    id: int
    name: str
    type: str
    mention_count: int
    body_mentions: int
    footnote_mentions: int
    aliases: tuple[str, ...]
    document_count: int
    first_document: str | None = None
    last_document: str | None = None

    @property
    def cited_only(self) -> bool:
        """Named only in footnotes (typically the author of a cited work), never in the body."""
        return self.body_mentions == 0 and self.footnote_mentions > 0


@dataclass(frozen=True)
class RelationRow:
    """A relation seen from one entity: the counterpart, the direction and the support."""

    id: int
    type: str
    direction: Direction
    counterpart_id: int
    counterpart_name: str
    counterpart_type: str
    role: str | None
    date: str | None
    evidence_count: int
    weight: int
    confidence: float
    amount: float | None = None
    currency: str | None = None
    period: str | None = None

    @property
    def is_co_occurrence(self) -> bool:
        """True for the co-occurrence relations, shown apart from stated ones."""
        return self.type == CO_OCCURRENCE

    @property
    def side(self) -> Side:
        """``both`` for a symmetric type, else the direction seen from the entity."""
        return "both" if relation_type(self.type).symmetric else self.direction

    @property
    def label(self) -> str:
        """The vocabulary's label of the relation seen from the entity."""
        return relation_label(self.type, self.direction)


@dataclass(frozen=True)
class Located:
    """A passage of a document and where it is: what an excerpt and a piece of evidence cite."""

    passage_id: int
    document_id: int
    document_title: str
    document_path: str
    line_start: int
    line_end: int
    zone: str
    page_start: int | None = field(default=None, kw_only=True)
    page_end: int | None = field(default=None, kw_only=True)
    document_label: str | None = field(default=None, kw_only=True)

    def reference(
        self, title: str | None = None, path: str | None = None, label: str | None = None
    ) -> str:
        """Where the passage comes from, as ``filature.cite`` writes it (``title``, ``path``
        and ``label`` may be given already made safe for the output)."""
        return reference_of(self, title, path, label)


@dataclass(frozen=True)
class Excerpt(Located):
    """A passage (or the sentences of it that name an entity) with the spans to highlight in
    it (mentions, evidence or matched terms)."""

    text: str
    spans: tuple[Span, ...]
    entity_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Evidence(Located):
    """A quoted span ``[start, end)`` of a passage, as evidence of a relation."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class EndPoint:
    """One end of a relation."""

    id: int
    name: str
    type: str


@dataclass(frozen=True)
class Relation:
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
    evidence: tuple[Evidence, ...]

    @property
    def stated(self) -> bool:
        """False for co-occurrence, true for the relations the text states."""
        return relation_type(self.type).stated

    @property
    def symmetric(self) -> bool:
        """True for the types that read the same both ways."""
        return relation_type(self.type).symmetric

    @property
    def label(self) -> str:
        """The vocabulary's label of the type, read from the source."""
        return relation_label(self.type)


@dataclass(frozen=True)
class FuzzyHit:
    """An entity found by the fuzzy jump, with the alias that matched and its score (0-100);
    ``close`` when that alias is what was typed (typos, accents, word order and a start left
    aside), not merely a similar name: only a close hit is taken as the answer."""

    id: int
    name: str
    type: str
    mention_count: int
    alias: str
    score: float
    close: bool = False


@dataclass(frozen=True)
class FullTextResult:
    """Full-text hits, or a message explaining why there are none (never an exception)."""

    hits: tuple[Excerpt, ...]
    message: str = ""
    total: int = 0


@dataclass(frozen=True)
class MentionRef:
    """A mention inside a passage of a document view."""

    start: int
    end: int
    entity_id: int
    entity_name: str
    entity_type: str


@dataclass(frozen=True)
class DocumentPassage:
    """One passage of a whole-document view."""

    id: int
    seq: int
    line_start: int
    line_end: int
    zone: str
    text: str
    mentions: tuple[MentionRef, ...]
    page_start: int | None = None
    page_end: int | None = None


@dataclass(frozen=True)
class DocumentView:
    """A whole cleaned document, passage by passage."""

    id: int
    title: str
    path: str
    passages: tuple[DocumentPassage, ...]
    label: str | None = None


def describe_hit_json(hit: FuzzyHit | Excerpt) -> dict[str, Any]:
    """A JSON-ready dict for a fuzzy hit or a full-text hit (as printed by the CLI)."""
    data = asdict(hit)
    if isinstance(hit, Excerpt):
        data["spans"] = [list(span) for span in hit.spans]
        data["entity_ids"] = list(hit.entity_ids)
        data["document"] = hit.document_path
        data.update(where_json(hit))
    return data


@dataclass(frozen=True)
class SharedAmount:
    """An amount the evidence quotes for a row of several relations (a funding row naming
    several programmes): shown as given, never copied into each relation's amount."""

    text: str
    value: float
    currency: str | None
    evidence: Evidence


@dataclass(frozen=True)
class TableRow:
    """One relation of the relations table: its ends and attributes, the documents and
    passages that support it, its evidence (for the citations of an export) and the amount
    its evidence quotes when the relation has none of its own."""

    relation: Relation
    documents: tuple[str, ...]
    passages: int
    shared_amount: SharedAmount | None = None

    @property
    def year(self) -> int | None:
        """The year of the relation's date (else of its period), when it has one."""
        return year_of(self.relation.date) or year_of(self.relation.period)


@dataclass(frozen=True)
class SourceTotal:
    """The amounts of one source in one currency: the total and its share per year
    (``None``: relations without a date or period)."""

    source: EndPoint
    currency: str | None
    total: float
    relations: int
    by_year: tuple[tuple[int | None, float], ...]


@dataclass(frozen=True)
class RelationTable:
    """Every relation of a type (or of every stated type) across the corpus, and the
    amounts totalled per source."""

    rtype: str | None
    rows: tuple[TableRow, ...]
    totals: tuple[SourceTotal, ...]


@dataclass(frozen=True)
class PartialDate:
    """A date as the text gives it: a year, a month or a day, never more precise."""

    text: str
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def key(self) -> tuple[int, int, int]:
        """The sort key: a year alone comes before the months of that year, a month before
        its days (the whole span begins there)."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How precise the date is."""
        return "day" if self.day else "month" if self.month else "year"


def year_of(text: str | None) -> int | None:
    """The year a date or period starts in (``"2017-09"``: 2017), or None."""
    date = parse_date(text)
    return None if date is None else date.year


def parse_date(text: str | None) -> PartialDate | None:
    """``"2015"``, ``"2017-09"``, ``"2016-11-10"`` (or a period starting with one of them,
    ``"2016-2018"``) as a PartialDate; None for anything else."""
    if not text:
        return None
    head = text.strip()
    parts = head[:10].split("-")
    if len(parts[0]) != 4 or not parts[0].isdigit():
        return None
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isdigit() else None
    day = None
    if month is not None and not 1 <= month <= 12:
        month = None
    if month is not None and len(parts) > 2 and parts[2][:2].isdigit() and len(parts[2]) >= 2:
        day = int(parts[2][:2]) if 1 <= int(parts[2][:2]) <= 31 else None
    return PartialDate(head, year, month, day)


@dataclass(frozen=True)
class TimelineEntry:
    """A dated relation: the date as given (from the relation's date, else its period) and
    whether an event is one of its ends."""

    date: PartialDate
    relation: Relation
    from_period: bool = False

    @property
    def events(self) -> tuple[EndPoint, ...]:
        """The ends of the relation that are events."""
        ends = (self.relation.source, self.relation.target)
        return tuple(end for end in ends if end.type == "event")


@dataclass(frozen=True)
class TimelineYear:
    """The entries of one year, in date order."""

    year: int
    entries: tuple[TimelineEntry, ...]

    @property
    def count(self) -> int:
        """How many entries the year holds."""
        return len(self.entries)


@dataclass(frozen=True)
class Timeline:
    """Dated relations in date order, grouped by year, for one entity or the corpus."""

    entity_id: int | None
    years: tuple[TimelineYear, ...]
    undated: int

    @property
    def counts(self) -> dict[int, int]:
        """How many entries each year holds (the chart of the timeline)."""
        return {y.year: y.count for y in self.years}

    @property
    def entries(self) -> tuple[TimelineEntry, ...]:
        """Every entry, in date order."""
        return tuple(e for y in self.years for e in y.entries)


@dataclass(frozen=True)
class Neighbour:
    """An entity tied to another by relations of one type and side."""

    entity: EndPoint
    relations: int
    weight: int


@dataclass(frozen=True)
class NeighbourGroup:
    """The neighbours of an entity through one relation type, seen from that entity; at most
    a cap of them are listed, ``more`` counts the others."""

    type: str
    side: Side
    neighbours: tuple[Neighbour, ...]
    more: int

    @property
    def stated(self) -> bool:
        """False for co-occurrences."""
        return relation_type(self.type).stated

    @property
    def label(self) -> str:
        """The vocabulary's label of the type seen from the entity."""
        return relation_label(self.type, self.side)

    @property
    def count(self) -> int:
        """How many neighbours the group has, listed or not."""
        return len(self.neighbours) + self.more

    @property
    def more_label(self) -> str:
        """``+ 42 more``, or "" when every neighbour is listed."""
        return f"+ {self.more} more" if self.more else ""


@dataclass(frozen=True)
class Network:
    """An entity's neighbours grouped by relation type (stated before co-occurrences), and
    the second degree of the first neighbours (each capped in the same way)."""

    center: EndPoint
    groups: tuple[NeighbourGroup, ...]
    second: tuple[tuple[EndPoint, tuple[NeighbourGroup, ...]], ...] = ()


@dataclass(frozen=True)
class NoteRecord:
    """A note of ``notes.toml`` and what it points to in this database: the entity, the
    relation or the excerpt (all None when nothing matches since a rebuild)."""

    kind: str
    label: str
    note: str
    date: str | None
    entity: EntityCard | None = None
    relation: Relation | None = None
    excerpt: Excerpt | None = None

    @property
    def found(self) -> bool:
        """True when the note points to something in this database."""
        return any(x is not None for x in (self.entity, self.relation, self.excerpt))
