"""Step 1, per document: NER + pattern rules over its passages -> raw mentions and acronyms.

The result is a pure function of the document text and ``PIPELINE_VERSION`` and converts to and
from plain JSON-able dicts, so that a build can cache it by document hash.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any, TypeAlias

from filature.extract.acronyms import AcronymDef, find_definitions
from filature.extract.administration import UnitSpan, administration_spans, written_acronyms
from filature.extract.bodies import LABEL as BODY_LABEL
from filature.extract.bodies import body_spans, governs
from filature.extract.countries import load_countries, state_spans
from filature.extract.cues import (
    PROPAGATED_LABEL,
    SHORT_LABEL,
    context_type,
    definite_head,
    listed_places,
    propagate_names,
    settle_document,
)
from filature.extract.drops import Dropped
from filature.extract.events import EVENT_PLACE_LABEL, LOWERCASE_NAMES, event_spans
from filature.extract.institutions import LABEL as INSTITUTION_LABEL
from filature.extract.institutions import institution_spans
from filature.extract.lexicon import Lexicon, load_lexicon
from filature.extract.noise import noise_rule
from filature.extract.relations.lexicon import load_relation_lexicon
from filature.extract.rules import (
    PERSON_PARTICLES,
    RuleSpan,
    assign_type,
    english_title,
    head_type,
    looks_like_person,
    rule_spans,
)
from filature.extract.shapes import (
    adjunct_start,
    generic_definition,
    kind_type,
    numbered_instrument,
    polity_plural,
)
from filature.extract.spans import Trimmed, prepare_text, trim_span
from filature.extract.textnorm import collapse, fold, is_acronym, unquote
from filature.extract.wordfilters import (
    cut_at_title,
    cut_loose_tail,
    in_caps_run,
    lowercase_words,
    people_noun,
    written_lowercase,
)
from filature.models import Document, EntityType, Passage, Zone

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PIPELINE_VERSION = "entities-3"
BATCH_SIZE = 64
N_PROCESS = 1
"""Processes ``nlp.pipe`` uses; bench/barerun.py gives bare spaCy the same. Kept at 1: on the
two cores filature targets, workers would add a copy of the model per process and ship every
parse back to this one, for CPU work that is the same in total."""
_QUOTE_PAIRS = (("«", "»"), ("“", "”"))


@dataclass(frozen=True, slots=True)
class RawMention:
    """A mention before corpus-level merging; offsets are into the passage's text."""

    passage_seq: int
    start: int
    end: int
    surface: str
    name: str
    type: EntityType
    label: str
    role: str | None
    zone: Zone
    quoted: bool = False
    lead: bool = False


