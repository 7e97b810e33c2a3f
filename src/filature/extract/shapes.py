"""Names whose shape says their kind better than the NER label (``data/shapes.toml``).

- a capitalised plural in "-ides" / "-ades" names a dynasty's realm (or an archipelago): a
  place, whatever the label ("les Abbassides", "les Séleucides");
- a place's name followed by a roman numeral names a legal instrument ("Bruxelles II");
- an acronym defined by a lowercase plural common noun phrase names a kind, not an actor
  ("organisations non gouvernementales (ONG)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from filature.extract.textnorm import fold, is_acronym
from filature.extract.wordlists import WordLists, listed
from filature.models import EntityType

_ROMAN = re.compile(r"(?:X|XI|XII|IX|IV|V?I{0,3})")


@dataclass(frozen=True)
class ShapeWords(WordLists):
    """The folded entries of ``data/shapes.toml``."""

    FILE = "shapes.toml"
    polity_suffixes: tuple[str, ...] = listed("polities", "plural_suffixes", "tuple")
    numeral_tails: frozenset[str] = listed("instruments", "numeral_tails")
    plural_endings: tuple[str, ...] = listed("kinds", "plural_endings", "raw")
    enumeration: frozenset[str] = listed("adverbs", "enumeration")
    adjunct_prepositions: frozenset[str] = listed("adjuncts", "prepositions")


def polity_plural(name: str) -> bool:
    """ "Abbassides", "Séleucides": one capitalised word with a dynasty's plural ending."""
    if " " in name or not name[:1].isupper() or not name.isalpha() or len(name) < 6:
        return False
    return fold(name).endswith(ShapeWords.load().polity_suffixes)


def numbered_instrument(name: str) -> bool:
    """ "Bruxelles II", "Rome I", "Dublin III bis": capitalised words, then a roman numeral."""
    words = name.split()
    if words and fold(words[-1]) in ShapeWords.load().numeral_tails:
        words = words[:-1]
    if len(words) < 2 or not _ROMAN.fullmatch(words[-1]) or not words[-1]:
        return False
    return all(w[:1].isupper() and not _ROMAN.fullmatch(w) for w in words[:-1])


def generic_definition(long_form: str) -> bool:
    """ "organisations non gouvernementales": an acronym's long form written in lowercase and
    headed by a plural noun names a kind of thing, not one actor."""
    words = [w for w in re.split(r"[\s'’-]+", long_form) if w]
    if len(words) < 2 or not all(w.islower() for w in words if w.isalpha()):
        return False
    return words[0].endswith(ShapeWords.load().plural_endings)


def plural_acronym(name: str) -> bool:
    """ "ONGs", "PMEs": an acronym with a plural "s" is a common noun."""
    return len(name) > 2 and name.endswith("s") and is_acronym(name[:-1]) and name[:-1].isupper()


def adjunct_start(words: Sequence[str]) -> int | None:
    """Index of the word opening a lowercase adjunct at the end of a name's ``words`` ("Union
    dans le monde" -> 1), or None."""
    preps = ShapeWords.load().adjunct_prepositions
    for i, word in enumerate(words[1:], 1):
        if fold(word) in preps and all(not w[:1].isupper() for w in words[i:]):
            return i
    return None


def enumeration_adverb(name: str) -> bool:
    """ "Primo", "Secundo": an adverb opening an item of an enumeration."""
    return fold(name) in ShapeWords.load().enumeration


def kind_type(label: str, name: str, etype: EntityType | None) -> EntityType | None:
    """The type a name's shape gives it over ``etype`` (the label's and head noun's)."""
    if polity_plural(name) and etype in {None, "organization", "person", "place"}:
        return "place"
    if numbered_instrument(name) and label == "LOC":
        return "agreement"
    return etype
