"""Typing rules (NER label + head noun -> entity type) and pattern-found candidates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from filature.extract.lexicon import Lexicon
from filature.extract.textnorm import fold, is_acronym, norm_key, plain
from filature.models import EntityType

PERSON_PARTICLES = frozenset(
    {"de", "van", "den", "der", "von", "al", "el", "bin", "ben", "da", "di", "du", "le", "la"}
    | {"ibn", "bint", "ould", "del", "della", "dos", "das", "do", "zu", "ter", "ten", "i", "y"}
)
"""Lowercase words inside person names ("Thomas de la Morlais", "Anna Terrón i Cusí"), also
glued by a hyphen to the next name ("Bachar el-Assad")."""
_BARE_OP = re.compile(
    r"\b(?P<head>[Oo]p[ée]rations?)\s+(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3})"
)
_ORDINAL_EVENT = re.compile(
    r"\b(?P<ord>\d{1,3}(?:e|er|ème))\s+(?P<head>[A-Z][\w]+)(?P<adj>\s+[a-zé]+)?"
    r"(?P<of>\s+(?:de|du|des|d['’])\s*(?:l['’])?[A-Z][\w-]+)?"
)


@dataclass(frozen=True)
class RuleSpan:
    """A candidate found by a pattern: offsets into the passage text and the type it implies."""

    start: int
    end: int
    type: EntityType
    rule: str


def head_type(name: str, lex: Lexicon) -> EntityType | None:
    """The type implied by the first word(s) of a name ("Accord de Sanya" -> agreement)."""
    words = norm_key(name).split()
    if not words:
        return None
    if len(words) > 1 and " ".join(words[:3]) in {"plan d action"}:
        return "agreement"
    head = words[0]
    if head in lex.agreement_heads:
        return "agreement"
    if head in lex.operation_heads:
        return "operation"
    if head in lex.event_heads:
        return "event"
    if head in lex.organization_heads or words[-1] in lex.organization_tails:
        return "organization"
    return None


def looks_like_person(name: str) -> bool:
    """1-5 capitalised words (particles allowed inside, not last), no digits: a plausible
    person name."""
    words = name.split()
    if not 1 <= len(words) <= 5 or any(c.isdigit() for c in name):
        return False
    caps = [w for w in words if fold(w) not in PERSON_PARTICLES]
    if not caps or fold(words[-1]) in PERSON_PARTICLES:
        return False
    return all(w[:1].isupper() or _particle_glued(w) for w in caps)


def _particle_glued(word: str) -> bool:
    """ "el-Assad", "al-Joulani": a particle glued by a hyphen to a capitalised name."""
    particle, _, rest = word.partition("-")
    return fold(particle) in PERSON_PARTICLES and rest[:1].isupper()


def assign_type(label: str, name: str, had_role: bool, lex: Lexicon) -> EntityType | None:
    """Map a spaCy label and the name's head noun to an entity type (None: drop)."""
    by_head = head_type(name, lex)
    if label == "PER":
        if by_head is not None and len(name.split()) > 1:
            return by_head
        return "person" if looks_like_person(name) else None
    if by_head is not None:
        return by_head
    if had_role and looks_like_person(name) and not is_acronym(name):
        return "person"
    if label == "LOC":
        return "place"
    if label == "ORG":
        return "organization"
    if label == "MISC" and is_acronym(name):
        return "organization"
    return None


@cache
def _patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    def alternation(words: frozenset[str]) -> str:
        return "|".join(sorted((re.escape(w).replace("'", "['’]") for w in words), key=len)[::-1])

    ops = alternation(lex.operation_heads)
    agreements = alternation(lex.agreement_heads | {"plan d'action"})
    quoted_op = re.compile(
        rf"(?i:\b(?P<head>{ops}))s?\s*[«“\"]\s*(?P<name>[A-Z][^»”\"\n]{{1,40}}?)\s*[»”\"]"
    )
    agreement_of = re.compile(
        rf"(?i:\b(?P<head>{agreements}))\s+(?:de|d['’]|du)\s*(?P<name>[A-Z][\w-]+)"
    )
    return quoted_op, agreement_of


def rule_spans(text: str, lex: Lexicon) -> Iterator[RuleSpan]:
    """Operations, agreements and numbered events found by patterns in a passage text."""
    quoted_op, agreement_of = _patterns(lex)
    text = plain(text)
    for m in quoted_op.finditer(text):
        if fold(m.group("head")) in lex.operation_heads:
            yield RuleSpan(m.start("head"), m.end(), "operation", "quoted-operation")
    for m in _BARE_OP.finditer(text):
        if not is_acronym(m.group("name")) or len(m.group("name")) > 2:
            yield RuleSpan(m.start("head"), m.end("name"), "operation", "named-operation")
    for m in agreement_of.finditer(text):
        head = norm_key(m.group("head"))
        if fold(m.group("name")) in lex.noise.common_nouns:
            continue
        if head in lex.agreement_heads or head == "plan d action":
            yield RuleSpan(m.start("head"), m.end("name"), "agreement", "agreement-of-place")
    for m in _ORDINAL_EVENT.finditer(text):
        if fold(m.group("head")) in lex.event_heads:
            yield RuleSpan(m.start("ord"), m.end(), "event", "numbered-event")


ENGLISH_CONNECTORS = frozenset({"of", "for", "the", "and", "on"})


def english_title(name: str, etype: EntityType, lex: Lexicon) -> bool:
    """True for a (bibliographic) English title rather than an actor's name.

    An English organisation name is kept when it is headed (or tailed) by an organisation
    word and uses only connectors ("Center for American Progress").
    """
    words = [w for w in norm_key(name).split()]
    initials = {fold(w).rstrip(".") for w in name.split() if re.fullmatch(r"[A-Z]\.", w)}
    if etype == "place" and words and words[0] in lex.noise.english_place_words:
        initials.add(words[0])
    english = [w for w in words if w in lex.noise.english and w not in initials]
    if not english:
        return False
    if etype != "organization":
        return True
    if not set(english) <= ENGLISH_CONNECTORS:
        return True
    return not (
        words[0] in lex.organization_heads or words[-1] in lex.organization_tails
    ) and not any(w in lex.organization_heads for w in words[1:])
