"""One passage's raw mentions: the candidates filtered by named rules (each drop recorded),
typed, and completed by institutions, bodies, acronyms and coordinated places.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from filature.extract.address import cut_address
from filature.extract.administration import UnitSpan, administration_spans
from filature.extract.agreement import cut_disagreeing_adjective
from filature.extract.bodies import LABEL as BODY_LABEL
from filature.extract.bodies import body_spans
from filature.extract.candidate_checks import Candidate, Reading, shape_rule, typed_rule
from filature.extract.candidates import cut_adjunct, name_candidates
from filature.extract.cues import context_type, definite_head
from filature.extract.droprules import (
    CAPTION,
    TRIM,
    UNTYPED,
)
from filature.extract.drops import Dropped, DropRule
from filature.extract.events import event_spans
from filature.extract.inside import (
    coordinated_places,
    institution_mentions,
    named_inside,
)
from filature.extract.lexicon import Lexicon
from filature.extract.mentions import (
    PUBLISHER_LABEL,
    RawMention,
)
from filature.extract.organs import standing_organ
from filature.extract.press import press_title
from filature.extract.rules import (
    RuleSpan,
    assign_type,
)
from filature.extract.settle import SHORT_LABEL, listed_places, listed_polities
from filature.extract.shapes import (
    kind_type,
)
from filature.extract.slots import (
    ARTICLE_BEFORE,
    CITY_BEFORE,
    author_slot,
    in_quotes,
    is_lead,
    publisher_slot,
)
from filature.extract.spans import Trimmed, trim_span
from filature.extract.tails import (
    FIRM_LABEL,
    caption_name,
    cut_outside_complement,
    firm_spans,
    join_eponyms,
)
from filature.extract.textnorm import collapse, is_acronym
from filature.extract.wordfilters import (
    cut_at_title,
    cut_loose_tail,
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
    found = institution_mentions(passage, doc)
    taken = [(m.start, m.end) for m in found]
    reading = Reading(passage, doc, prepared, lex, lowercase, written_lower, dropped, cues, taken)
    events = event_spans(doc)
    found.extend(_body_mentions(reading, events, acronyms))
    candidates = join_eponyms(prepared, list(name_candidates(doc, prepared, lex, events)))
    for start, end, label, forced in candidates:
        mention = _candidate_mention(reading, start, end, label, forced)
        if mention is not None:
            taken.append((mention.start, mention.end))
            found.append(mention)
    found.extend(coordinated_places(passage, doc, found, taken))
    ordered = listed_places(sorted(found, key=lambda m: m.start), passage.text, reading.cued_places)
    return listed_polities(ordered, passage.text)


def _body_mentions(
    reading: Reading, events: Sequence[RuleSpan], acronyms: frozenset[str]
) -> list[RawMention]:
    """The administrations and bodies the passage names (and the units they name inside),
    but those inside an event's name or a longer name; each takes its span."""
    passage, doc, text, taken = reading.passage, reading.doc, reading.text, reading.taken
    found: list[RawMention] = []
    for body in [*administration_spans(doc, acronyms), *body_spans(doc, reading.lex)]:
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
    for start, end in firm_spans(text):
        if not any(start < b and a < end for a, b in taken):
            taken.append((start, end))
            name = collapse(text[start:end])
            found.append(
                RawMention(
                    passage.seq,
                    start,
                    end,
                    name,
                    name,
                    "organization",
                    FIRM_LABEL,
                    None,
                    passage.zone,
                )
            )
    return found


