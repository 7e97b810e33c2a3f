"""The runs of words that can follow an event's head noun: proper names, dates, adjectives,
a nationality, a lowercase topic ("traité sur le fonctionnement de l'Union"), each as the index
of the token where the run ends."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from filature.extract.countries import nationality_state
from filature.extract.eventwords import EventWords
from filature.extract.lexicon import load_lexicon
from filature.extract.textnorm import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ARTICLES = frozenset({"la", "l'"})
GOVERNED = frozenset({"à", "au", "aux"})
_TOPIC_OF = frozenset({"de", "d'", "du", "des"})
_TOPIC_LINKS = frozenset({"de", "d'", "du", "des", "la", "l'", "le", "les", "et"})
_TOPIC_MAX = 8
_PROPER_MAX = 4
_YEAR = re.compile(r"(?:1[0-9]|20)\d\d")
_OPENING = set('.!?:;"(–—-')


def opens(doc: Doc, i: int) -> bool:
    """True if token ``i`` opens a sentence, a quote or a bracket: its capital says nothing."""
    if i == 0 or doc[i].is_sent_start:
        return True
    return doc[i - 1].text[-1:] in _OPENING


def capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)


def _party_word(tok: Token, words: EventWords) -> bool:
    """A capitalised word that starts the name of a party or a body, not of the event or
    agreement: "accord du Gouvernement", "traités du Ministère"."""
    word = fold(tok.text)
    return word in words.not_names or word in load_lexicon().organization_heads


def proper_run(doc: Doc, j: int, words: EventWords) -> int:
    """End (exclusive) of the proper name starting at ``j`` (capitalised words and what is
    glued to them by a hyphen: "Qasr-e Chirin", "Iran-Irak"), or ``j`` if none starts there."""
    if j >= len(doc) or not capital(doc[j]) or _party_word(doc[j], words):
        return j
    if doc[j].pos_ not in {"PROPN", "NOUN", "X", "ADJ"} or opens(doc, j):
        return j
    end, capitals = j + 1, 1
    while end < len(doc):
        tok, before = doc[end], doc[end - 1]
        glued = before.whitespace_ == "" and (tok.text == "-" or before.text == "-")
        if glued and (tok.is_alpha or tok.text == "-"):
            end += 1
        elif before.whitespace_ and capital(tok) and tok.is_alpha and capitals < _PROPER_MAX:
            if tok.ent_iob_ == "B" and tok.ent_type_ != doc[j].ent_type_:
                break
            end += 1
            capitals += 1
        else:
            break
    while end > j and doc[end - 1].text == "-":
        end -= 1
    return end


def date_run(doc: Doc, j: int, words: EventWords) -> int:
    """End of "de 1997", "de janvier 2015", "du 11 septembre 2001" after a head, or ``j``."""
    if j >= len(doc) or fold(doc[j].text) not in {"de", "du", "d'"}:
        return j
    k = j + 1
    if k < len(doc) and doc[k].text.isdigit() and len(doc[k].text) <= 2:
        k += 1
        if k >= len(doc) or fold(doc[k].text) not in words.months:
            return j
    if k < len(doc) and fold(doc[k].text) in words.months:
        k += 1
    if k < len(doc) and _YEAR.fullmatch(doc[k].text):
        return k + 1
    return k if k > j + 2 and doc[j + 1].text.isdigit() else j


def adjectives(doc: Doc, j: int, titled: bool = False) -> int:
    """End of the lowercase adjectives at ``j`` (capitalised ones too if ``titled``)."""
    while j < len(doc) and doc[j].pos_ == "ADJ":
        text = doc[j].text
        if not (text.islower() or (titled and text.istitle() and not doc[j].is_sent_start)):
            break
        if j + 1 < len(doc) and doc[j + 1].lower_ in GOVERNED:
            break  # "relative aux droits de l'enfant": the subject's opener, read by the caller
        j += 1
    return j


def nationality_end(doc: Doc, j: int) -> int:
    """End of lowercase adjectives at ``j`` up to the last nationality one ("civile
    syrienne"), or ``j`` if none is a nationality."""
    end = j
    for k in range(j, adjectives(doc, j)):
        if nationality_state(fold(doc[k].text)) is not None:
            end = k + 1
    return end


def _after_of(doc: Doc, k: int) -> bool:
    """True if token ``k`` follows "de", "des", "du", "de la" or "de l'"."""
    before = [fold(t.text) for t in doc[max(k - 2, 0) : k]]
    if before and before[-1] in _TOPIC_OF:
        return True
    return len(before) == 2 and before[-1] in ARTICLES and before[0] in _TOPIC_OF


def topic_run(doc: Doc, j: int, titled: bool = False) -> tuple[int, bool]:
    """End of a subject in lowercase ("des droits de l'homme", "de l'enfant") at ``j`` and
    whether it ends with a proper name ("des droits fondamentaux de l'Union"); ``titled``:
    after a capitalised head, capitalised nouns may be subject words too ("Convention
    internationale des Droits de l'Enfant")."""
    if j >= len(doc) or fold(doc[j].text) not in _TOPIC_OF:
        return j, False
    end, proper, k = j, False, j
    while k < len(doc) and k - j < _TOPIC_MAX:
        tok = doc[k]
        word = fold(tok.text)
        if word in _TOPIC_LINKS and tok.text[:1].islower():
            k += 1
            continue
        lower = tok.text.islower() or (titled and tok.text.istitle())
        if tok.is_alpha and lower and tok.pos_ in {"NOUN", "ADJ"}:
            end = k = k + 1
            continue
        named = end > j and _after_of(doc, k)  # "des droits ... de l'Union", not "des Etats"
        if capital(tok) and tok.pos_ in {"PROPN", "NOUN"} and named:
            k += 1
            while k < len(doc) and capital(doc[k]) and doc[k].is_alpha:
                k += 1
            end, proper = adjectives(doc, k), True
        break
    return end, proper
