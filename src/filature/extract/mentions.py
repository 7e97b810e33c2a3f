"""What the per-document analysis finds: raw mentions, acronyms and the document's analysis
(a JSON-able form, for the cache).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from filature.extract.acronyms import AcronymDef
from filature.extract.drops import Dropped
from filature.models import EntityType, Passage, Zone

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class RawMention:
    """A mention before corpus-level merging; offsets are into the passage's text."""

    passage_seq: int
    start: int
    end: int
    surface: str
    name: str
    type: EntityType
    label: str
    role: str | None
    zone: Zone
    quoted: bool = False
    lead: bool = False


@dataclass(frozen=True, slots=True)
class PassageAcronym:
    """An acronym definition located in a passage."""

    passage_seq: int
    definition: AcronymDef


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything the corpus-level steps need from one document."""

    version: str
    mentions: tuple[RawMention, ...]
    acronyms: tuple[PassageAcronym, ...]
    dropped: tuple[Dropped, ...] = ()
    capitalised: tuple[str, ...] = ()
    """The keys of the long words the document writes capitalised ("Eurojust"), for the
    corpus-level filter of words only ever written in capitals."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form (for a cache)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentAnalysis:
        """Inverse of ``to_dict``."""
        return cls(
            version=data["version"],
            mentions=tuple(RawMention(**m) for m in data["mentions"]),
            acronyms=tuple(
                PassageAcronym(a["passage_seq"], AcronymDef(**a["definition"]))
                for a in data["acronyms"]
            ),
            dropped=tuple(Dropped(**d) for d in data.get("dropped", ())),
            capitalised=tuple(data.get("capitalised", ())),
        )


PassageHook: TypeAlias = "Callable[[Passage, Doc, Sequence[RawMention], str], None]"
"""Called for each passage with its spaCy Doc, raw mentions and the text parsed (relations plug
in here)."""

PUBLISHER_LABEL = "PUBLISHER"
STATE_LABEL = "STATE"
