"""The small words around mentions that the relation rules read: the prepositions that
introduce a token, relative pronouns, "dont", and the gap between two items of a list."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from filature.extract.relations.lexicon import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

LIST_GAP = re.compile(
    r"^\s*(?:,|;|et|ou|ainsi que|,\s*et|,\s*ou)?\s*"
    r"(?:(?:les?|la|l['’]|des|du|de la|de l['’]|d['’]|aux?|à la|à l['’]|en)\s*)?$",
    re.IGNORECASE,
)
# The gap before the last of coordinated names: "A, B et C", "A ainsi que B".
CONJ_GAP = re.compile(
    r"^\s*,?\s*(?:et|ou|ainsi que)\s+(?:(?:les?|la|l['’]|des|du)\s*)?$", re.IGNORECASE
)
_DESCRIBED = re.compile(
    r"^\s*(?:,|et|ou|,\s*et|,\s*ou)\s+(?:les?|la|l['’]|une?|des)\s*"
    r"(?P<words>(?:[a-zà-öø-ÿ'’-]+\s+){1,7})$"
)
_NOT_BEFORE_NAME = {"de", "du", "des", "d'", "la", "le", "les", "l'", "a", "au", "aux", "en"}
_RELATIVES = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}


def case_words(token: Token) -> str:
    """The folded prepositions (case/mark children, with their fixed parts) introducing
    ``token``: "à destination de", "en tant que"."""
    words = [
        w
        for c in token.children
        if c.dep_ in {"case", "mark", "fixed"} and c.i < token.i
        for w in (c, *(f for f in c.children if f.dep_ == "fixed"))
    ]
    return fold(" ".join(t.text for t in sorted(words, key=lambda t: t.i)))


def described(gap: str) -> bool:
    """ "..., le Pakistan et l'organisation de coopération policière internationale Interpol":
    a list item introduced by a lowercase description in apposition to its name."""
    m = _DESCRIBED.match(gap)
    if m is None:
        return False
    words = m.group("words").split()
    return fold(words[-1]) not in _NOT_BEFORE_NAME and not fold(words[-1]).endswith("'")


def has_dont(token: Token) -> bool:
    """True if "dont" hangs on ``token`` ("Y, dont le président est X")."""
    return any(fold(c.text) == "dont" for c in token.children)


def is_relative(token: Token) -> bool:
    """True for a relative pronoun subject ("qui")."""
    return fold(token.text) in _RELATIVES
