"""Institutions named by a generic head and its complements, read from the parse: "le tribunal
de grande instance de Bonneville", "au barreau de BREST", "le conseil constitutionnel", "les
archives nationales", "le ministère de la justice", "le SRPJ de Reims", "le Centre d'analyse
du terrorisme". The place of "de Bonneville" is part of the name, not a place of its own.

A head in lowercase (``data/bodies.toml``) names a body only after a determiner and with a
complement saying which one: a proper name, a classifying adjective, or a field for a ministry.
A capitalised organisation head (``lexicon.toml``) or an acronym may also take lowercase
complements ("Centre d'analyse du terrorisme") when NER did not start a name there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from filature.extract.countries import load_countries
from filature.extract.lexicon import Lexicon, load_lexicon, read_data
from filature.extract.phrases import folded_token_texts, token_texts
from filature.extract.textnorm import fold, is_acronym
from filature.text import folded

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LABEL = "BODY"
_OF = frozenset({"de", "d'", "du", "des"})
_ARTICLES = frozenset({"la", "l'", "les"})
_BEFORE = frozenset(
    {"le", "la", "les", "l'", "au", "aux", "du", "des", "d'", "de", "ce", "cette", "son", "sa"}
    | {"ses", "leur", "leurs", "notre", "votre", "par", "à", "a"}
)
_MAX_COMPLEMENTS = 3


_GOVERNED = frozenset({"à", "au", "aux"})


def governs(doc: Doc, i: int) -> bool:
    """True if token ``i`` is an adjective or participle whose own complement follows it
    ("relatif à l'entraide", "chargée de la lutte"): it starts what is said of a name, not the
    name ("l'Union européenne à Bruxelles" keeps "européenne")."""
    if i + 1 >= len(doc) or doc[i].pos_ not in {"ADJ", "VERB"}:
        return False
    nxt = doc[i + 1]
    participle = "Part" in doc[i].morph.get("VerbForm", []) and nxt.pos_ == "ADP"
    return (nxt.lower_ in _GOVERNED or participle) and nxt.head.head.i == i


@dataclass(frozen=True)
class BodyWords:
    """The folded words of ``data/bodies.toml``."""

    heads: frozenset[str]
    by_field: frozenset[str]
    territories: frozenset[str]
    suffixes: tuple[str, ...]
    qualifying: frozenset[str]
    nationalities: frozenset[str]

    def classifying(self, tok: Token) -> bool:
        """A lowercase adjective that says which body ("constitutionnel", "nationales",
        "kirghize")."""
        word = fold(tok.text)
        return (
            tok.pos_ == "ADJ"
            and tok.text.islower()
            and tok.is_alpha
            and word not in self.qualifying
            and (word.endswith(self.suffixes) or word in self.nationalities)
            and not governs(tok.doc, tok.i)
        )


@cache
def load_body_words() -> BodyWords:
    """Read ``data/bodies.toml`` (cached)."""
    data = read_data("bodies.toml")
    adjectives = data["adjectives"]
    return BodyWords(
        heads=folded(data["heads"]["words"]),
        by_field=folded(data["heads"]["by_field"]),
        territories=folded(data["heads"]["territories"]),
        suffixes=tuple(fold(s) for s in adjectives["suffixes"]),
        qualifying=folded(adjectives["qualifying"]),
        nationalities=load_lexicon().demonyms | frozenset(load_countries().demonyms),
    )


@dataclass(frozen=True)
class BodySpan:
    """A body's name: character offsets into the parsed text."""

    start: int
    end: int


def _proper_end(doc: Doc, k: int) -> int | None:
    """Token end of the proper name starting at ``k`` ("Clermont-Ferrand", "BREST"), or None."""
    tok = doc[k]
    if not tok.text[:1].isupper() or not tok.is_alpha:
        return None
    if tok.ent_iob_ == "B":
        end = k + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return end
    if tok.is_upper and tok.pos_ != "PROPN" and tok.ent_iob_ == "O":
        return None  # a common word in a heading in capitals ("COUR D'APPEL")
    if tok.pos_ not in {"PROPN", "NOUN", "ADJ"} and not tok.is_upper:
        return None
    end = k + 1
    while end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
        end += 1
    return end


