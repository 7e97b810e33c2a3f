"""Where a candidate name starts and ends: NER's spans, pattern rules and event spans, each
extended over what NER left out (a person's last name, an agreement's subject, an
organisation's complement, a street's noun).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from filature.extract.bodies import governs
from filature.extract.commonwords import plural_common_noun
from filature.extract.generic import generic_name_end, untagged_generic_names
from filature.extract.lexicon import Lexicon, load_lexicon
from filature.extract.mentions import (
    STATE_LABEL,
)
from filature.extract.rules import (
    RuleSpan,
    head_type,
    rule_spans,
)
from filature.extract.shapes import (
    adjunct_start,
)
from filature.extract.spans import Trimmed
from filature.extract.statespans import state_spans
from filature.extract.textnorm import collapse, fold
from filature.models import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _extend_person(doc: Doc, ent: Span) -> int:
    """End char of a PER span extended over directly following capitalised proper nouns; a
    title or form of address ends it ("Ludford Monsieur le Président")."""
    end = ent.end
    lex = load_lexicon()
    while end < len(doc) and end - ent.start < 5:
        tok = doc[end]
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or doc[end - 1].whitespace_ != " ":
            break
        if fold(tok.text).rstrip(".") in lex.titles_by_first or tok.text in lex.honorifics:
            break
        end += 1
    return int(doc[end - 1].idx + len(doc[end - 1].text))


def _extend_agreement(doc: Doc, ent: Span) -> int:
    """End char of an agreement/operation/event span extended over following adjectives; an
    adjective that opens a complement of its own ends it ("Conseil fédéral suisse relatif à")."""
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "ADJ" and doc[end].text.islower():
        if governs(doc, end):
            break
        end += 1
    return int(doc[end - 1].idx + len(doc[end - 1].text))


_OF = frozenset({"de", "d'", "d’", "du"})
_TOPIC_LINKS = frozenset({"de", "d'", "du", "des", "et", "la", "le", "les", "l'"})
_TOPIC_MAX = 12


def _participle(tok: Token) -> bool:
    """A participle ("organisée") may end a name's subject; a finite verb never does: "la
    Convention relative aux droits de l'enfant contient ..." ends at "enfant"."""
    return tok.pos_ == "VERB" and "Part" in tok.morph.get("VerbForm", [])


def _extend_topic(doc: Doc, end_char: int, lex: Lexicon) -> int:
    """Extend an agreement over its subject written in lowercase: "Convention des Nations
    unies contre le trafic illicite de drogues et substances psychotropes"."""
    i = next((t.i for t in doc if t.idx >= end_char), len(doc))
    words = [fold(t.text) for t in doc[i : i + 3]]
    opener = next((t for t in lex.agreement_topics if tuple(words[: len(t)]) == t), None)
    if opener is None:
        return end_char
    k = i + len(opener)
    nouns = 0
    last = end_char
    while k < len(doc) and k - i < _TOPIC_MAX:
        tok = doc[k]
        if not tok.is_alpha and fold(tok.text) != "l'" and fold(tok.text) != "d'":
            break
        if not tok.text[:1].islower():
            break
        if tok.pos_ == "NOUN" or (nouns and (tok.pos_ == "ADJ" or _participle(tok))):
            nouns += tok.pos_ == "NOUN"
            last = tok.idx + len(tok.text)
        elif fold(tok.text) not in _TOPIC_LINKS:
            break
        k += 1
    return last if nouns else end_char


def _extend_complement(doc: Doc, ent: Span, end_char: int) -> int:
    """Extend an organisation over "de/d'/du (et de) + Proper Name" ("Bureau chinois
    d'Interpol", "Université de Science politique et de Droit de Pékin")."""
    span = doc.char_span(ent.start_char, end_char, alignment_mode="expand")
    if span is None:
        return end_char
    i = span.end
    while i - 1 > span.start and doc[i - 1].lower_ in _OF:  # NER stopped after "du"
        i -= 1
    while i + 1 < len(doc):
        coordinated = doc[i].lower_ == "et"
        j = i + 1 if coordinated else i
        if j + 1 >= len(doc) or doc[j].lower_ not in _OF:
            break
        nxt = doc[j + 1]
        if nxt.lower_ in {"la", "l'", "l’"} and j + 2 < len(doc) and not coordinated:
            nxt = doc[j + 2]
        if not (nxt.text[:1].isupper() and nxt.pos_ in {"PROPN", "NOUN"}):
            break
        if coordinated and (
            nxt.ent_type_ not in {"", "MISC"}
            or len(span) < 2  # "Europol et d'Interpol": two names, not one head's complements
            or not head_type(span.text, load_lexicon())
        ):
            break
        end_char = int(nxt.idx + len(nxt.text))
        i = nxt.i + 1
    return end_char