@dataclass(frozen=True, slots=True)
class PassageAcronym:
    """An acronym definition located in a passage."""

    passage_seq: int
    definition: AcronymDef


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything the corpus-level steps need from one document."""

    version: str
    mentions: tuple[RawMention, ...]
    acronyms: tuple[PassageAcronym, ...]
    dropped: tuple[Dropped, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form (for a cache)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentAnalysis:
        """Inverse of ``to_dict``."""
        return cls(
            version=data["version"],
            mentions=tuple(RawMention(**m) for m in data["mentions"]),
            acronyms=tuple(
                PassageAcronym(a["passage_seq"], AcronymDef(**a["definition"]))
                for a in data["acronyms"]
            ),
            dropped=tuple(Dropped(**d) for d in data.get("dropped", ())),
        )


PassageHook: TypeAlias = "Callable[[Passage, Doc, Sequence[RawMention], str], None]"
"""Called for each passage with its spaCy Doc, raw mentions and the text parsed (relations plug
in here)."""


def _in_quotes(text: str, start: int) -> bool:
    before = text[:start]
    return any(before.count(o) > before.count(c) for o, c in _QUOTE_PAIRS) or (
        before.count('"') % 2 == 1
    )


_AUTHORS = re.compile(
    r"^\s*(?:\d{1,3}\s*\.)?\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:,|\bet\b)\s*)*$"
)
_PUBLISHER_SLOT = re.compile(r"^\s*,\s*(?:\d{4}|\d{1,2}(?:er)?\s+\w+\s+\d{4})\b")


def _is_lead(text: str, start: int, person: bool) -> bool:
    """True if the span is in a footnote's author slot: first, after ';', or (for a person)
    in the list of names that opens the note ("Tao Xu, Nan Yang")."""
    before = text[:start].rstrip()
    if before.endswith(";") or not before.lstrip("0123456789. "):
        return True
    return person and bool(_AUTHORS.match(text[:start]))


def _author_slot(doc: Doc, text: str, span: Trimmed, lex: Lexicon) -> bool:
    """A name NER could not type that opens a footnote and is followed by a comma, made of
    capitalised words at least one of which is no known word: an author ("31. Niva Yau, ...")."""
    words = span.name.split()
    if not 2 <= len(words) <= 4 or text[span.end : span.end + 1] != ",":
        return False
    if not looks_like_person(span.name) or not _is_lead(text, span.start, True):
        return False
    vocabulary = lex.english | lex.common_nouns | lex.organization_heads | lex.organization_tails
    if any(fold(w) in vocabulary or (is_acronym(w) and len(w) > 2) for w in words):
        return False
    return any(not doc.vocab[w.lower()].has_vector for w in words)


_GLOSS_BEFORE = re.compile(r"\b[a-zà-öø-ÿ][\w'’-]*\s*\(\s*$")


def _gloss(text: str, start: int, end: int) -> bool:
    """A "name" alone in brackets after a lowercase word is a term glossed, not a person:
    "des zones d'origine des Chinois d'outre-mer (Qiao Qian)"."""
    return bool(_GLOSS_BEFORE.search(text[:start])) and text[end:].lstrip().startswith(")")


PUBLISHER_LABEL = "PUBLISHER"
STATE_LABEL = "STATE"
_CITY_BEFORE = re.compile(r"(?:^|[(;:]\s*|\s)[A-Z][\w'’-]+,\s*$")


def _publisher_slot(text: str, end: int) -> bool:
    """True if the span is followed by ", <year>" in a citation (a publisher, not an actor)."""
    return bool(_PUBLISHER_SLOT.match(text[end:]))


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


def _plural_common_noun(token: Token) -> bool:
    """A known word the parse reads as a plural common noun ("Contributions") and that names
    no state ("Seychelles")."""
    if token.pos_ != "NOUN" or "Plur" not in token.morph.get("Number", []):
        return False
    return token.vocab[token.lower_].has_vector and load_countries().state_of(token.text) is None


def _not_a_name(
    doc: Doc,
    start: int,
    end: int,
    label: str,
    etype: EntityType,
    lowercase: frozenset[str],
) -> bool:
    """Common words and phrases NER took for names ("Sécurité publique", "Contribuer").

    ``lowercase`` holds the document's common words (``lowercase_words``). A capitalised noun
    with lowercase words after it ("Empire ottoman", "Corps législatif") is a name unless it
    opens the sentence or the document uses the noun as a common word; "von Bötticher" starts
    with a name particle, not a common word. One known word alone is a common word when the
    document writes it in lowercase, or when it opens a sentence (or a table cell) as a verb, an
    adjective, an adverb or a plural common noun ("Contributions", "Combattants"; a state's name,
    "Seychelles", is no common noun).
    """
    lex = load_lexicon()
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    first = span[0]
    head = head_type(span.text, lex)
    if len(span) == 1:
        if not doc.vocab[first.lower_].has_vector:
            return False
        opening = first.is_sent_start or first.i == 0
        common = first.pos_ in {"VERB", "ADJ", "ADV"} or _plural_common_noun(first)
        alone = all(t.i == first.i or not t.is_alpha for t in first.sent)
        heading = alone and first.pos_ == "NOUN"  # "Religion" as a section title
        return first.lower_ in lowercase or (opening and common) or heading
    particle = etype == "person" and fold(first.text) in PERSON_PARTICLES
    if first.text[:1].islower() and head is None and label != "LOC" and not particle:
        return True
    if etype in {"agreement", "operation", "event"}:
        return not numbered_instrument(span.text) and not any(
            t.text[:1].isupper() and (t.pos_ == "PROPN" or t.lower_ not in lowercase)
            for t in span[1:]
        )
    rest_lower = all(not t.text[:1].isupper() for t in span[1:] if t.is_alpha)
    if rest_lower and span.start > 0 and doc[span.start - 1].lower_ in _DESCRIBING:
        return True  # "une Union élargie", "notre Union commune": a description, not a name
    if first.pos_ != "NOUN" or not rest_lower or head is not None:
        return False
    opening = first.is_sent_start or first.i == 0
    return opening or first.lower_ in lowercase or fold(first.text) in lex.capitalised_common


_OF = frozenset({"de", "d'", "d’", "du"})
_DESCRIBING = frozenset(
    {"un", "une", "mon", "ma", "mes", "ton", "ta", "tes", "notre", "nos", "votre", "vos"}
)
"""Determiners before which a capitalised noun and lowercase words describe rather than name:
indefinite, and possessive of the speaker or listener ("notre Union commune")."""
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


def _candidates(
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
            if span is not None and _plural_common_noun(span[-1]):
                continue
        end = _extend_topic(doc, m.end, lex) if m.type == "agreement" else m.end
        yield m.start, end, m.rule, m.type
    for ent in doc.ents:
        end = ent.end_char
        if ent.label_ == "PER":
            end = _extend_person(doc, ent)
        elif ent.label_ in {"ORG", "MISC"}:
            end = _extend_complement(doc, ent, _extend_agreement(doc, ent))
            if head_type(ent.text, lex) == "agreement":
                end = _extend_topic(doc, end, lex)
        start = _street_start(text, ent.start_char, lex) if ent.label_ == "LOC" else ent.start_char
        yield start, end, ent.label_, None
    for start, end, _ in state_spans(text):  # after NER: "ministère ... de la République X"
        yield start, end, STATE_LABEL, "place"


def _cut_adjunct(text: str, span: Trimmed) -> Trimmed:
    """A span ends before a lowercase adjunct of place, time or manner ("Union dans le
    monde" -> "Union"; ``shapes.adjunct_start``)."""
    words = list(re.finditer(r"\S+", text[span.start : span.end]))
    cut = adjunct_start([w.group(0) for w in words])
    if cut is None:
        return span
    stop = span.start + words[cut - 1].end()
    return replace(span, end=stop, name=collapse(text[span.start : stop]))


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
    found = _institution_mentions(passage, doc)
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
            found.extend(_named_inside(passage, body))
    for start, end, label, forced in _candidates(doc, prepared, lex, events):

        def drop(
            rule: str, reason: str, s: int = start, e: int = end, t: str = "", lab: str = label
        ) -> None:
            if dropped is not None:
                surface = text[s:e]
                dropped.append(Dropped(passage.seq, s, e, surface, lab, t, rule, reason))

        trimmed = trim_span(text, prepared, start, end, lex, cut_quotes=forced is None)
        if trimmed is None:
            drop("trim", "nothing name-like left after removing determiners, titles, punctuation")
            continue
        if forced is None:
            trimmed = _cut_adjunct(text, cut_loose_tail(doc, text, trimmed))
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
            drop(noise.name, noise.reason, s, e)
            continue
        if label != EVENT_PLACE_LABEL and any(s < b and a < e for a, b in taken):
            drop("overlap", "overlaps a mention already taken (institution, rule or NER)", s, e)
            continue
        if label == "MISC" and _word_in_capitals(trimmed.name, written_lower):
            drop("word in capitals", "a word the document also writes in lowercase", s, e)
            continue
        if is_acronym(trimmed.name) and _REFERENCE_NUMBER.match(text, e):
            drop("reference label", "an acronym labelling a file number (RG 15/01183)", s, e)
            continue
        if in_caps_run(prepared, s, e, trimmed.name):
            drop("caps run", "an all-caps word joined to other all-caps words (heading)", s, e)
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
            if is_acronym(trimmed.name) and _ARTICLE_BEFORE.search(text, max(0, s - 40), s):
                etype = "agreement"  # "article 39 TUE": the instrument the article is of
        if etype is None and passage.zone == "footnote" and _author_slot(doc, text, trimmed, lex):
            etype = "person"
        if etype is None:
            drop("untyped", "the label and the head noun give no entity type", s, e)
            continue
        if english_title(trimmed.name, etype, lex):
            drop("english title", "running English words: a cited title", s, e, etype)
            continue
        if etype == "person" and trimmed.role is None and _gloss(text, s, e):
            drop("gloss", "a term glossed in brackets after a lowercase word", s, e, etype)
            continue
        lead = _is_lead(text, s, etype == "person")
        if etype == "place" and _publisher_slot(text, e) and _CITY_BEFORE.search(text[:s]):
            label = PUBLISHER_LABEL
        footnote_person = passage.zone == "footnote" and etype == "person" and not lead
        if footnote_person and _publisher_slot(text, e):
            drop("publisher slot", "a name before ', <year>' in a citation", s, e, etype)
            continue
        if forced is None and not short and _not_a_name(doc, s, e, label, etype, lowercase):
            drop("common words", "words the document uses as common words", s, e, etype)
            continue
        if (
            trimmed.role is None
            and not polity_plural(trimmed.name)
            and people_noun(doc, s, e, etype, lex, written_lower)
        ):
            drop("people noun", "a nationality or people noun after an article", s, e, etype)
            continue
        if trimmed.role and etype != "person" and head_type(trimmed.name, lex) is None:
            drop("role on non-person", "a title before a name that is not a person's", s, e)
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
                quoted=_in_quotes(text, s),
                lead=lead,
            )
        )
    found.extend(_coordinated_places(passage, doc, found, taken))
    return listed_places(sorted(found, key=lambda m: m.start), text, cued_places)


