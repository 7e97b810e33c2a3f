"""Units of an administration named in lowercase, as administrative and legal prose writes them:
"la direction centrale de la police judiciaire", "la police nationale", "l'office central pour
la répression de la traite des êtres humains", "le bureau Afrique de la FIDH".

A unit head (``data/bodies.toml`` [administration]) names a body only after a determiner and
when what follows says which one:
- a scope adjective and a field: "direction générale de la sécurité intérieure", "service de
  coopération technique internationale de police";
- for a corps ("police", "gendarmerie"), a scope adjective alone: "la police nationale";
- a field whose words the document abbreviates as an acronym somewhere ("la brigade de
  recherche et d'intervention" in a text that writes BRI);
- a region or country and the organisation it is part of: "le bureau Afrique de la FIDH".
Generic phrases name nothing: "les services de l'État", "la police", "le service compétent",
"la direction de l'établissement".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from filature.extract.bodies import BodySpan, governs, load_body_words
from filature.extract.countries import load_countries
from filature.extract.lexicon import load_lexicon, read_data
from filature.extract.phrases import folded_token_texts
from filature.extract.textnorm import fold, is_acronym
from filature.text import folded

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_BEFORE = frozenset({"le", "la", "l'", "au", "du", "ce", "cet", "cette", "son", "sa", "leur"})
"""Definite determiners: without one ("des officiers de police nationale") the words qualify,
they name no body."""
_ARTICLES = frozenset({"la", "l'", "le", "les"})
_LINKS = frozenset({"de", "d'", "du", "des", "pour", "contre", "aux", "au", "à", "en"})
_OF = frozenset({"de", "d'", "du", "des"})
_ACRONYM = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý&]{2,9}\b")
_MAX_TOKENS = 16
ACRONYM_MIN = 3


@dataclass(frozen=True)
class UnitSpan(BodySpan):
    """A unit's name; for a branch, the offsets of the region or state it is named after and
    of the organisation it is part of, both named inside it."""

    place: tuple[int, int] | None = None
    parent: tuple[int, int] | None = None


@dataclass(frozen=True)
class UnitWords:
    """The folded words of ``data/bodies.toml`` [administration]."""

    units: frozenset[str]
    corps: frozenset[str]
    scope: frozenset[str]
    self_naming: frozenset[str]
    branches: frozenset[str]
    referring: frozenset[str]


@cache
def load_unit_words() -> UnitWords:
    """Read the [administration] table of ``data/bodies.toml`` (cached)."""
    data = read_data("bodies.toml")["administration"]

    def words(key: str) -> frozenset[str]:
        return folded(data[key])

    return UnitWords(
        words("units"),
        words("corps"),
        words("scope"),
        words("self_naming"),
        words("branches"),
        words("referring") | load_lexicon().organization_heads,
    )


def written_acronyms(text: str) -> frozenset[str]:
    """The folded all-caps words of at least three letters a document writes ("SCTIP")."""
    return frozenset(fold(m.group()) for m in _ACRONYM.finditer(text))


def _word(tok: Token) -> str:
    """A function word as written, in lowercase ("à" stays apart from the verb "a")."""
    return tok.lower_.replace("’", "'")


def _lower(tok: Token, pos: str) -> bool:
    return tok.pos_ == pos and tok.text.islower() and tok.text.replace("-", "").isalpha()


def _adjectives(doc: Doc, j: int, field: bool = False) -> tuple[int, list[int], bool]:
    """(end, indices, has a scope adjective) of the classifying adjectives at ``j``; after a
    field's noun, any adjective but a qualifying one ("criminalité organisée")."""
    body, units = load_body_words(), load_unit_words()
    found: list[int] = []
    scope = False
    while j < len(doc) and not governs(doc, j):
        tok = doc[j]
        word = fold(tok.text)
        participle = (
            _lower(tok, "VERB")
            and "Part" in tok.morph.get("VerbForm", [])
            and tok.dep_ in {"amod", "acl"}
            and tok.head.i < tok.i
        )  # "criminalité organisée", not the verb of "... judiciaire conduit les enquêtes"
        loose = field and (_lower(tok, "ADJ") or participle) and word not in body.qualifying
        if not (loose or body.classifying(tok) or (word in units.scope and tok.text.islower())):
            break
        scope = scope or word in units.scope
        found.append(j)
        j += 1
    return j, found, scope


