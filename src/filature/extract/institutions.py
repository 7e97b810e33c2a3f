"""Institutions named inside job titles: "le ministre de la Sécurité publique" names the
ministry of public security, "membre du parti communiste" names the party.

Such a mention is only a candidate: the corpus step keeps it when its document names the same
institution elsewhere (``corpusfilters.confirm_institutions``), so a title alone never creates an
entity.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from filature.extract.lexicon import Lexicon
from filature.extract.phrases import (
    PhraseIndex,
    doc_text,
    folded_token_texts,
    phrase_index,
    phrase_starts,
)
from filature.extract.textnorm import collapse, fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LABEL = "ROLE-ORG"
_OF = frozenset({"de", "du", "des", "d'"})
_ARTICLES = frozenset({"la", "l'", "les"})
_MAX_WORDS = 8


@dataclass(frozen=True)
class InstitutionSpan:
    """An institution named in a title: offsets of the words naming it, and its full name."""

    start: int
    end: int
    name: str


@cache
def _titles(institutions: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], PhraseIndex]:
    """The institution of each title word ("ministre" -> "ministère") and the titles' index,
    longest titles first."""
    made_of = dict(institutions)
    titles = sorted((tuple(r.split()) for r in made_of), key=len, reverse=True)
    return made_of, PhraseIndex(titles)


def _complement_start(doc: Doc, k: int, lex: Lexicon) -> tuple[int, int] | None:
    """(index of "de", index of the first word of the complement) after a role, or None."""
    while k < len(doc) and doc[k].pos_ == "ADJ" and fold(doc[k].text) in lex.demonyms:
        k += 1
    if k >= len(doc) or fold(doc[k].text) not in _OF:
        return None
    prep = k
    k += 1
    if k < len(doc) and fold(doc[k].text) in _ARTICLES:
        k += 1
    if k >= len(doc) or doc[k].pos_ not in {"NOUN", "PROPN"} or not doc[k].is_alpha:
        return None
    return prep, k


def _phrase_end(doc: Doc, k: int, lex: Lexicon) -> int:
    """Token end of "Sécurité publique", "Économie et des Finances": a noun, its lowercase
    adjectives (demonyms left out) and one coordinated "et de + noun"."""
    end = k + 1
    coordinated = False
    while end < len(doc) and end - k < _MAX_WORDS:
        tok = doc[end]
        if _plain_adjective(tok, lex):
            end += 1
            continue
        nxt = _coordinated_noun(doc, end) if not coordinated else None
        if nxt is None:
            break
        coordinated = True
        end = nxt + 1
    return end


def _plain_adjective(tok: Token, lex: Lexicon) -> bool:
    return (
        tok.pos_ == "ADJ"
        and tok.text[:1].islower()
        and tok.is_alpha
        and fold(tok.text) not in lex.demonyms
    )


def _coordinated_noun(doc: Doc, i: int) -> int | None:
    """Index of the noun of "et de (la) Noun" starting at token ``i``, or None."""
    if fold(doc[i].text) != "et" or i + 2 >= len(doc) or fold(doc[i + 1].text) not in _OF:
        return None
    k = i + 2
    if fold(doc[k].text) in _ARTICLES and k + 1 < len(doc):
        k += 1
    return k if doc[k].pos_ in {"NOUN", "PROPN"} and doc[k].is_alpha else None


def institution_spans(
    doc: Doc, lex: Lexicon, member_roles: tuple[tuple[str, ...], ...]
) -> Iterator[InstitutionSpan]:
    """Institutions named after a title: "ministre de X" gives "ministère de X" (the words of
    ``lex.institutions``); any role of ``member_roles`` followed by "de" and a lowercase
    organisation noun gives that organisation ("membre du parti communiste")."""
    words = folded_token_texts(doc, fold)
    made_of, titles = _titles(tuple(lex.institutions))
    members = phrase_index(member_roles)
    after = 0  # the words of a title are not searched for another one
    for i in phrase_starts(words, titles, members):
        if i < after:
            continue
        n = titles.match(words, i)
        institution = made_of.get(" ".join(words[i : i + n])) if n else None
        if not n:
            n = members.match(words, i)
        if not n:
            continue
        after = i + n
        found = _complement_start(doc, i + n, lex)
        if found is not None:
            prep, k = found
            end = _phrase_end(doc, k, lex)
            start_char, end_char = doc[k].idx, doc[end - 1].idx + len(doc[end - 1].text)
            if institution is not None:
                tail = collapse(doc_text(doc)[doc[prep].idx : end_char])
                yield InstitutionSpan(start_char, end_char, f"{institution} {tail}")
            elif doc[k].text.islower() and words[k] in lex.organization_heads and end > k + 1:
                yield InstitutionSpan(
                    start_char, end_char, collapse(doc_text(doc)[start_char:end_char])
                )