def _more_proper(doc: Doc, end: int, words: BodyWords) -> int:
    """Extend over the proper name's classifying adjectives ("ministère de la Santé
    publique") and further "de + proper name" ("Tribunal de Grande Instance de BONNEVILLE")."""
    while end < len(doc):
        if words.classifying(doc[end]):
            end += 1
            continue
        k = end + 1
        if k + 1 < len(doc) and fold(doc[k].text) in _ARTICLES:
            k += 1
        nxt = _proper_end(doc, k) if k < len(doc) else None
        if fold(doc[end].text) not in _OF or nxt is None:
            break
        end = nxt
    return end


def _complements(doc: Doc, i: int, words: BodyWords) -> tuple[int, bool, bool, bool]:
    """Read what follows a head at token ``i``: (token end, ends on a proper name, has a
    classifying adjective, has a lowercase noun complement)."""
    end, adjective, field = i + 1, False, False
    complements = 0
    while end < len(doc) and complements <= _MAX_COMPLEMENTS:
        tok = doc[end]
        if words.classifying(tok):
            adjective, end = adjective or not field, end + 1  # "conseil constitutionnel"
            continue
        if fold(tok.text) not in _OF or end + 1 >= len(doc):
            break
        k = end + 1
        if fold(doc[k].text) in _ARTICLES and k + 1 < len(doc):
            k += 1
        proper = _proper_end(doc, k)
        if proper is not None:
            return _more_proper(doc, proper, words), True, adjective, field
        if doc[k].pos_ == "ADJ" and doc[k].text.islower() and k + 1 < len(doc):
            k += 1
        same_case = doc[k].text.islower() or (doc[k].is_upper and doc[i].is_upper)
        if doc[k].pos_ != "NOUN" or not same_case or not doc[k].is_alpha:
            break
        field, end, complements = True, k + 1, complements + 1
    return end, False, adjective, field


def body_spans(doc: Doc, lex: Lexicon) -> Iterator[BodySpan]:
    """Bodies named by a head and its complements in a parsed passage (see the module doc)."""
    words = load_body_words()
    folded, texts = folded_token_texts(doc, fold), token_texts(doc)
    i = 0
    while i < len(doc):
        head = folded[i]
        capitalised = texts[i][:1].isupper()
        if not (
            head in words.heads
            or (capitalised and (head in lex.organization_heads or is_acronym(texts[i])))
        ):
            i += 1  # neither a lowercase nor a capitalised head: the checks below all fail
            continue
        tok = doc[i]
        lower = tok.text.islower() and head in words.heads
        capital = (
            tok.text[:1].isupper()
            and head not in words.territories
            and (head in lex.organization_heads or head in words.heads or is_acronym(tok.text))
        )
        if not (lower or capital) or (lower and (i == 0 or fold(doc[i - 1].text) not in _BEFORE)):
            i += 1
            continue
        end, proper, adjective, field = _complements(doc, i, words)
        known = head in words.heads or head in lex.organization_heads
        acronym = is_acronym(tok.text) and not known
        unnamed = not (tok.ent_iob_ == "B" and tok.ent_type_ == "ORG")
        named = (
            proper
            or (adjective and head in words.heads)
            or (field and ((capital and unnamed) or head in words.by_field))
        )
        if acronym and (not proper or doc.vocab[tok.lower_].has_vector):
            named = False  # an acronym heads "SRPJ de Reims"; "HISTOIRE DES KURDES" is a title
        if capital and tok.ent_iob_ == "B" and tok.ent_type_ == "ORG":
            named = False  # NER's own name, with its extensions, is kept
        if capital and not proper and (tok.is_sent_start or i == 0):
            named = False
        if named and end > i + 1:
            yield BodySpan(tok.idx, doc[end - 1].idx + len(doc[end - 1].text))
            i = end
            continue
        i += 1
