"""Peoples and languages are not actors: a language's own name (world knowledge, the CLDR
autonyms of data/languages.toml), a name listed among words the document writes as common
words ("Hutu, Tutsi ou Twa" beside "l'opposition hutu") and the meaning given to a word
("Kurdistan signifie Pays des Kurdes")."""

from __future__ import annotations

import re
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


@cache
def _meaning_before() -> re.Pattern[str]:
    data = read_data("languages.toml")

    def either(words: list[str]) -> str:
        ordered = sorted(words, key=len, reverse=True)
        return "|".join(re.escape(fold(w)).replace(r"\ ", r"\s+") for w in ordered)

    verbs, adverbs = either(data["meaning_words"]), either(data["meaning_adverbs"])
    return re.compile(rf"(?:^|\W)(?:{verbs})(?:\s+(?:{adverbs}))*\s*[«“\"]?\s*$")


def meaning_slot(text: str, start: int) -> bool:
    """True when the name at ``start`` is the meaning the text gives a word ("Kurdistan
    signifie Pays des Kurdes", "veut dire « … »"): a translation, not a name."""
    return bool(_meaning_before().search(fold(text[max(0, start - 60) : start])))


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
