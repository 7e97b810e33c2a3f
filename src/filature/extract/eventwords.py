"""The words of ``data/events.toml`` (heads of named events and agreements, and the words
their complements are read with), folded and loaded once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from filature.extract.lexicon import read_data
from filature.extract.textnorm import fold
from filature.models import EntityType
from filature.text import folded

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class EventWords:
    """The head nouns and complement words of ``data/events.toml``, folded."""

    event_heads: tuple[Phrase, ...]
    place_heads: frozenset[Phrase]
    capital_only: frozenset[Phrase]
    openers: frozenset[str]
    meetings: tuple[Phrase, ...]
    side_heads: frozenset[str]
    agreement_heads: tuple[Phrase, ...]
    not_names: frozenset[str]
    months: frozenset[str]


def _phrase(text: str) -> Phrase:
    return tuple(re.findall(r"[^\s']+'?", fold(text)))


def _phrases(items: Sequence[str]) -> tuple[Phrase, ...]:
    return tuple(sorted({_phrase(w) for w in items}, key=len, reverse=True))


@cache
def load_event_words() -> EventWords:
    """Read ``data/events.toml`` shipped with the package (cached)."""
    data = read_data("events.toml")
    event, complement = data["event"], data["complement"]
    return EventWords(
        event_heads=_phrases(event["heads"]),
        place_heads=frozenset(_phrases(event["place_heads"])),
        capital_only=frozenset(_phrases(event["capital_only"])),
        openers=folded(event["openers"]),
        meetings=_phrases(event["meetings"]),
        side_heads=folded(event["side_heads"]),
        agreement_heads=_phrases(data["agreement"]["heads"]),
        not_names=folded(complement["not_names"]),
        months=folded(complement["months"]),
    )


def kinds(words: EventWords) -> tuple[tuple[tuple[Phrase, ...], EntityType], ...]:
    """(event heads, "event") and (agreement heads, "agreement")."""
    return ((words.event_heads, "event"), (words.agreement_heads, "agreement"))
