"""One passage's raw mentions: the candidates filtered by named rules (each drop recorded),
typed, and completed by institutions, bodies, acronyms and coordinated places.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from filature.extract.administration import UnitSpan, administration_spans
from filature.extract.bodies import LABEL as BODY_LABEL
from filature.extract.bodies import body_spans
from filature.extract.candidates import cut_adjunct, name_candidates
from filature.extract.commonwords import not_a_name
from filature.extract.cues import context_type, definite_head
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
    TRIM,
    UNTYPED,
    WORD_IN_CAPITALS,
)
from filature.extract.drops import Dropped, DropRule
from filature.extract.events import EVENT_PLACE_LABEL, LOWERCASE_NAMES, event_spans
from filature.extract.inside import (
    coordinated_places,
    institution_mentions,
    named_inside,
)
from filature.extract.lexicon import Lexicon
from filature.extract.mentions import (
    PUBLISHER_LABEL,
    STATE_LABEL,
    RawMention,
)
from filature.extract.noise import noise_rule
from filature.extract.rules import (
    assign_type,
    english_title,
    head_type,
)
from filature.extract.settle import SHORT_LABEL, listed_places, listed_polities
from filature.extract.shapes import (
    kind_type,
    polity_plural,
)
from filature.extract.slots import (
    ARTICLE_BEFORE,
    CITY_BEFORE,
    REFERENCE_NUMBER,
    author_slot,
    gloss,
    in_quotes,
    is_lead,
    publisher_slot,
    word_in_capitals,
)
from filature.extract.spans import trim_span
from filature.extract.textnorm import collapse, is_acronym, unquote
from filature.extract.wordfilters import (
    cut_at_title,
    cut_loose_tail,
    in_caps_run,
    people_noun,
)
from filature.models import EntityType, Passage

if TYPE_CHECKING:
    from spacy.tokens import Doc


def passage_mentions(
    passage: Passage,
    doc: Doc,
    prepared: str,
    lex: Lexicon,
    lowercase: frozenset[str] = frozenset(),
    dropped: list[Dropped] | None = None,
    written_lower: frozenset[str] = frozenset(),
    cues: list[tuple[str, EntityType]] | None = None,
    acronyms: frozenset[str] = frozenset(),
) -> list[RawMention]:
    """Raw mentions of one passage from its parsed (prepared) text; every candidate a filter
    removes is appended to ``dropped`` (when given) with the rule's name and reason.
    ``lowercase`` holds the document's common words (``lowercase_words``), ``written_lower``
    every word it writes in lowercase at least once; each type the context gives a name
    (``cues.context_type``) is appended to ``cues``; ``acronyms`` holds the document's
    ``written_acronyms``."""
    text = passage.text
    cued_places: set[tuple[int, int]] = set()
    found = institution_mentions(passage, doc)
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in found]
    events = event_spans(doc)
    for body in [*administration_spans(doc, acronyms), *body_spans(doc, lex)]:
        if any(body.start < e.end and e.start < body.end for e in events):
            continue  # "Conseil européen de Tampere": a meeting, not the body
        if any(body.start < e and s < body.end for s, e in taken) or any(
            e.start_char < body.start < e.end_char for e in doc.ents
        ):  # a body inside a longer name ("Département ... du ministère de la Sécurité ...")
            continue
        taken.append((body.start, body.end))
        surface = text[body.start : body.end]
        found.append(
            RawMention(
                passage.seq,
                body.start,
                body.end,
                surface,
                collapse(surface),
                "organization",
                BODY_LABEL,
                None,
                passage.zone,
            )
        )
        if isinstance(body, UnitSpan):  # "bureau Afrique de la FIDH" names both inside
            found.extend(named_inside(passage, body))
    for start, end, label, forced in name_candidates(doc, prepared, lex, events):

        def drop(
            rule: DropRule, s: int = start, e: int = end, t: str = "", lab: str = label
        ) -> None:
            if dropped is not None:
                dropped.append(rule.dropped(passage.seq, s, e, text[s:e], lab, t))

        trimmed = trim_span(text, prepared, start, end, lex, cut_quotes=forced is None)
        if trimmed is None:
            drop(TRIM)
            continue
        if forced is None:
            trimmed = cut_adjunct(text, cut_loose_tail(doc, text, trimmed))
        if label == "PER":
            trimmed = cut_at_title(text, trimmed, lex)
        s, e = trimmed.start, trimmed.end
        short = forced is None and definite_head(doc, s, e, lex)
        noise = (
            None
            if label == STATE_LABEL or label in LOWERCASE_NAMES or short
            else noise_rule(unquote(trimmed.name), lex, has_role=trimmed.role is not None)
        )
        if noise is not None and not (
            noise.name == "common noun" and label == "LOC" and _listed_among_places(doc, s, e)
        ):
            drop(noise, s, e)
            continue
        if label != EVENT_PLACE_LABEL and any(s < b and a < e for a, b in taken):
            drop(OVERLAP, s, e)
            continue
        if label == "MISC" and word_in_capitals(trimmed.name, written_lower):
            drop(WORD_IN_CAPITALS, s, e)
            continue
        if is_acronym(trimmed.name) and REFERENCE_NUMBER.match(text, e):
            drop(REFERENCE_LABEL, s, e)
            continue
        if in_caps_run(prepared, s, e, trimmed.name):
            drop(CAPS_RUN, s, e)
            continue
        etype = forced or assign_type(label, trimmed.name, trimmed.role is not None, lex)
        cue = None if forced or trimmed.role else context_type(doc, s, e, etype, lex)
        if cue is not None:
            etype = cue
            if cues is not None:
                cues.append((trimmed.name, cue))
            if cue == "place":
                cued_places.add((s, e))
            if cue == "person" and label == "MISC":
                label = "PER"  # the context names a person: kept alone like NER's own PER
        if forced is None:
            etype = kind_type(label, trimmed.name, etype)
            if is_acronym(trimmed.name) and ARTICLE_BEFORE.search(text, max(0, s - 40), s):
                etype = "agreement"  # "article 39 TUE": the instrument the article is of
        if etype is None and passage.zone == "footnote" and author_slot(doc, text, trimmed, lex):
            etype = "person"
        if etype is None:
            drop(UNTYPED, s, e)
            continue
        if english_title(trimmed.name, etype, lex):
            drop(ENGLISH_TITLE, s, e, etype)
            continue
        if etype == "person" and trimmed.role is None and gloss(text, s, e):
            drop(GLOSS, s, e, etype)
            continue
        lead = is_lead(text, s, etype == "person")
        if etype == "place" and publisher_slot(text, e) and CITY_BEFORE.search(text[:s]):
            label = PUBLISHER_LABEL
        footnote_person = passage.zone == "footnote" and etype == "person" and not lead
        if footnote_person and publisher_slot(text, e):
            drop(PUBLISHER_SLOT, s, e, etype)
            continue
        if forced is None and not short and not_a_name(doc, s, e, label, etype, lowercase):
            drop(COMMON_WORDS, s, e, etype)
            continue
        if (
            trimmed.role is None
            and not polity_plural(trimmed.name)
            and people_noun(doc, s, e, etype, lex, written_lower)
        ):
            drop(PEOPLE_NOUN, s, e, etype)
            continue
        if trimmed.role and etype != "person" and head_type(trimmed.name, lex) is None:
            drop(ROLE_ON_NON_PERSON, s, e)
            continue
        taken.append((s, e))
        label = SHORT_LABEL if short else label
        found.append(
            RawMention(
                passage_seq=passage.seq,
                start=s,
                end=e,
                surface=text[s:e],
                name=trimmed.name,
                type=etype,
                label=label,
                role=trimmed.role,
                zone=passage.zone,
                quoted=in_quotes(text, s),
                lead=lead,
            )
        )
    found.extend(coordinated_places(passage, doc, found, taken))
    ordered = sorted(found, key=lambda m: m.start)
    return listed_polities(listed_places(ordered, text, cued_places), text)


_LIST_GAP = re.compile(r"\s*(?:,|\bet\b|,\s*et\b)\s*")


def _listed_among_places(doc: Doc, start: int, end: int) -> bool:
    """ "à Grand-Anse, Sud et Nippes": a place NER found between two places of one list is a
    place's name (here a department's), although the same word alone is a common noun."""
    before = [x for x in doc.ents if x.end_char <= start and x.label_ == "LOC"]
    after = [x for x in doc.ents if x.start_char >= end and x.label_ == "LOC"]
    if not before or not after:
        return False
    text = doc.text
    return bool(
        _LIST_GAP.fullmatch(text[before[-1].end_char : start])
        and _LIST_GAP.fullmatch(text[end : after[0].start_char])
    )
