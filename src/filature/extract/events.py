"""Named events and agreements read from the parse: a head noun ("guerre", "bataille",
"traité", "charte"...) and the complement that says which one (``data/events.toml`` lists the
heads and describes the complement shapes). A head without such a complement names nothing.

Battles and massacres named after their place also yield that place ("bataille de Verdun"
names Verdun), so that the event can be located in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from filature.extract.eventruns import (
    ARTICLES,
    GOVERNED,
    adjectives,
    capital,
    date_run,
    nationality_end,
    opens,
    proper_run,
    topic_run,
)
from filature.extract.eventwords import EventWords, Phrase, kinds, load_event_words
from filature.extract.phrases import PhraseIndex, folded_token_texts
from filature.extract.rules import RuleSpan
from filature.extract.textnorm import fold
from filature.models import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc

_OF = frozenset({"de", "d'", "du"})
_DEMONSTRATIVES = frozenset({"celui", "celle", "ceux", "celles"})
EVENT_PLACE_LABEL = "EVENT-PLACE"
"""Label of a place named inside an event's name ("Verdun" in "bataille de Verdun")."""
LOWERCASE_NAMES = frozenset(
    {"event-nationality", "event-of-noun-nationality", "event-dated", "agreement-dated"}
)
"""Rules whose names may be all lowercase ("guerre civile syrienne", "attentats de janvier
2015"): their complement, not a capital, makes them names."""


_INDEXES: dict[int, tuple[Sequence[Phrase], PhraseIndex]] = {}
"""The index of each list of heads seen, by the list's identity (hashing it per call would
cost more than the search)."""


def _head_at(folded: Sequence[str], i: int, heads: Sequence[Phrase]) -> Phrase | None:
    held = _INDEXES.get(id(heads))
    if held is None or held[0] is not heads:
        held = _INDEXES[id(heads)] = (heads, PhraseIndex(heads))
    n = held[1].match(folded, i)
    return tuple(folded[i : i + n]) if n else None


def _end_char(doc: Doc, end: int) -> int:
    return int(doc[end - 1].idx + len(doc[end - 1].text))


def _span(doc: Doc, start: int, end: int, etype: EntityType, rule: str) -> RuleSpan:
    return RuleSpan(doc[start].idx, _end_char(doc, end), etype, rule)


def _complement(
    doc: Doc, i: int, j: int, etype: EntityType, words: EventWords
) -> tuple[int, str, int] | None:
    """(end, shape, start of a place complement or -1) of the name whose head spans ``i:j``."""
    described = _described(doc, i, j, etype)
    proper = proper_run(doc, j, words)
    if proper > j and (described is None or described[0] <= proper):
        return proper, "proper", -1
    of = fold(doc[j].text) if j < len(doc) else ""
    if of in _OF:
        k = j + 1
        if k < len(doc) and fold(doc[k].text) in ARTICLES and etype == "event":
            k += 1
        proper = proper_run(doc, k, words)
        if proper > k and doc[k].ent_type_ != "PER":  # "génocide de Saddam Hussein": an agent
            return proper, "of-proper", k
        if k < len(doc) and doc[k].text.islower() and doc[k].pos_ == "NOUN" and k == j + 1:
            then = k + 1
            if then < len(doc) and fold(doc[then].text) in {"de", "d'"}:
                proper = proper_run(doc, then + 1, words)
                if proper > then + 1:
                    return proper, "of-noun-proper", -1
            if etype == "event" and (end := nationality_end(doc, then)) > then:
                return end, "of-noun-nationality", -1
    dated = date_run(doc, j, words)
    if dated > j:
        return dated, "dated", -1
    if etype == "agreement" and (dated := _described_date(doc, j, words)) > j:
        return dated, "dated", -1
    if etype == "event" and (end := nationality_end(doc, j)) > j:
        return end, "nationality", -1
    return None if described is None else (*described, -1)


def _described_date(doc: Doc, j: int, words: EventWords) -> int:
    """End of a date after an agreement's lowercase adjectives and field ("convention
    européenne d'extradition du 13 décembre 1957", "protocole additionnel du 16 octobre
    2001"), or ``j``."""
    k = adjectives(doc, j)
    field = k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN" and doc[k + 1].text.islower()
    if field and fold(doc[k].text) in {"de", "d'"} and doc[k + 1].is_alpha:
        k = adjectives(doc, k + 2)
    if k == j:
        return j
    dated = date_run(doc, k, words)
    return dated if dated > k else j