def _word_in_capitals(name: str, written_lower: frozenset[str]) -> bool:
    """ "KURDES" in a cited title: a word of five letters or more written in capitals that
    the document also writes in lowercase ("les villages kurdes") is no acronym."""
    if not is_acronym(name) or len(name) < 5 or not name.isalpha():
        return False
    return name.lower() in written_lower


_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]rticles?|[Aa]rt\.)[ \t]+\d+[\w-]*[ \t,]*$")
_REFERENCE_NUMBER = re.compile(r"[ \t]*(?:n[°o][ \t]*)?\d+[ \t]*/[ \t]*\d+")
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


def _coordinated_places(
    passage: Passage, doc: Doc, found: Sequence[RawMention], taken: list[tuple[int, int]]
) -> list[RawMention]:
    """ "le Maroc et l'Espagne": a proper noun NER left untagged, coordinated with a place the
    NER found, is a place too."""
    added: list[RawMention] = []
    for m in found:
        if m.type != "place" or m.label != "LOC":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        partners = [c for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj":
            partners.append(root.head)
        for tok in partners:
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_:
                continue
            last = max((c for c in tok.children if c.dep_ == "flat:name"), default=tok)
            start, end = tok.idx, last.idx + len(last.text)
            if not tok.is_alpha or any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            text = passage.text[start:end]
            added.append(
                RawMention(passage.seq, start, end, text, text, "place", "LOC", None, passage.zone)
            )
    return added


def _named_inside(passage: Passage, unit: UnitSpan) -> Iterator[RawMention]:
    """The region and the organisation a branch's name holds, as mentions of their own."""
    inside: list[tuple[tuple[int, int] | None, EntityType, str]] = [
        (unit.place, "place", "LOC"),
        (unit.parent, "organization", "ORG"),
    ]
    for offsets, etype, label in inside:
        if offsets is not None:
            s, e = offsets
            name = passage.text[s:e]
            yield RawMention(passage.seq, s, e, name, name, etype, label, None, passage.zone)


def _institution_mentions(passage: Passage, doc: Doc) -> list[RawMention]:
    """Institutions named in job titles ("ministre de la Sécurité publique"): candidates the
    corpus step keeps only if the institution is named elsewhere."""
    roles = load_relation_lexicon().roles
    return [
        RawMention(
            passage.seq,
            span.start,
            span.end,
            passage.text[span.start : span.end],
            span.name,
            "organization",
            INSTITUTION_LABEL,
            None,
            passage.zone,
        )
        for span in institution_spans(doc, load_lexicon(), roles)
    ]


def _add_acronym_mentions(
    passage: Passage, defs: Iterable[AcronymDef], found: list[RawMention]
) -> None:
    """Add mentions for each definition's long form (replacing partial NER spans) and acronym."""
    lex = load_lexicon()
    for d in defs:
        spans = ((d.start, d.end, d.long_form), (d.acronym_start, d.acronym_end, d.acronym))
        for start, end, name in spans:
            inside = [m for m in found if start <= m.start and m.end <= end]
            if any(m.start < end and start < m.end for m in found if m not in inside):
                continue
            if len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end):
                continue
            for m in inside:
                found.remove(m)
            found.append(
                RawMention(
                    passage.seq,
                    start,
                    end,
                    passage.text[start:end],
                    name,
                    head_type(name, lex) or "organization",
                    "ACRONYM" if is_acronym(name) else "LONGFORM",
                    None,
                    passage.zone,
                )
            )


