"""The data passed between the relation steps: mention spans in, candidates out (JSON-able)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from filature.models import RelationFacts

Span = tuple[int, int]
"""A ``(start, end)`` character span in one passage's text."""


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """A raw entity mention of a passage: char offsets into the parsed text, its type and role."""

    start: int
    end: int
    type: str
    role: str | None = None

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class RelationCandidate(RelationFacts):
    """A relation stated in one passage, between two mention spans of that passage.

    ``source`` and ``target`` are exactly the spans of mentions given to the finder (or of the
    ``new_mentions`` a table result asks for). ``evidence`` is the sentence (or table cell) span.
    ``source_seq``/``target_seq`` name another passage of the same document when an end lies
    there (table rows cut into passages); ``more_evidence`` holds (seq, start, end) spans of other
    passages that state the relation too. ``trigger`` is the word that stated it.
    """

    source: Span
    target: Span
    type: str
    rule: str
    confidence: float
    evidence: Span
    agreement: Span | None = None
    trigger: str | None = None
    source_seq: int | None = None
    target_seq: int | None = None
    more_evidence: tuple[tuple[int, int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (tuples become lists)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelationCandidate:
        """Inverse of ``to_dict``."""
        values = dict(data)
        for key in ("source", "target", "evidence", "agreement"):
            if values.get(key) is not None:
                values[key] = (int(values[key][0]), int(values[key][1]))
        values["more_evidence"] = tuple(
            (int(a), int(b), int(c)) for a, b, c in values.get("more_evidence", ())
        )
        return cls(**values)


@dataclass(frozen=True)
class TableResult:
    """What a document's table passages yield: (seq, candidate) pairs and the (seq, mention)
    spans the candidates need that were not among the mentions found."""

    candidates: tuple[tuple[int, RelationCandidate], ...] = ()
    new_mentions: tuple[tuple[int, MentionSpan], ...] = field(default=())