def _described(doc: Doc, i: int, j: int, etype: EntityType) -> tuple[int, str] | None:
    """(end, shape) of a name whose head (``i:j``) is capitalised inside a sentence and
    followed by adjectives or a subject ("Guerre froide", "Déclaration des droits de
    l'homme"), or of an agreement whose subject ends with a proper name."""
    titled = capital(doc[i])
    after = adjectives(doc, j, titled)
    topic, proper_end = topic_run(doc, after, titled)
    if doc[j - 1].text.endswith("s"):
        return None  # "les Conventions de l'ONU": a plural head names a kind, not one
    dangling = topic == after and after < len(doc) and doc[after].pos_ in {"NOUN", "PROPN"}
    governed = after + 1 < len(doc) and doc[after + 1].lower_ in GOVERNED
    if topic == after == j and governed and _named_capital(doc, i) and etype == "agreement":
        return j, "capitalised"  # "Convention relative aux ...": the caller reads the subject
    if _named_capital(doc, i) and not dangling and (after > j or topic > after):
        return topic, "capitalised"
    if etype == "agreement" and proper_end:
        return topic, "subject"
    return None


def _place_named(doc: Doc, i: int, k: int) -> bool:
    """True if token ``k`` is a place by NER, or the inside of a name NER began at ``i``
    ("Conseil européen d'Helsinki" tagged whole)."""
    return doc[k].ent_type_ == "LOC" or (doc[i].ent_iob_ == "B" and doc[k].ent_iob_ == "I")


def _named_capital(doc: Doc, i: int) -> bool:
    """True if the capital of token ``i`` marks a name: inside a sentence, or where a
    sentence, quote or line opens if NER begins a name there too."""
    return capital(doc[i]) and (not opens(doc, i) or doc[i].ent_iob_ == "B")


def _pronoun_name(doc: Doc, folded: Sequence[str], i: int, words: EventWords) -> RuleSpan | None:
    """ "un nouveau traité, celui de Lausanne": a demonstrative standing for an event or
    agreement head, followed by "de + proper name", names one (the proper name is its form)."""
    if folded[i] not in _DEMONSTRATIVES or i + 2 >= len(doc) or folded[i + 1] not in _OF:
        return None
    end = proper_run(doc, i + 2, words)
    if end == i + 2:
        return None
    head = doc[i].head if doc[i].head.i < i else None
    if head is None or head.pos_ != "NOUN":
        nouns = [t for t in doc[doc[i].sent.start : i] if t.pos_ == "NOUN"]
        head = nouns[-1] if nouns else None
    if head is None:
        return None
    for heads, etype in kinds(words):
        if (folded[head.i],) in heads:
            return _span(doc, i + 2, end, etype, f"{etype}-pronoun")
    return None


def _opener(doc: Doc, i: int, words: EventWords) -> bool:
    return i > 0 and capital(doc[i - 1]) and fold(doc[i - 1].text) in words.openers


_STARTS: dict[int, tuple[EventWords, frozenset[str]]] = {}


def _starts(words: EventWords) -> frozenset[str]:
    """The words a meeting, a demonstrative standing for a name, or a head starts with."""
    held = _STARTS.get(id(words))
    if held is None or held[0] is not words:
        heads = (*words.meetings, *(h for group, _ in kinds(words) for h in group))
        held = _STARTS[id(words)] = (words, frozenset(h[0] for h in heads) | _DEMONSTRATIVES)
    return held[1]


def event_spans(doc: Doc) -> list[RuleSpan]:
    """Named events, agreements and meetings of a parsed passage, and the places that battles
    and massacres are named after (type place, rule ``EVENT_PLACE_LABEL``)."""
    words = load_event_words()
    folded = folded_token_texts(doc, fold)
    starts = _starts(words)
    found: list[RuleSpan] = []
    i = 0
    while i < len(doc):
        if folded[i] not in starts:
            i += 1  # no meeting, demonstrative or head starts here
            continue
        meeting = _head_at(folded, i, words.meetings)
        if meeting is not None and i + len(meeting) + 1 < len(doc):
            j = i + len(meeting)
            proper = proper_run(doc, j + 1, words) if folded[j] in _OF else j
            if proper > j + 1 and _place_named(doc, i, j + 1):
                found.append(_span(doc, i, proper, "event", "meeting-of-place"))
                i = proper
                continue
        named = _pronoun_name(doc, folded, i, words)
        if named is not None:
            found.append(named)
            i = next(k for k in range(i, len(doc)) if doc[k].idx >= named.end)
            continue
        for heads, etype in kinds(words):
            head = _head_at(folded, i, heads)
            if head is None:
                continue
            j = i + len(head)
            if head in words.capital_only and not _named_capital(doc, i):
                break
            if _opener(doc, i, words) and capital(doc[i]):
                end = adjectives(doc, j)
                found.append(_span(doc, i - 1, end, "event", "opener"))
                i = end - 1
                break
            shape = _complement(doc, i, j, etype, words)
            if shape is None:
                break
            end, rule, place = shape
            found.append(_span(doc, i, end, etype, f"{etype}-{rule}"))
            if place >= 0 and head in words.place_heads:
                found.append(_span(doc, place, end, "place", EVENT_PLACE_LABEL))
            i = end - 1
            break
        i += 1
    return found
