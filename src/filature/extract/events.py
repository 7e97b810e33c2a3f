"""Named events and agreements read from the parse: a head noun ("guerre", "bataille",
"traité", "charte"...) and the complement that says which one (``data/events.toml`` lists the
heads and describes the complement shapes). A head without such a complement names nothing.

Battles and massacres named after their place also yield that place ("bataille de Verdun"
names Verdun), so that the event can be located in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from filature.extract.countries import nationality_state
from filature.extract.eventwords import EventWords, Phrase, kinds, load_event_words
from filature.extract.lexicon import load_lexicon
from filature.extract.rules import RuleSpan
from filature.extract.textnorm import fold
from filature.models import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_OF = frozenset({"de", "d'", "du"})
_ARTICLES = frozenset({"la", "l'"})
_GOVERNED = frozenset({"à", "au", "aux"})
_DEMONSTRATIVES = frozenset({"celui", "celle", "ceux", "celles"})
_TOPIC_OF = frozenset({"de", "d'", "du", "des"})
_TOPIC_LINKS = frozenset({"de", "d'", "du", "des", "la", "l'", "le", "les", "et"})
_TOPIC_MAX = 8
_PROPER_MAX = 4
_YEAR = re.compile(r"(?:1[0-9]|20)\d\d")
_OPENING = set('.!?:;"(–—-')
EVENT_PLACE_LABEL = "EVENT-PLACE"
"""Label of a place named inside an event's name ("Verdun" in "bataille de Verdun")."""
LOWERCASE_NAMES = frozenset(
    {"event-nationality", "event-of-noun-nationality", "event-dated", "agreement-dated"}
)
"""Rules whose names may be all lowercase ("guerre civile syrienne", "attentats de janvier
2015"): their complement, not a capital, makes them names."""


def _head_at(folded: Sequence[str], i: int, heads: Sequence[Phrase]) -> Phrase | None:
    return next((h for h in heads if tuple(folded[i : i + len(h)]) == h), None)


def _opens(doc: Doc, i: int) -> bool:
    """True if token ``i`` opens a sentence, a quote or a bracket: its capital says nothing."""
    if i == 0 or doc[i].is_sent_start:
        return True
    return doc[i - 1].text[-1:] in _OPENING


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)


def _party_word(tok: Token, words: EventWords) -> bool:
    """A capitalised word that starts the name of a party or a body, not of the event or
    agreement: "accord du Gouvernement", "traités du Ministère"."""
    word = fold(tok.text)
    return word in words.not_names or word in load_lexicon().organization_heads


def _proper_run(doc: Doc, j: int, words: EventWords) -> int:
    """End (exclusive) of the proper name starting at ``j`` (capitalised words and what is
    glued to them by a hyphen: "Qasr-e Chirin", "Iran-Irak"), or ``j`` if none starts there."""
    if j >= len(doc) or not _capital(doc[j]) or _party_word(doc[j], words):
        return j
    if doc[j].pos_ not in {"PROPN", "NOUN", "X", "ADJ"} or _opens(doc, j):
        return j
    end, capitals = j + 1, 1
    while end < len(doc):
        tok, before = doc[end], doc[end - 1]
        glued = before.whitespace_ == "" and (tok.text == "-" or before.text == "-")
        if glued and (tok.is_alpha or tok.text == "-"):
            end += 1
        elif before.whitespace_ and _capital(tok) and tok.is_alpha and capitals < _PROPER_MAX:
            if tok.ent_iob_ == "B" and tok.ent_type_ != doc[j].ent_type_:
                break
            end += 1
            capitals += 1
        else:
            break
    while end > j and doc[end - 1].text == "-":
        end -= 1
    return end


def _date_run(doc: Doc, j: int, words: EventWords) -> int:
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


def _adjectives(doc: Doc, j: int, titled: bool = False) -> int:
    """End of the lowercase adjectives at ``j`` (capitalised ones too if ``titled``)."""
    while j < len(doc) and doc[j].pos_ == "ADJ":
        text = doc[j].text
        if not (text.islower() or (titled and text.istitle() and not doc[j].is_sent_start)):
            break
        if j + 1 < len(doc) and doc[j + 1].lower_ in _GOVERNED:
            break  # "relative aux droits de l'enfant": the subject's opener, read by the caller
        j += 1
    return j


def _nationality_end(doc: Doc, j: int) -> int:
    """End of lowercase adjectives at ``j`` up to the last nationality one ("civile
    syrienne"), or ``j`` if none is a nationality."""
    end = j
    for k in range(j, _adjectives(doc, j)):
        if nationality_state(fold(doc[k].text)) is not None:
            end = k + 1
    return end


def _after_of(doc: Doc, k: int) -> bool:
    """True if token ``k`` follows "de", "des", "du", "de la" or "de l'"."""
    before = [fold(t.text) for t in doc[max(k - 2, 0) : k]]
    if before and before[-1] in _TOPIC_OF:
        return True
    return len(before) == 2 and before[-1] in _ARTICLES and before[0] in _TOPIC_OF


