"""What the context says about a name's type, read from the parse, and the document-level
rules that follow from it.

- "le Conseil a décidé", "de la Commission": one capitalised organisation head after a
  definite article is the short name of a body the context fixes, not a common noun;
- "l'agence Frontex", "la station de radio Kiskeya", "Signal, messagerie chiffrée": an
  organisation noun governing a name, or in apposition after it, makes it an organisation;
- "le chef de l'organisation Abou Bakr al-Baghdadi, qui...": a name in apposition to a title is a
  person's;
- "des écoles à Marcel, Lucien et Hinche": "à + name" governed by a noun or a verb of
  place names a place, and so do the names listed after it;
- one name is one actor in a document: the type its cues give (by majority) holds for all its
  mentions there, and its occurrences NER missed are mentions too (``settle_document``).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Protocol, TypeVar

from filature.extract.lexicon import Lexicon
from filature.extract.rules import PERSON_PARTICLES, looks_like_person
from filature.extract.textnorm import fold, is_acronym
from filature.models import EntityType, Passage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_DEFINITE = frozenset({"le", "la", "l'", "du", "au"})
_GOVERNED = frozenset({"appos", "nmod", "flat:name", "compound", "amod", "obl:mod", "dep"})
_NEAR = 4
_OPENING_QUOTES = frozenset({'"', "«", "“", "'", "‘"})
PROPAGATED_LABEL = "SAME-NAME"
SHORT_LABEL = "SHORT-NAME"


@dataclass(frozen=True)
class CueWords:
    """The folded words of ``data/cues.toml``."""

    organization_nouns: frozenset[str]
    locative_verbs: frozenset[str]
    addressed_nouns: frozenset[str]
    place_kinds: frozenset[str]
    person_kinds: frozenset[str]
    compass_words: frozenset[str]


@cache
def load_cue_words() -> CueWords:
    """Read ``data/cues.toml`` (cached)."""
    raw = resources.files("filature.extract").joinpath("data/cues.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return CueWords(
        organization_nouns=frozenset(fold(w) for w in data["organization"]["nouns"]),
        locative_verbs=frozenset(fold(w) for w in data["place"]["locative_verbs"]),
        addressed_nouns=frozenset(fold(w) for w in data["place"]["addressed_nouns"]),
        place_kinds=frozenset(fold(w) for w in data["place"]["kind_nouns"]),
        person_kinds=frozenset(fold(w) for w in data["person"]["kind_nouns"]),
        compass_words=frozenset(fold(w) for w in data["place"]["compass_words"]),
    )


def definite_head(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """ "le Conseil", "de la Commission", "l'Union": one capitalised organisation head after a
    definite article, not opening a sentence: a body's short name, although the same word
    alone is in the common nouns."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or span.start == 0:
        return False
    tok = span[0]
    if not tok.text[:1].isupper() or tok.is_upper or tok.is_sent_start:
        return False
    return fold(tok.text) in lex.organization_heads and fold(doc[span.start - 1].text) in _DEFINITE


def _organization_noun(tok: Token, words: CueWords) -> bool:
    return tok.pos_ == "NOUN" and tok.text.islower() and fold(tok.text) in words.organization_nouns


