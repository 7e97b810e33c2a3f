"""The kind of thing a text says a name names, when it gives the name to a common noun:
"les forces armées d'Irak (appelées Peshmerga)", "des combattants appelés Peshmerga", "la
ville du même nom (en kurde : Helepçe)". The noun's kind (``data/cues.toml``) types the name,
whatever NER guessed from its letters.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol

from filature.extract.lexicon import Lexicon
from filature.extract.phrases import doc_text
from filature.extract.textnorm import fold
from filature.models import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NAMING_PARTICIPLES = frozenset(
    stem + ending
    for stem in ("appel", "nomm", "surnomm", "denomm", "baptis")
    for ending in ("e", "ee", "es", "ees")
)
_IN_LANGUAGE = re.compile(r"[(;,]\s*en\s+[a-zà-ÿ-]+\s*:\s*$")
_REACH = 30
_QUOTES = frozenset({'"', "«", "“"})


class Kinds(Protocol):
    """The cue words this module reads (``cues.CueWords``)."""

    @property
    def organization_nouns(self) -> frozenset[str]: ...
    @property
    def place_kinds(self) -> frozenset[str]: ...
    @property
    def person_kinds(self) -> frozenset[str]: ...


def _noun_kind(tok: Token, words: Kinds, lex: Lexicon) -> EntityType | None:
    """The type a lowercase noun of a kind gives the name it is given: a kind of organisation,
    of place, a kind of person (in the plural, a group of people under one name: "des
    combattants appelés X" name their group)."""
    if tok.pos_ != "NOUN" or not tok.text.islower():
        return None
    word = fold(tok.text)
    forms = {word, word[:-1] if word.endswith(("s", "x")) else word}
    if forms & words.organization_nouns:
        return "organization"
    if forms & words.place_kinds:
        return "place"
    if forms & words.person_kinds or any((f,) in lex.titles for f in forms):
        plural = "Plur" in tok.morph.get("Number", [])
        return "organization" if plural else "person"
    return None


def _agrees(participle: Token, noun: Token) -> bool:
    for feature in ("Number", "Gender"):
        mine, theirs = participle.morph.get(feature, []), noun.morph.get(feature, [])
        if mine and theirs and mine != theirs:
            return False
    return True


def _named_noun(doc: Doc, k: int) -> Token | None:
    """The noun the naming participle at ``k`` agrees with, looking back over proper names,
    adjectives, complements and bracketed asides ("les forces armées kurdes de Syrie (...) et
    d'Irak (appelées ...)"), back to a verb or the end of a sentence (the parser may cut
    sentences inside brackets)."""
    participle = doc[k]
    j, depth = k - 1, 0
    while j >= max(0, k - _REACH):
        tok = doc[j]
        if tok.text == ")":
            depth += 1
        elif tok.text == "(":
            depth = max(0, depth - 1)
        elif depth == 0 and tok.pos_ == "NOUN" and tok.text.islower() and _agrees(participle, tok):
            return tok
        elif depth == 0 and (tok.pos_ in {"VERB", "AUX"} or tok.text in {".", "!", "?"}):
            return None
        j -= 1
    return None


def named_kind(doc: Doc, span: Span, words: Kinds, lex: Lexicon) -> EntityType | None:
    """The type of a name the text gives to a noun of a kind: after a naming participle
    ("appelées Peshmerga", agreeing with "forces"), or as its name in another language
    ("la ville du même nom (en kurde : Helepçe)"); None when the text gives none."""
    k = span.start - 1
    if k > 0 and doc[k].text in _QUOTES:
        k -= 1
    if k > 0 and _naming(doc[k]):
        noun = _named_noun(doc, k)
        return None if noun is None else _noun_kind(noun, words, lex)
    if not _IN_LANGUAGE.search(doc_text(doc)[: span.start_char]):
        return None
    head = span.root.head
    kind = _noun_kind(head, words, lex) if span.root.dep_ in {"appos", "nmod", "dep"} else None
    if head.i < span.start and kind is not None:
        return kind
    back = range(span.start - 1, max(0, span.start - 12), -1)
    opening = next((j for j in back if doc[j].text == "("), None)
    if opening is not None and opening + 1 < span.start and _naming(doc[opening + 1]):
        noun = _named_noun(doc, opening + 1)  # "(appelées Peshmerga ; en kurde : Pêşmerge)"
        return None if noun is None else _noun_kind(noun, words, lex)
    return None


def _naming(tok: Token) -> bool:
    return fold(tok.text) in _NAMING_PARTICIPLES
