"""Where in the text a name stands: in quotes, in a footnote's author or publisher slot,
glossed in brackets, labelling a reference number.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from filature.extract.lexicon import Lexicon
from filature.extract.rules import (
    looks_like_person,
)
from filature.extract.spans import Trimmed
from filature.extract.textnorm import fold, is_acronym

if TYPE_CHECKING:
    from spacy.tokens import Doc

_QUOTE_PAIRS = (("«", "»"), ("“", "”"))


def in_quotes(text: str, start: int) -> bool:
    before = text[:start]
    return any(before.count(o) > before.count(c) for o, c in _QUOTE_PAIRS) or (
        before.count('"') % 2 == 1
    )


_AUTHORS = re.compile(
    r"^\s*(?:\d{1,3}\s*\.)?\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:,|\bet\b)\s*)*$"
)
_PUBLISHER_SLOT = re.compile(r"^\s*,\s*(?:\d{4}|\d{1,2}(?:er)?\s+\w+\s+\d{4})\b")


def is_lead(text: str, start: int, person: bool) -> bool:
    """True if the span is in a footnote's author slot: first, after ';', or (for a person)
    in the list of names that opens the note ("Tao Xu, Nan Yang")."""
    before = text[:start].rstrip()
    if before.endswith(";") or not before.lstrip("0123456789. "):
        return True
    return person and bool(_AUTHORS.match(text[:start]))


def author_slot(doc: Doc, text: str, span: Trimmed, lex: Lexicon) -> bool:
    """A name NER could not type that opens a footnote and is followed by a comma, made of
    capitalised words at least one of which is no known word: an author ("31. Niva Yau, ...")."""
    words = span.name.split()
    if not 2 <= len(words) <= 4 or text[span.end : span.end + 1] != ",":
        return False
    if not looks_like_person(span.name) or not is_lead(text, span.start, True):
        return False
    vocabulary = (
        lex.noise.english | lex.noise.common_nouns | lex.organization_heads | lex.organization_tails
    )
    if any(fold(w) in vocabulary or (is_acronym(w) and len(w) > 2) for w in words):
        return False
    return any(not doc.vocab[w.lower()].has_vector for w in words)


_GLOSS_BEFORE = re.compile(r"\b[a-zà-öø-ÿ][\w'’-]*\s*\(\s*$")


def gloss(text: str, start: int, end: int) -> bool:
    """A "name" alone in brackets after a lowercase word is a term glossed, not a person:
    "des zones d'origine des Chinois d'outre-mer (Qiao Qian)"."""
    return bool(_GLOSS_BEFORE.search(text[:start])) and text[end:].lstrip().startswith(")")


CITY_BEFORE = re.compile(r"(?:^|[(;:]\s*|\s)[A-Z][\w'’-]+,\s*$")


def publisher_slot(text: str, end: int) -> bool:
    """True if the span is followed by ", <year>" in a citation (a publisher, not an actor)."""
    return bool(_PUBLISHER_SLOT.match(text[end:]))


def word_in_capitals(name: str, written_lower: frozenset[str]) -> bool:
    """ "KURDES" in a cited title: a word of five letters or more written in capitals that
    the document also writes in lowercase ("les villages kurdes") is no acronym."""
    if not is_acronym(name) or len(name) < 5 or not name.isalpha():
        return False
    return name.lower() in written_lower


ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]rticles?|[Aa]rt\.)[ \t]+\d+[\w-]*[ \t,]*$")
REFERENCE_NUMBER = re.compile(r"[ \t]*(?:n[°o][ \t]*)?\d+[ \t]*/[ \t]*\d+")