def _title(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ == "NOUN" and (fold(tok.text),) in lex.titles


def _person_like(span: Span) -> bool:
    return len(span) > 1 and looks_like_person(span.text)


def _governed_by_organization_noun(doc: Doc, span: Span, words: CueWords, lex: Lexicon) -> bool:
    """ "l'agence Frontex", "la station de radio Kiskeya": the word just before the name
    (lowercase adjectives skipped) is an organisation noun, and so is the noun governing it."""
    k = span.start - 1
    if k > 0 and doc[k].text in _OPENING_QUOTES:
        k -= 1  # 'le réseau "Eurojust"', "le parti « Ennahdha »"
    while k > 0 and doc[k].pos_ == "ADJ" and doc[k].text.islower():
        k -= 1
    head = span.root.head
    if _title(head.head, lex) and head.dep_ == "nmod" and _person_like(span):
        return False  # "le chef de l'organisation Abou Bakr al-Baghdadi": the chef's name
    return (
        k >= 0
        and _organization_noun(doc[k], words)
        and span.start - _NEAR <= head.i < span.start
        and span.root.dep_ in _GOVERNED
        and _organization_noun(head, words)
    )


def _apposed_organization_noun(doc: Doc, span: Span, words: CueWords) -> bool:
    """ "Signal, messagerie chiffrée", "Frontex, agence de l'Union européenne"."""
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    nxt = doc[span.end + 1]
    return (
        nxt.head.i == span.root.i
        and nxt.dep_ in {"appos", "conj"}
        and _organization_noun(nxt, words)
    )


def _titled_person(span: Span, lex: Lexicon) -> bool:
    """ "le porte-parole Jean Dupont", "le chef de l'organisation Abou Bakr al-Baghdadi": in
    apposition to a title, or to the organisation that is its complement."""
    head = span.root.head
    if span.root.dep_ != "appos" or head.i >= span.start or not _person_like(span):
        return False
    return _title(head, lex) or (head.dep_ == "nmod" and _title(head.head, lex))


def _after_locative_a(doc: Doc, span: Span, words: CueWords) -> bool:
    """ "des médias à Hinche", "né à Jacmel": "à" + name governed by a verb of place, or a
    one-word name governed by a noun; "il a écrit à Marie", "une lettre à Marie" are not."""
    if span.start == 0 or doc[span.start - 1].lower_ != "à":
        return False
    head = span.root.head
    if head.i >= span.start:
        return False
    if head.pos_ == "NOUN":
        return len(span) == 1 and fold(head.text) not in words.addressed_nouns
    return head.pos_ == "VERB" and fold(head.lemma_) in words.locative_verbs


_NAMED = frozenset({"nomme", "nommee", "appele", "appelee", "prenomme", "prenommee"})


def _kind(tok: Token, words: CueWords, lex: Lexicon) -> EntityType | None:
    """The type a lowercase common noun of a kind of place or person gives a name."""
    if tok.pos_ not in {"NOUN", "ADJ"} or not tok.text.islower():
        return None
    word = fold(tok.text)
    if word in words.place_kinds:
        return "place"
    if word in words.person_kinds or (word,) in lex.titles:
        return "person"
    return None


def _kind_noun_type(doc: Doc, span: Span, words: CueWords, lex: Lexicon) -> EntityType | None:
    """ "la capitale Sanandaj", "l'île d'Imralı", "le prophète Muhammad", "une adolescente
    nommée Sarah", "la plus grande ville du pays est Kameshli": the kind noun right before a
    name (or before "nommé(e)"), or the subject of the copula whose predicate it is."""
    k = span.start - 1
    if k > 0 and doc[k].lower_ in {"d'", "de"} and doc[k - 1].lower_ in {"île", "ville"}:
        k -= 1  # "l'île d'Imralı", "la ville de Sanandaj"
    if k >= 0 and fold(doc[k].text) in _NAMED:
        k -= 1
        while k > 0 and (doc[k].pos_ in {"NUM", "ADP", "ADJ"} or doc[k - 1].pos_ == "NUM"):
            k -= 1  # "une adolescente de 16 ans nommée Sarah"
    if k >= 0 and (found := _kind(doc[k], words, lex)) is not None:
        return found
    root = span.root
    if any(c.dep_ == "cop" and c.i < span.start for c in root.children):
        for c in root.children:
            if c.dep_ == "nsubj" and c.i < span.start:
                return _kind(c, words, lex)
    return None


def context_type(
    doc: Doc, start: int, end: int, etype: EntityType | None, lex: Lexicon
) -> EntityType | None:
    """The type the context gives a name typed ``etype`` (by NER and its head noun) when it
    says otherwise; None when it says nothing more."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or etype in {"agreement", "operation", "event"}:
        return None
    words = load_cue_words()
    if etype != "organization" and (
        _governed_by_organization_noun(doc, span, words, lex)
        or _apposed_organization_noun(doc, span, words)
    ):
        return "organization"
    if etype in {"place", None} and _titled_person(span, lex):
        return "person"
    if etype in {"person", None} and _after_locative_a(doc, span, words):
        return "place"
    if etype is None:
        return _kind_noun_type(doc, span, words, lex) or _compass_name(span.text, words)
    return None


def _compass_name(name: str, words: CueWords) -> EntityType | None:
    """ "Moyen-Orient", "Sud-Kivu": one hyphenated word with a point of the compass."""
    parts = name.split("-")
    if " " in name or len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return None
    return "place" if any(fold(p) in words.compass_words for p in parts) else None


class Mention(Protocol):
    """What these rules read of a raw mention (``analyze.RawMention``)."""

    @property
    def passage_seq(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> EntityType: ...
    @property
    def label(self) -> str: ...
    @property
    def role(self) -> str | None: ...


M = TypeVar("M", bound=Mention)
_SCORED = frozenset({"person", "organization", "place"})
_LIST_GAP = re.compile(r"\s*(?:,|\bet\b)\s*")


def listed_places(mentions: Sequence[M], text: str, places: set[tuple[int, int]]) -> list[M]:
    """Names listed right after a place given by "à" ("à Marcel, Lucien et Hinche")
    that were typed person without a title are places too."""
    out = list(mentions)
    chain = False
    previous_end = -1
    for i, m in enumerate(out):
        gap = text[previous_end : m.start] if previous_end >= 0 else ""
        listed = chain and bool(_LIST_GAP.fullmatch(gap))
        if (m.start, m.end) in places:
            chain = True
        elif listed and m.type == "person" and m.role is None and " " not in m.name:
            out[i] = replace(m, type="place")  # type: ignore[type-var]
        else:
            chain = listed and m.type == "place"
        previous_end = m.end
    return out


def settle_document(
    mentions: Sequence[M], cues: Sequence[tuple[str, EntityType]], lex: Lexicon
) -> list[M]:
    """Give every mention of a name the type its context cues give it in the document (by
    majority), except a person's surname ("Mandela" of "Nelson Mandela"). A body's short
    name ("le Conseil") takes the one full name the document gives a body with that head
    ("Conseil européen"), when there is only one. A person's name that is a place of the
    document followed by lowercase words ("le Kurdistan iranien") is a place. A name that
    an organisation's name holds after its head ("al-Chabab" in "Front al-Chabab") is that
    organisation's. A surname NER took for a place is a person's
    (``_disputed_surnames``)."""
    votes: dict[str, Counter[EntityType]] = {}
    for name, etype in cues:
        votes.setdefault(name, Counter())[etype] += 1
    decided = {name: c.most_common(1)[0][0] for name, c in votes.items()}
    longer: dict[str, set[str]] = {}
    for m in mentions:
        words = m.name.split()
        if m.type == "organization" and len(words) > 1 and m.label != SHORT_LABEL:
            longer.setdefault(words[0], set()).add(m.name)
    places = {m.name for m in mentions if m.type == "place" and m.label == "LOC"}
    named = {_bare_name(m.name, lex) for m in mentions if m.type == "organization"} - {None}
    surnames = _disputed_surnames(mentions)
    full_names = {m.name.split()[-1] for m in mentions if m.type == "person" and " " in m.name}
    out = []
    for m in mentions:
        cued = decided.get(m.name)
        if m.label == SHORT_LABEL and len(longer.get(m.name, ())) == 1:
            m = replace(m, name=next(iter(longer[m.name])))  # type: ignore[type-var]
        elif (
            cued is not None
            and m.type in _SCORED
            and m.type != cued
            and m.role is None
            and not (m.type == "person" and m.name in full_names)
        ):
            m = replace(m, type=cued)  # type: ignore[type-var]
        elif m.type == "place" and m.name in surnames and cued is None:
            m = replace(m, type="person")  # type: ignore[type-var]
        elif m.type in {"person", "place"} and m.role is None and m.name in named:
            m = replace(m, type="organization")  # type: ignore[type-var]
        elif m.type == "person" and m.role is None:
            first, *rest = m.name.split()
            if rest and first in places and all(w.islower() for w in rest):
                m = replace(m, type="place")  # type: ignore[type-var]
        out.append(m)
    return out


def _disputed_surnames(mentions: Sequence[Mention]) -> set[str]:
    """One-word "places" that end a fuller person's name in the document and that NER also
    gave as a person's there, or that carry a name particle ("al-Moussaoui" of "Abbas
    al-Moussaoui"): a surname."""
    people = {m.name for m in mentions if m.type == "person"}
    ends = {n.split()[-1] for n in people if len(n.split()) > 1}
    return {
        m.name
        for m in mentions
        if m.type == "place" and m.name in ends and (m.name in people or _glued(m.name))
    }


def _glued(word: str) -> bool:
    particle, _, rest = word.partition("-")
    return fold(particle) in PERSON_PARTICLES and rest[:1].isupper()


def _bare_name(name: str, lex: Lexicon) -> str | None:
    """ "al-Chabab" of "Front al-Chabab", "Polisario" of "Front Polisario": the name after an
    organisation head with no "de" between, which names the organisation alone."""
    head, _, rest = name.partition(" ")
    if fold(head) not in lex.organization_heads or not rest or not rest[:1].isalpha():
        return None
    first = rest.split()[0]
    if fold(first) in lex.stopwords or not (first[:1].isupper() or _glued(first)):
        return None
    return rest


def propagate_names(
    mentions: Sequence[Mention],
    passages: Sequence[Passage],
    lowercase: frozenset[str],
    lex: Lexicon,
) -> list[tuple[Passage, int, int, str, EntityType]]:
    """Occurrences NER missed of an organisation the document names ("Frontex" found three
    times out of fifteen): the exact name, capitalised, between word bounds, outside every
    mention. Names that are common words of the document or lexicon, acronyms NER never
    gave as an organisation's (the defined ones are searched by ``corpus.bare_uses``) and
    names the document also gives a person (a surname) are not searched."""
    by_ner = {m.name for m in mentions if m.label == "ORG"}
    people = {m.name for m in mentions if m.type == "person"}
    people |= {m.name.split()[-1] for m in mentions if m.type == "person"}
    names = {
        m.name
        for m in mentions
        if m.type == "organization"
        and m.name not in people
        and (not is_acronym(m.name) or m.name in by_ner)
        and len(m.name) > 2
        and fold(m.name) not in lex.common_nouns
        and fold(m.name) not in lex.organization_heads
        and m.name.lower() not in lowercase
        and m.name[:1].isupper()
    }
    if not names:
        return []
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.passage_seq, []).append((m.start, m.end))
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len)[::-1])
        + r")(?![\w-])"
    )
    out: list[tuple[Passage, int, int, str, EntityType]] = []
    for p in passages:
        spans = taken.setdefault(p.seq, [])
        for hit in pattern.finditer(p.text):
            s, e = hit.start(), hit.end()
            if any(s < b and a < e for a, b in spans):
                continue
            spans.append((s, e))
            out.append((p, s, e, hit.group(0), "organization"))
    return out
