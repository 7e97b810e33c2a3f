"""Frozen, JSON-able results of the read-only queries (``dataclasses.asdict`` works on each,
but on ``EntityRow``, a named tuple: use ``row._asdict()``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal, NamedTuple

from filature.cite import reference_of
from filature.vocabulary import CO_OCCURRENCE

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
    """Everything the header of an entity shows."""

    id: int
    name: str
    type: str
    mention_count: int
    body_mentions: int
    footnote_mentions: int
    aliases: tuple[str, ...]
    document_count: int


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

    @property
    def is_co_occurrence(self) -> bool:
        """True for the ``mentioned_with`` relations, shown apart from stated ones."""
        return self.type == CO_OCCURRENCE


@dataclass(frozen=True)
class Excerpt:
    """A passage with the spans to highlight in it (mentions, evidence or matched terms)."""

    passage_id: int
    document_id: int
    document_title: str
    document_path: str
    line_start: int
    line_end: int
    zone: str
    text: str
    spans: tuple[Span, ...]
    entity_ids: tuple[int, ...] = ()
    page_start: int | None = None
    page_end: int | None = None
    document_label: str | None = None

    def reference(
        self, title: str | None = None, path: str | None = None, label: str | None = None
    ) -> str:
        """Where the excerpt comes from, as ``filature.cite`` writes it (``title``, ``path``
        and ``label`` may be given already made safe for the output)."""
        return reference_of(self, title, path, label)


@dataclass(frozen=True)
class FuzzyHit:
    """An entity found by the fuzzy jump, with the alias that matched and its score (0-100)."""

    id: int
    name: str
    type: str
    mention_count: int
    alias: str
    score: float


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
        data["lines"] = [hit.line_start, hit.line_end]
        data["pages"] = None if hit.page_start is None else [hit.page_start, hit.page_end]
        data["citation"] = hit.reference()
    return data
