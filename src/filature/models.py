"""Small frozen dataclasses shared by every layer (ingest, extract, store, query, tui)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Zone = Literal["body", "footnote", "table", "heading"]
ZONES: tuple[Zone, ...] = ("body", "footnote", "table", "heading")

EntityType = Literal["person", "organization", "place", "agreement", "operation", "event"]
ENTITY_TYPES: tuple[EntityType, ...] = (
    "person",
    "organization",
    "place",
    "agreement",
    "operation",
    "event",
)

FileStatus = Literal["ok", "warning", "skipped"]


@dataclass(frozen=True)
class FileReport:
    """What happened to one file of the corpus during a build."""

    path: str
    status: FileStatus
    reason: str = ""
    encoding: str | None = None


@dataclass(frozen=True)
class SourceText:
    """A file read and decoded, before cleaning.

    ``format`` names the file's format (``txt``, ``md``, ``pdf``, ``html``…); ``title``,
    ``author`` and ``date`` are what the file itself declares; ``page_starts`` gives the offset
    in ``text`` where each page starts (empty for formats without pages); ``zones`` are spans
    of ``text`` the format marks itself (footnotes, tables); ``parent`` is the path of the
    message a file was attached to (None for a file of the folder); ``attachments`` are the
    (file name, bytes) pairs the file carries, still to be read.
    """

    path: Path
    rel_path: str
    text: str
    encoding: str
    sha256: str
    warnings: tuple[str, ...] = ()
    format: str = "txt"
    title: str | None = None
    author: str | None = None
    date: str | None = None
    page_starts: tuple[int, ...] = ()
    zones: tuple[tuple[int, int, Zone], ...] = ()
    parent: str | None = None
    attachments: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class CleanText:
    """Cleaned text with a map from each cleaned character back to the original text.

    ``offsets[i]`` is the index in the original (decoded) text of cleaned character ``i``;
    ``offsets`` has one extra trailing entry, the original end, so that a cleaned span
    ``[a, b)`` maps to the original span ``[offsets[a], offsets[b - 1] + 1)``. An ``array`` of
    machine integers, not a tuple: a tuple of Python ints costs about 36 bytes a character.
    """

    text: str
    offsets: Sequence[int]
    footnote_numbers: frozenset[int] = frozenset()

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span ``[start, end)`` to its span in the original text."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph (or part of a long one) of a cleaned document; pages are numbered from 1
    and are None for formats without pages."""

    seq: int
    start: int
    end: int
    line_start: int
    line_end: int
    zone: Zone
    text: str
    page_start: int | None = None
    page_end: int | None = None


@dataclass(frozen=True)
class Document:
    """A document ready to be analysed and stored.

    ``author``, ``date`` (ISO 8601) and ``label`` (a short name to cite it by) come from the
    file's own metadata or from the analyst's ``documents.toml``; ``parent`` is the path of
    the message the document was attached to.
    """

    path: str
    title: str
    sha256: str
    encoding: str
    text: str
    passages: tuple[Passage, ...]
    format: str = "txt"
    author: str | None = None
    date: str | None = None
    pages: int | None = None
    label: str | None = None
    parent: str | None = None

    @property
    def chars(self) -> int:
        return len(self.text)


@dataclass(frozen=True, slots=True)
class Mention:
    """One located mention of an entity: offsets are into the passage's text."""

    doc_index: int
    passage_seq: int
    start: int
    end: int
    surface: str
    role: str | None = None


@dataclass(frozen=True)
class Entity:
    """A canonical entity with every surface form and every mention."""

    key: int
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    """A span of a passage that states a relation: offsets are into the passage's text."""

    doc_index: int
    passage_seq: int
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationFacts:
    """What a relation states besides its two ends and its type: a role, a date, an amount
    with its currency and period. Every relation record derives from it (the candidate an
    extraction finds, the relation it stores, the rows and records read back), so each fact
    is declared once; the fields are keyword-only and come after the record's own."""

    role: str | None = None
    date: str | None = None
    amount: float | None = None
    currency: str | None = None
    period: str | None = None


@dataclass(frozen=True, slots=True)
class Relation(RelationFacts):
    """A typed relation between two entities (by key), backed by evidence spans."""

    source_key: int
    target_key: int
    type: str
    confidence: float
    rule: str
    evidence: tuple[EvidenceSpan, ...]
    agreement_key: int | None = None
    weight: int = 1


@dataclass(frozen=True)
class Extraction:
    """What the extraction stage produces for a whole corpus."""

    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    notes: tuple[str, ...] = field(default=())
