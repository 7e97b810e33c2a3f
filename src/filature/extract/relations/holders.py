"""Who or what else a role or unit word is said of: the organisation a generic noun refers
back to ("le chef de l'organisation, X"), the names given as examples of a unit ("des organismes
de l'ONU comme l'UNICEF"), and "A et les autres États membres de Y"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.extract.relations.actors import MentionIndex
from filature.extract.relations.lexicon import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc


def named_before(
    index: MentionIndex, doc: Doc, k: int, nouns: frozenset[str]
) -> tuple[int | None, int | None]:
    """ "le chef de l'organisation, Ayman al-Zawahiri": a role's institution given as "de" +
    definite article + a generic noun with no name of its own is an organisation named in
    its sentence or the one before (the one the same noun named, or the only one named
    there); also the token after the generic noun."""
    if k + 2 >= len(doc) or fold(doc[k].text) not in {"de", "du", "d'"}:
        return None, None
    n = k + 1 if fold(doc[k].text) == "du" else k + 2
    if fold(doc[n - 1].text) not in {"du", "l'", "la", "le"} or fold(doc[n].text) not in nouns:
        return None, None
    own = index.at(doc[n + 1]) if n + 1 < len(doc) else None
    if own is not None and index.type_of(own) != "person":
        return None, None
    if n + 1 < len(doc) and doc[n + 1].pos_ in {"ADJ", "ADP"}:
        return None, None  # "du groupe islamiste", "du groupe de Lima": a phrase of its own
    sent = doc[k].sent
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    named: dict[str, int] = {}
    for t in range(k - 1, first - 1, -1):
        m = index.at(doc[t])
        if m is None or index.type_of(m) != "organization":
            continue
        if t > 0 and fold(doc[t - 1].text) == fold(doc[n].text):
            return m, n + 1  # "le groupe Total ... le président du groupe"
        span = index.mentions[m]
        named.setdefault(fold(index.text[span.start : span.end]), m)
    if len(named) == 1:  # one organisation named before: no ambiguity
        return next(iter(named.values())), n + 1
    return None, None


_EXAMPLES = {"comme", "notamment", "dont", "tel", "tels", "telle", "telles", "que", "qu'", ":"}


def examples_after(index: MentionIndex, doc: Doc, k: int) -> list[int]:
    """ "des organismes dépendant de l'ONU comme l'UNICEF et la Commission X": the names
    given as examples right after a plural unit phrase that ends at token ``k``."""
    start = k
    while k < min(start + 4, len(doc)) and (
        fold(doc[k].text) in _EXAMPLES or doc[k].text == "," or doc[k].pos_ == "DET"
    ):
        k += 1
    if k == start or k >= len(doc) or not any(fold(t.text) in _EXAMPLES for t in doc[start:k]):
        return []
    first = index.at(doc[k])
    return [] if first is None else [first, *index.list_after(first)]


def other_member_before(index: MentionIndex, doc: Doc, i: int) -> int | None:
    """ "entre la France et les autres États membres de l'UE": "A et les autres N de Y" says
    that A is an N of Y too."""
    k = i - 1
    if k < 1 or fold(doc[k].text) != "autres":
        return None
    k -= 1
    while k >= 0 and doc[k].pos_ == "DET":
        k -= 1
    if k < 1 or fold(doc[k].text) not in {"et", ","}:
        return None
    return index.at(doc[k - 1])