def _extend_year(doc: Doc, end_char: int) -> int:
    """Extend an agreement over "de + year" right after its name: "Convention de La Haye de
    1980" and "... de 1993" are two conventions, not one. A full date ("du 20 novembre 1989")
    says when one convention was signed, and stays out of its name."""
    i = next((t.i for t in doc if t.idx >= end_char), len(doc))
    if i + 1 >= len(doc) or doc[i].lower_ != "de" or not _YEAR.fullmatch(doc[i + 1].text):
        return end_char
    return int(doc[i + 1].idx + len(doc[i + 1].text))


_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


_NAME_POS = frozenset({"ADJ", "NOUN", "PROPN", "ADP", "DET", "PUNCT"})


def _longer(ent: Span, end: int) -> bool:
    """True if NER's span goes on past ``end`` with words that can be part of a name (not a
    clause: "Charte des droits des citoyens et nous nous en félicitons")."""
    extra = [t for t in ent if t.idx >= end]
    return any(t.is_alpha for t in extra) and all(t.pos_ in _NAME_POS for t in extra)


_STREET_BEFORE = re.compile(
    r"(?<![\w'’])(\w+)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?$"
)


_INSTEAD_OF = re.compile(r"\b(?:à|a)\s+la\s+place$")


def _street_start(text: str, start: int, lex: Lexicon) -> int:
    """The start of a street's name when NER kept only its capitalised part: "quai de la Gare"
    for "Gare" (the street nouns of lexicon [streets], in lowercase, right before)."""
    m = _STREET_BEFORE.search(text, max(0, start - 30), start)
    if m is None or not m.group(1).islower() or fold(m.group(1)) not in lex.streets:
        return start
    if _INSTEAD_OF.search(text, max(0, m.start(1) - 10), m.end(1)):  # "à la place de Paris"
        return start
    return m.start(1)


def name_candidates(
    doc: Doc, text: str, lex: Lexicon, events: Sequence[RuleSpan] = ()
) -> Iterator[tuple[int, int, str, EntityType | None]]:
    for m in events:  # a date names an agreement: what follows it describes it
        topical = m.type == "agreement" and m.rule != "agreement-dated"
        end = _extend_topic(doc, m.end, lex) if topical else m.end
        if not any(
            e.start_char == m.start and head_type(e.text, lex) == m.type and _longer(e, end)
            for e in doc.ents
        ):  # NER's longer name of the same kind is kept
            yield m.start, end, m.rule, m.type
    for m in rule_spans(text, lex):
        if m.rule == "agreement-of-place":  # "Accord de Contributions" is no "Accord de Paris"
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and plural_common_noun(span[-1]):
                continue
        end = _extend_topic(doc, m.end, lex) if m.type == "agreement" else m.end
        yield m.start, end, m.rule, m.type
    for ent in doc.ents:
        generic = generic_name_end(doc, ent.start, ent.end)
        if generic is not None:  # "l'État islamique": NER kept "État", a place
            last = doc[generic - 1]
            yield ent.start_char, last.idx + len(last.text), "ORG", "organization"
            continue
        end = ent.end_char
        if ent.label_ == "PER":
            end = _extend_person(doc, ent)
        elif ent.label_ in {"ORG", "MISC"}:
            end = _extend_complement(doc, ent, _extend_agreement(doc, ent))
            if head_type(ent.text, lex) == "agreement":
                end = _extend_topic(doc, end, lex)
                if (dated := _extend_year(doc, end)) > end:
                    yield ent.start_char, dated, "agreement-dated", "agreement"
                    continue
        start = _street_start(text, ent.start_char, lex) if ent.label_ == "LOC" else ent.start_char
        yield start, end, ent.label_, None
    for first, stop in untagged_generic_names(doc):  # "l'organisation État islamique"
        last = doc[stop - 1]
        yield doc[first].idx, last.idx + len(last.text), "ORG", "organization"
    for start, end, _ in state_spans(text):  # after NER: "ministère ... de la République X"
        yield start, end, STATE_LABEL, "place"


def cut_adjunct(text: str, span: Trimmed) -> Trimmed:
    """A span ends before a lowercase adjunct of place, time or manner ("Union dans le
    monde" -> "Union"; ``shapes.adjunct_start``)."""
    words = list(re.finditer(r"\S+", text[span.start : span.end]))
    cut = adjunct_start([w.group(0) for w in words])
    if cut is None:
        return span
    stop = span.start + words[cut - 1].end()
    return replace(span, end=stop, name=collapse(text[span.start : stop]))
