"""One document's result (its analysis and relation candidates) and its JSON form for the
cache, written record by record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from filature.extract.mentions import DocumentAnalysis
from filature.extract.relations import (
    RelationCandidate,
)

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class DocumentResult:
    """One document's analysis with its relation candidates (by passage seq)."""

    analysis: DocumentAnalysis
    candidates: tuple[tuple[int, RelationCandidate], ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form for the cache."""
        return {
            "analysis": self.analysis.to_dict(),
            "candidates": [[seq, c.to_dict()] for seq, c in self.candidates],
        }

    def json_chunks(self) -> Iterator[str]:
        """``json.dumps(self.to_dict(), ensure_ascii=False)``, one record at a time: the result
        of a large document is never held whole as dicts and one string."""
        a = self.analysis
        yield f'{{"analysis": {{"version": {_dumps(a.version)}, "mentions": '
        yield from _json_list(asdict(m) for m in a.mentions)
        yield ', "acronyms": '
        yield from _json_list(asdict(x) for x in a.acronyms)
        yield ', "dropped": '
        yield from _json_list(asdict(d) for d in a.dropped)
        yield f', "capitalised": {_dumps(list(a.capitalised))}}}, "candidates": '
        yield from _json_list([seq, c.to_dict()] for seq, c in self.candidates)
        yield "}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        """Inverse of ``to_dict``."""
        return cls(
            DocumentAnalysis.from_dict(data["analysis"]),
            tuple((int(seq), RelationCandidate.from_dict(c)) for seq, c in data["candidates"]),
        )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_list(items: Iterable[Any]) -> Iterator[str]:
    yield "["
    for n, item in enumerate(items):
        yield _dumps(item) if n == 0 else ", " + _dumps(item)
    yield "]"
