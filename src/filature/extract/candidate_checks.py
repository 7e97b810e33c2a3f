"""The checks a name candidate of a passage passes: the passage being read and the candidate
once trimmed, and the named rules that drop it before it is typed (noise, a span taken, a
word in capitals, a reference label, a run of capitals) and after (an English title, a gloss,
a publisher's slot, common words, a people noun, a role on a non-person)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from filature.extract.commonwords import not_a_name
from filature.extract.droprules import (
    CAPS_RUN,
    COMMON_WORDS,
    ENGLISH_TITLE,
    GLOSS,
    OVERLAP,
    PEOPLE_NOUN,
    PUBLISHER_SLOT,
    REFERENCE_LABEL,
    ROLE_ON_NON_PERSON,
    WORD_IN_CAPITALS,
)
from filature.extract.drops import Dropped, DropRule
from filature.extract.events import EVENT_PLACE_LABEL, LOWERCASE_NAMES
from filature.extract.lexicon import Lexicon
from filature.extract.mentions import (
    STATE_LABEL,
)
from filature.extract.noise import noise_rule
from filature.extract.phrases import doc_text
from filature.extract.rules import (
    english_title,
    head_type,
)
from filature.extract.shapes import (
    polity_plural,
)
from filature.extract.slots import (
    REFERENCE_NUMBER,
    gloss,
    publisher_slot,
    word_in_capitals,
)
from filature.extract.spans import Trimmed
from filature.extract.textnorm import is_acronym, unquote
from filature.extract.wordfilters import (
    in_caps_run,
    people_noun,
)
from filature.models import EntityType, Passage

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Reading:
    """One passage being read: its parse, what the document says of its words, the spans
    already taken by a mention, and where drops, context cues and cued places go."""

    passage: Passage
    doc: Doc
    prepared: str
    lex: Lexicon
    lowercase: frozenset[str]
    written_lower: frozenset[str]
    dropped: list[Dropped] | None
    cues: list[tuple[str, EntityType]] | None
    taken: list[tuple[int, int]]
    cued_places: set[tuple[int, int]] = field(default_factory=set)

    @property
    def text(self) -> str:
        """The passage's text."""
        return self.passage.text

    def drop(self, rule: DropRule, start: int, end: int, label: str, etype: str = "") -> None:
        """Record that ``rule`` removed the span ``[start, end)`` (NER's ``label``)."""
        if self.dropped is not None:
            surface = self.text[start:end]
            self.dropped.append(rule.dropped(self.passage.seq, start, end, surface, label, etype))


@dataclass
class Candidate:
    """A name candidate once trimmed: its span (name and role), the label it will be written
    with, the type a rule forces on it and whether it is a short definite form."""

    span: Trimmed
    label: str
    forced: EntityType | None
    short: bool


def shape_rule(reading: Reading, candidate: Candidate) -> DropRule | None:
    """The rule that drops a candidate before it is typed: noise, a span already taken, a
    word in capitals, a reference label or a run of capitals."""
    span, label = candidate.span, candidate.label
    s, e, name = span.start, span.end, span.name
    noise = _noise(reading, candidate)
    if noise is not None:
        return noise
    if label != EVENT_PLACE_LABEL and any(s < b and a < e for a, b in reading.taken):
        return OVERLAP
    if label == "MISC" and word_in_capitals(name, reading.written_lower):
        return WORD_IN_CAPITALS
    if is_acronym(name) and REFERENCE_NUMBER.match(reading.text, e):
        return REFERENCE_LABEL
    if in_caps_run(reading.prepared, s, e, name):
        return CAPS_RUN
    return None


def _noise(reading: Reading, candidate: Candidate) -> DropRule | None:
    """The noise rule a candidate's name breaks (``noise.noise_rule``), if any; a state, a
    name written in lowercase or a short form is never noise, nor a common noun listed
    among places."""
    span, label = candidate.span, candidate.label
    if label == STATE_LABEL or label in LOWERCASE_NAMES or candidate.short:
        return None
    noise = noise_rule(unquote(span.name), reading.lex, has_role=span.role is not None)
    if (
        noise is not None
        and noise.name == "common noun"
        and label == "LOC"
        and _listed_among_places(reading.doc, span.start, span.end)
    ):
        return None
    return noise


def typed_rule(
    reading: Reading, candidate: Candidate, etype: EntityType, lead: bool
) -> tuple[DropRule, str] | None:
    """The rule that drops a typed candidate, and the type its drop records: an English
    title, a gloss, a publisher's slot, common words, a people noun, a role on a non-person."""
    text, doc, lex, span = reading.text, reading.doc, reading.lex, candidate.span
    s, e, name, role = span.start, span.end, span.name, span.role
    if english_title(name, etype, lex):
        return ENGLISH_TITLE, etype
    if etype == "person" and role is None and gloss(text, s, e):
        return GLOSS, etype
    footnote_person = reading.passage.zone == "footnote" and etype == "person" and not lead
    if footnote_person and publisher_slot(text, e):
        return PUBLISHER_SLOT, etype
    ordinary = candidate.forced is None and not candidate.short
    if ordinary and not_a_name(doc, s, e, candidate.label, etype, reading.lowercase):
        return COMMON_WORDS, etype
    if (
        role is None
        and not polity_plural(name)
        and people_noun(doc, s, e, etype, lex, reading.written_lower)
    ):
        return PEOPLE_NOUN, etype
    if role and etype != "person" and head_type(name, lex) is None:
        return ROLE_ON_NON_PERSON, ""
    return None


_LIST_GAP = re.compile(r"\s*(?:,|\bet\b|,\s*et\b)\s*")


def _listed_among_places(doc: Doc, start: int, end: int) -> bool:
    """ "à Grand-Anse, Sud et Nippes": a place NER found between two places of one list is a
    place's name (here a department's), although the same word alone is a common noun."""
    before = [x for x in doc.ents if x.end_char <= start and x.label_ == "LOC"]
    after = [x for x in doc.ents if x.start_char >= end and x.label_ == "LOC"]
    if not before or not after:
        return False
    text = doc_text(doc)
    return bool(
        _LIST_GAP.fullmatch(text[before[-1].end_char : start])
        and _LIST_GAP.fullmatch(text[end : after[0].start_char])
    )