def _field(doc: Doc, k: int, limit: int) -> tuple[int, list[int], bool]:
    """(end, indices of its nouns and adjectives, has a scope adjective) of a field in
    lowercase at ``k``: "du renseignement intérieur", "pour la répression de la traite des
    êtres humains", "de coopération technique internationale de police"."""
    end, content, scope = k, [], False
    while k < min(len(doc), limit):
        word = _word(doc[k])
        j = k + 1
        if word == "et" and j < len(doc) and _word(doc[j]) in _OF:
            j += 1  # "et de la sécurité", "et droits indirects", but not "et la gendarmerie"
        elif word not in _LINKS and word != "et":
            break
        if j < len(doc) and _word(doc[j]) in _ARTICLES and _word(doc[j - 1]) != "et":
            j += 1
        if j >= len(doc) or not _lower(doc[j], "NOUN"):
            break
        content.append(j)
        j, adjectives, scoped = _adjectives(doc, j + 1, field=True)
        content.extend(adjectives)
        scope = scope or scoped
        end = k = j
    return end, content, scope


def _spelled(acronym: str, initials: Sequence[str]) -> int:
    """Number of words of ``initials`` the acronym spells from the first, one letter a word
    with at most one word skipped (0 if it does not)."""
    if not acronym or not initials or acronym[0] != initials[0]:
        return 0
    i, skipped = 1, 0
    for n, letter in enumerate(acronym[1:], start=1):
        while i < len(initials) and initials[i] != letter:
            i += 1
            skipped += 1
        if i >= len(initials) or skipped > 1:
            return 0
        i += 1
        if n == len(acronym) - 1:
            return i
    return 0


def _acronym_end(doc: Doc, words: Sequence[int], acronyms: frozenset[str]) -> int | None:
    """Token end of the words an acronym of the document spells, or None."""
    initials = [fold(doc[w].text)[:1] for w in words]
    spelled = [n for a in acronyms if len(a) >= ACRONYM_MIN and (n := _spelled(a, initials))]
    if not spelled:
        return None
    return words[max(spelled) - 1] + 1


def _branch_end(doc: Doc, j: int) -> tuple[int, int, int] | None:
    """(token end of the region or state, token start and end of the organisation) of
    "Afrique de la FIDH" after a branch head: a region or state, then "de" and an
    organisation (an acronym or a name NER tags as one)."""
    k = j
    while (
        k < len(doc)
        and doc[k].text[:1].isupper()
        and (doc[k].ent_type_ == "LOC" or load_countries().state_of(doc[k].text) is not None)
    ):
        k += 1
    if k == j or k + 1 >= len(doc) or _word(doc[k]) not in _OF:
        return None
    region = k
    k += 1
    if _word(doc[k]) in _ARTICLES and k + 1 < len(doc):
        k += 1
    if is_acronym(doc[k].text):
        return region, k, k + 1
    if doc[k].ent_type_ == "ORG" and doc[k].ent_iob_ == "B":
        end = k + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return region, k, end
    return None


def _determined(doc: Doc, i: int) -> bool:
    return i > 0 and _word(doc[i - 1]) in _BEFORE


def _unit_end(doc: Doc, i: int, acronyms: frozenset[str]) -> int | None:
    """Token end of the unit whose head is token ``i``, or None if it names no one unit."""
    words = load_unit_words()
    head = fold(doc[i].text)
    after, adjectives, scope = _adjectives(doc, i + 1)
    if head in words.corps:
        return after if scope else None
    if head not in words.units:
        return None
    end, field, scoped = _field(doc, after, i + _MAX_TOKENS)
    if not field or (len(field) == 1 and fold(doc[field[0]].text) in words.referring):
        return None  # "le commandement central du groupe": a part of an organisation named before
    if scope or scoped or head in words.self_naming:
        return end
    return _acronym_end(doc, [i, *adjectives, *field], acronyms)


def _end_char(doc: Doc, end: int) -> int:
    return int(doc[end - 1].idx + len(doc[end - 1].text))


def administration_spans(doc: Doc, acronyms: frozenset[str] = frozenset()) -> Iterator[UnitSpan]:
    """Units of an administration named in lowercase in a parsed passage (see the module
    doc); ``acronyms`` holds the document's ``written_acronyms``."""
    words = load_unit_words()
    heads = words.units | words.corps | words.branches
    folded = folded_token_texts(doc, fold)
    i = 0
    while i < len(doc):
        head = folded[i]
        if head not in heads:
            i += 1
            continue
        tok = doc[i]
        if not (tok.text.islower() and _determined(doc, i)):
            i += 1
            continue
        branch = _branch_end(doc, i + 1) if head in words.branches else None
        if branch is not None:
            region, parent, end = branch
            place = (doc[i + 1].idx, _end_char(doc, region))
            named = (doc[parent].idx, _end_char(doc, end))
            yield UnitSpan(tok.idx, _end_char(doc, end), place, named)
            i = end
            continue
        unit = _unit_end(doc, i, acronyms)
        if unit is None or unit <= i + 1:
            i += 1
            continue
        yield UnitSpan(tok.idx, _end_char(doc, unit))
        i = unit