class DocumentAnalyzer:
    """Collects one document's raw mentions and acronyms as its parsed passages arrive (in
    order), so that the passages of many documents can share one ``nlp.pipe`` stream."""

    def __init__(self, document: Document, on_passage: PassageHook | None = None) -> None:
        self.document = document
        self.on_passage = on_passage
        self.lex = load_lexicon()
        self.lowercase = lowercase_words(document.text)
        self.written_lower = written_lowercase(document.text)
        self.written_acronyms = written_acronyms(document.text)
        self.mentions: list[RawMention] = []
        self.acronyms: list[PassageAcronym] = []
        self.dropped: list[Dropped] = []
        self.cues: list[tuple[str, EntityType]] = []
        self.kinds: list[str] = []

    def add(self, passage: Passage, text: str, doc: Doc) -> None:
        """Analyse one passage: ``text`` is its prepared text and ``doc`` the parse of it."""
        found = passage_mentions(
            passage,
            doc,
            text,
            self.lex,
            self.lowercase,
            self.dropped,
            self.written_lower,
            self.cues,
            self.written_acronyms,
        )
        defs = []
        for d in find_definitions(text, self.lex):
            if generic_definition(d.long_form):
                self.kinds.extend((d.acronym, d.long_form))
            else:
                defs.append(d)
        _add_acronym_mentions(passage, defs, found)
        self.acronyms.extend(PassageAcronym(passage.seq, d) for d in defs)
        if self.on_passage is not None:
            self.on_passage(passage, doc, found, text)
        self.mentions.extend(sorted(found, key=lambda m: m.start))

    def _named(self) -> list[RawMention]:
        """The mentions, less those of the kinds the document defines by an acronym ("des
        organisations non gouvernementales (ONG)": ONG is a kind, not an actor)."""
        kinds = {fold(k) for k in self.kinds}
        kept = []
        for m in self.mentions:
            if fold(m.name) in kinds:
                self.dropped.append(
                    Dropped(
                        m.passage_seq,
                        m.start,
                        m.end,
                        m.surface,
                        m.label,
                        m.type,
                        "kind",
                        "an acronym or long form the document defines as a kind of thing",
                    )
                )
                continue
            kept.append(m)
        return kept

    def result(self) -> DocumentAnalysis:
        """The analysis of every passage added: each name typed alike in the document, and
        the occurrences NER missed of the organisations it names added."""
        mentions = settle_document(self._named(), self.cues, self.lex)
        passages = self.document.passages
        for p, s, e, name, etype in propagate_names(mentions, passages, self.lowercase, self.lex):
            raw = RawMention(p.seq, s, e, name, name, etype, PROPAGATED_LABEL, None, p.zone)
            mentions.append(raw)
        mentions.sort(key=lambda m: (m.passage_seq, m.start))
        return DocumentAnalysis(
            PIPELINE_VERSION, tuple(mentions), tuple(self.acronyms), tuple(self.dropped)
        )


def analyze_document(
    document: Document,
    nlp: Language,
    *,
    on_passage: PassageHook | None = None,
    progress: Callable[[int], None] | None = None,
) -> DocumentAnalysis:
    """Run the pipeline over a document's passages (in batches) and collect raw mentions."""
    analyzer = DocumentAnalyzer(document, on_passage)
    prepared = [prepare_text(p.text) for p in document.passages]
    docs = nlp.pipe(prepared, batch_size=BATCH_SIZE)
    for passage, text, doc in zip(document.passages, prepared, docs, strict=True):
        analyzer.add(passage, text, doc)
        if progress is not None:
            progress(1)
    return analyzer.result()
