"""Peoples and languages are not actors: a language's own name (world knowledge, the CLDR
autonyms of data/languages.toml) and a name listed among words the document writes as common
words ("Hutu, Tutsi ou Twa" beside "l'opposition hutu")."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from filature.extract.countries import load_countries
from filature.extract.lexicon import read_data
from filature.extract.textnorm import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SEPARATORS = frozenset({",", "et", "ou", "ni"})


@cache
def _autonyms() -> frozenset[str]:
    return frozenset(fold(name) for name in read_data("languages.toml")["autonyms"])


def language_name(name: str) -> bool:
    """True when ``name`` is only a language's name in that language ("Kurmancî", "Runasimi")."""
    return fold(name) in _autonyms()


def _siblings(doc: Doc, i: int) -> list[Token]:
    """The one-word capitalised items listed with token ``i`` ("Hutu , Tutsi ou Twa")."""
    found: list[Token] = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j + step < len(doc) and doc[j].lower_ in _SEPARATORS:
            item = doc[j + step]
            if not (item.is_alpha and item.text[:1].isupper()):
                break
            found.append(item)
            j += 2 * step
    return found


def listed_with_common_words(doc: Doc, start: int, end: int, lowercase: frozenset[str]) -> bool:
    """One word listed only with capitalised words the document also writes as common words
    (ethnonyms and adjectives: "Hutu, Tutsi ou Twa" beside "les opposants hutu") is one of
    them, unless world knowledge knows it as a state."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    siblings = _siblings(doc, span.start)
    return (
        bool(siblings)
        and all(t.lower_ in lowercase for t in siblings)
        and load_countries().state_of(span.text) is None
    )