def _candidate_mention(
    reading: Reading, start: int, end: int, label: str, forced: EntityType | None
) -> RawMention | None:
    """The mention a name candidate makes: trimmed, checked, typed and checked again; None
    when a rule drops it (the drop recorded with NER's ``label``)."""
    candidate = _trimmed(reading, start, end, label, forced)
    if not isinstance(candidate, Candidate):
        reading.drop(candidate, start, end, label)
        return None
    text, span = reading.text, candidate.span
    s, e = span.start, span.end
    rule = shape_rule(reading, candidate)
    if rule is not None:
        reading.drop(rule, s, e, label)
        return None
    etype = _entity_type(reading, candidate)
    if etype is None:
        reading.drop(UNTYPED, s, e, label)
        return None
    lead = is_lead(text, s, etype == "person")
    if etype == "place" and publisher_slot(text, e) and CITY_BEFORE.search(text[:s]):
        candidate.label = PUBLISHER_LABEL
    typed = typed_rule(reading, candidate, etype, lead)
    if typed is not None:
        reading.drop(typed[0], s, e, label, typed[1])
        return None
    return RawMention(
        passage_seq=reading.passage.seq,
        start=s,
        end=e,
        surface=text[s:e],
        name=span.name,
        type=etype,
        label=SHORT_LABEL if candidate.short else candidate.label,
        role=span.role,
        zone=reading.passage.zone,
        quoted=in_quotes(text, s),
        lead=lead,
    )


def _trimmed(
    reading: Reading, start: int, end: int, label: str, forced: EntityType | None
) -> Candidate | DropRule:
    """A candidate trimmed to its name (a forced one keeps its quotes and tail; a person's
    name ends before a title), or the rule that drops it: nothing name-like remains, or a
    caption's opening common noun with no name after it."""
    text, lex = reading.text, reading.lex
    span = trim_span(text, reading.prepared, start, end, lex, cut_quotes=forced is None)
    if span is None:
        return TRIM
    if forced is None:
        span = cut_adjunct(text, cut_loose_tail(reading.doc, text, span))
        span = cut_outside_complement(reading.doc, text, span)
        span = cut_disagreeing_adjective(reading.doc, text, span)
        captioned = caption_name(reading.doc, text, span, lex, reading.written_lower)
        if captioned is None:
            return CAPTION
        span = captioned
    if label == "PER":
        span = cut_at_title(text, cut_address(text, span), lex)
    title = press_title(text, span.start, span.name)
    if title is not None:  # "un journaliste du Monde": the title is "Le Monde"
        span = Trimmed(span.start, span.end, title, span.role)
    short = forced is None and definite_head(reading.doc, span.start, span.end, lex)
    return Candidate(span, label, forced, short)


def _entity_type(reading: Reading, candidate: Candidate) -> EntityType | None:
    """A candidate's type: forced, else from its label and name, the context's cue, its
    kind (an acronym after "article" is an agreement) and, in a footnote, an author's slot."""
    span, forced = candidate.span, candidate.forced
    s, e, name = span.start, span.end, span.name
    etype = forced or assign_type(candidate.label, name, span.role is not None, reading.lex)
    cue = None if forced or span.role else context_type(reading.doc, s, e, etype, reading.lex)
    if cue is not None:
        etype = _cued(reading, candidate, cue)
    if forced is None:
        etype = kind_type(candidate.label, name, etype)
        if is_acronym(name) and ARTICLE_BEFORE.search(reading.text, max(0, s - 40), s):
            etype = "agreement"  # "article 39 TUE": the instrument the article is of
        if etype == "event" and standing_organ(name):
            etype = "organization"  # "Assemblée générale des Nations unies": an organ
    text, doc = reading.text, reading.doc
    if (
        etype is None
        and reading.passage.zone == "footnote"
        and author_slot(doc, text, span, reading.lex)
    ):
        etype = "person"
    return etype


def _cued(reading: Reading, candidate: Candidate, cue: EntityType) -> EntityType:
    """The type the context gives a candidate, noted in the cues (and the cued places)."""
    span = candidate.span
    if reading.cues is not None:
        reading.cues.append((span.name, cue))
    if cue == "place":
        reading.cued_places.add((span.start, span.end))
    if cue == "person" and candidate.label == "MISC":
        candidate.label = "PER"  # the context names a person: kept alone like NER's own PER
    return cue
