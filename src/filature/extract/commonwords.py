"""Common words and phrases NER took for names ("Sécurité publique", "Contributions")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.extract.countries import load_countries
from filature.extract.lexicon import load_lexicon
from filature.extract.rules import (
    PERSON_PARTICLES,
    head_type,
)
from filature.extract.shapes import (
    numbered_instrument,
)
from filature.extract.textnorm import fold
from filature.models import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def plural_common_noun(token: Token) -> bool:
    """A known word the parse reads as a plural common noun ("Contributions") and that names
    no state ("Seychelles")."""
    if token.pos_ != "NOUN" or "Plur" not in token.morph.get("Number", []):
        return False
    return token.vocab[token.lower_].has_vector and load_countries().state_of(token.text) is None


def not_a_name(
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
        common = first.pos_ in {"VERB", "ADJ", "ADV"} or plural_common_noun(first)
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
    if head is None and _common_nouns_joined(span, lowercase):
        return True  # "Liberté, Sécurité et Justice": values capitalised, not a name
    rest_lower = all(not t.text[:1].isupper() for t in span[1:] if t.is_alpha)
    if rest_lower and span.start > 0 and doc[span.start - 1].lower_ in _DESCRIBING:
        return True  # "une Union élargie", "notre Union commune": a description, not a name
    if first.pos_ != "NOUN" or not rest_lower or head is not None:
        return False
    opening = first.is_sent_start or first.i == 0
    return opening or first.lower_ in lowercase or fold(first.text) in lex.noise.capitalised_common


_JOINING = frozenset({"et", "ou"})


def _common_nouns_joined(span: Span, lowercase: frozenset[str]) -> bool:
    """ "Sécurité et Justice": capitalised words joined by "et" / "ou", each one the document
    writes as a common word, with no name-forming word among them; a name that opens such a
    list ("Espace Liberté, Sécurité et Justice", cut at the comma by NER) is read with it."""
    tokens = list(span)
    doc, j = span.doc, span.end
    if j < len(doc) and doc[j].text == ",":
        while j < len(doc) and (
            doc[j].text == "," or doc[j].lower_ in _JOINING or doc[j].text[:1].isupper()
        ):
            tokens.append(doc[j])
            j += 1
    words = [t for t in tokens if t.is_alpha]
    joined = [t for t in words if t.lower_ in _JOINING]
    content = [t for t in words if t.lower_ not in _JOINING]
    return (
        bool(joined)
        and len(content) >= 2
        and all(t.text[:1].isupper() and t.lower_ in lowercase for t in content)
    )


_DESCRIBING = frozenset(
    {"un", "une", "mon", "ma", "mes", "ton", "ta", "tes", "notre", "nos", "votre", "vos"}
)
"""Determiners before which a capitalised noun and lowercase words describe rather than name:
indefinite, and possessive of the speaker or listener ("notre Union commune")."""
