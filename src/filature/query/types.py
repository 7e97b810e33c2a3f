"""The read model: frozen, JSON-able records of the read-only queries, the one set the app,
the command line, the dossier and every export read (``dataclasses.asdict`` works on each,
but on ``EntityRow``, a named tuple: use ``row._asdict()``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple

from filature.cite import join, reference_parts
from filature.models import RelationFacts
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
class RelationRow(RelationFacts):
    """A relation seen from one entity: the counterpart, the direction and the support."""

    id: int
    type: str
    direction: Direction
    counterpart_id: int
    counterpart_name: str
    counterpart_type: str
    evidence_count: int
    weight: int
    confidence: float

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

    def cited_parts(
        self, title: str | None = None, path: str | None = None, label: str | None = None
    ) -> tuple[str, str]:
        """``cite.reference_parts`` of the passage: the document's name and where the passage
        is in it; ``title``, ``path`` and ``label``, when given, replace the record's own
        (already made safe for the output)."""
        return reference_parts(
            self.document_title if title is None else title,
            self.document_path if path is None else path,
            self.line_start,
            self.line_end,
            self.page_start,
            self.page_end,
            label=self.document_label if label is None else label,
        )

    def reference(
        self, title: str | None = None, path: str | None = None, label: str | None = None
    ) -> str:
        """Where the passage comes from, as ``filature.cite`` writes it (``cited_parts``
        joined)."""
        return join(self.cited_parts(title, path, label))

    def where_json(self) -> dict[str, Any]:
        """The place of the passage as JSON: ``lines``, ``pages`` (None for a text file) and
        the ``citation`` string."""
        pages = None if self.page_start is None else [self.page_start, self.page_end]
        return {
            "lines": [self.line_start, self.line_end],
            "pages": pages,
            "citation": self.reference(),
        }


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
class Relation(RelationFacts):
    """A relation with both ends, its attributes and its evidence."""

    id: int
    type: str
    source: EndPoint
    target: EndPoint
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
        data.update(hit.where_json())
    return data
