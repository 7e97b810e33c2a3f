"""``find_candidates``: every typed relation stated in one parsed passage."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from filature.extract.relations.actors import MentionIndex
from filature.extract.relations.emit import Emitter
from filature.extract.relations.lexicon import RelationLexicon, load_relation_lexicon
from filature.extract.relations.nouns import apply_noun_rules
from filature.extract.relations.quantities import find_amounts, find_dates
from filature.extract.relations.roles import apply_role_rules
from filature.extract.relations.types import MentionSpan, RelationCandidate
from filature.extract.relations.verbs import apply_verb_rules


def ensure_lemmas(doc: Doc) -> None:
    """Lemmatise ``doc`` in place if the pipeline that parsed it had its lemmatizer disabled."""
    if doc.has_annotation("LEMMA") or len(doc) == 0:
        return
    from filature.extract.nlp import load_nlp

    try:
        load_nlp().get_pipe("lemmatizer")(doc)
    except KeyError:  # no lemmatizer at all: rules fall back on the token text
        return


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span.root


def find_candidates(
    doc: Doc, mentions: Sequence[MentionSpan], lexicon: RelationLexicon | None = None
) -> list[RelationCandidate]:
    """Typed relations between the ``mentions`` of one parsed passage ``doc``.

    Offsets are into ``doc.text``; every candidate's source and target are exactly the spans of
    two of ``mentions``; its evidence is the sentence that states it.
    """
    if len(mentions) < 2:
        return []
    ensure_lemmas(doc)
    index = MentionIndex(doc, sorted(mentions, key=lambda m: (m.start, m.end)))
    emitter = Emitter(index, lexicon or load_relation_lexicon())
    for d in find_dates(doc.text):
        tok = _token_at(doc, d.start, d.end)
        if tok is not None and index.at(tok) is None:
            emitter.dates.append((d, tok))
    for a in find_amounts(doc.text):
        tok = _token_at(doc, a.start, a.end)
        if tok is not None:
            emitter.amounts.append((a, tok))
    for token in doc:
        apply_verb_rules(emitter, token)
        apply_noun_rules(emitter, token)
    apply_role_rules(emitter)
    return emitter.candidates()