def _topic(doc: Doc, j: int, titled: bool = False) -> tuple[int, bool]:
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
        if _capital(tok) and tok.pos_ in {"PROPN", "NOUN"} and named:
            k += 1
            while k < len(doc) and _capital(doc[k]) and doc[k].is_alpha:
                k += 1
            end, proper = _adjectives(doc, k), True
        break
    return end, proper


def _end_char(doc: Doc, end: int) -> int:
    return int(doc[end - 1].idx + len(doc[end - 1].text))


def _span(doc: Doc, start: int, end: int, etype: EntityType, rule: str) -> RuleSpan:
    return RuleSpan(doc[start].idx, _end_char(doc, end), etype, rule)


def _complement(
    doc: Doc, i: int, j: int, etype: EntityType, words: EventWords
) -> tuple[int, str, int] | None:
    """(end, shape, start of a place complement or -1) of the name whose head spans ``i:j``."""
    described = _described(doc, i, j, etype)
    proper = _proper_run(doc, j, words)
    if proper > j and (described is None or described[0] <= proper):
        return proper, "proper", -1
    of = fold(doc[j].text) if j < len(doc) else ""
    if of in _OF:
        k = j + 1
        if k < len(doc) and fold(doc[k].text) in _ARTICLES and etype == "event":
            k += 1
        proper = _proper_run(doc, k, words)
        if proper > k and doc[k].ent_type_ != "PER":  # "génocide de Saddam Hussein": an agent
            return proper, "of-proper", k
        if k < len(doc) and doc[k].text.islower() and doc[k].pos_ == "NOUN" and k == j + 1:
            then = k + 1
            if then < len(doc) and fold(doc[then].text) in {"de", "d'"}:
                proper = _proper_run(doc, then + 1, words)
                if proper > then + 1:
                    return proper, "of-noun-proper", -1
            if etype == "event" and (end := _nationality_end(doc, then)) > then:
                return end, "of-noun-nationality", -1
    dated = _date_run(doc, j, words)
    if dated > j:
        return dated, "dated", -1
    if etype == "agreement" and (dated := _described_date(doc, j, words)) > j:
        return dated, "dated", -1
    if etype == "event" and (end := _nationality_end(doc, j)) > j:
        return end, "nationality", -1
    return None if described is None else (*described, -1)


def _described_date(doc: Doc, j: int, words: EventWords) -> int:
    """End of a date after an agreement's lowercase adjectives and field ("convention
    européenne d'extradition du 13 décembre 1957", "protocole additionnel du 16 octobre
    2001"), or ``j``."""
    k = _adjectives(doc, j)
    field = k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN" and doc[k + 1].text.islower()
    if field and fold(doc[k].text) in {"de", "d'"} and doc[k + 1].is_alpha:
        k = _adjectives(doc, k + 2)
    if k == j:
        return j
    dated = _date_run(doc, k, words)
    return dated if dated > k else j


def _described(doc: Doc, i: int, j: int, etype: EntityType) -> tuple[int, str] | None:
    """(end, shape) of a name whose head (``i:j``) is capitalised inside a sentence and
    followed by adjectives or a subject ("Guerre froide", "Déclaration des droits de
    l'homme"), or of an agreement whose subject ends with a proper name."""
    titled = _capital(doc[i])
    after = _adjectives(doc, j, titled)
    topic, proper_end = _topic(doc, after, titled)
    if doc[j - 1].text.endswith("s"):
        return None  # "les Conventions de l'ONU": a plural head names a kind, not one
    dangling = topic == after and after < len(doc) and doc[after].pos_ in {"NOUN", "PROPN"}
    governed = after + 1 < len(doc) and doc[after + 1].lower_ in _GOVERNED
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
    return _capital(doc[i]) and (not _opens(doc, i) or doc[i].ent_iob_ == "B")


def _pronoun_name(doc: Doc, folded: Sequence[str], i: int, words: EventWords) -> RuleSpan | None:
    """ "un nouveau traité, celui de Lausanne": a demonstrative standing for an event or
    agreement head, followed by "de + proper name", names one (the proper name is its form)."""
    if folded[i] not in _DEMONSTRATIVES or i + 2 >= len(doc) or folded[i + 1] not in _OF:
        return None
    end = _proper_run(doc, i + 2, words)
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
    return i > 0 and _capital(doc[i - 1]) and fold(doc[i - 1].text) in words.openers


def event_spans(doc: Doc) -> list[RuleSpan]:
    """Named events, agreements and meetings of a parsed passage, and the places that battles
    and massacres are named after (type place, rule ``EVENT_PLACE_LABEL``)."""
    words = load_event_words()
    folded = [fold(t.text) for t in doc]
    found: list[RuleSpan] = []
    i = 0
    while i < len(doc):
        meeting = _head_at(folded, i, words.meetings)
        if meeting is not None and i + len(meeting) + 1 < len(doc):
            j = i + len(meeting)
            proper = _proper_run(doc, j + 1, words) if folded[j] in _OF else j
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
            if _opener(doc, i, words) and _capital(doc[i]):
                end = _adjectives(doc, j)
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
