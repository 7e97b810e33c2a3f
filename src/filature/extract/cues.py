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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from filature.extract.lexicon import Lexicon
from filature.extract.naming import named_kind
from filature.extract.rules import looks_like_person
from filature.extract.textnorm import fold
from filature.extract.wordlists import WordLists, listed
from filature.models import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_DEFINITE = frozenset({"le", "la", "l'", "du", "au"})
_GOVERNED = frozenset({"appos", "nmod", "flat:name", "compound", "amod", "obl:mod", "dep"})
_NEAR = 4
_OPENING_QUOTES = frozenset({'"', "«", "“", "'", "‘"})


@dataclass(frozen=True)
class CueWords(WordLists):
    """The folded words of ``data/cues.toml``."""

    FILE = "cues.toml"
    organization_nouns: frozenset[str] = listed("organization", "nouns")
    locative_verbs: frozenset[str] = listed("place", "locative_verbs")
    addressed_nouns: frozenset[str] = listed("place", "addressed_nouns")
    place_kinds: frozenset[str] = listed("place", "kind_nouns")
    person_kinds: frozenset[str] = listed("person", "kind_nouns")
    compass_words: frozenset[str] = listed("place", "compass_words")


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
    words = CueWords.load()
    named = named_kind(doc, span, words, lex)
    if named is not None:
        return named if named != etype else None
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
