"""``find_candidates``: every typed relation stated in one parsed passage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from filature.extract.phrases import folded_token_texts
from filature.extract.relations.actors import MentionIndex
from filature.extract.relations.adjacent import apply_unit_of_rule, apply_war_side_rule
from filature.extract.relations.emit import Emitter
from filature.extract.relations.eventroles import apply_event_role_rule
from filature.extract.relations.lemmas import ensure_lemmas
from filature.extract.relations.lexicon import RelationLexicon, fold, load_relation_lexicon
from filature.extract.relations.nouns import NOUNISH, apply_noun_rules
from filature.extract.relations.quantities import find_amounts, find_dates
from filature.extract.relations.roles import apply_role_rules
from filature.extract.relations.seat import apply_event_place_rule, apply_seat_rule
from filature.extract.relations.types import MentionSpan, RelationCandidate
from filature.extract.relations.verbs import VERBAL, apply_verb_rules, verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ensure_lemmas", "find_candidates"]


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span.root


_FOLDED_LEMMA: dict[tuple[int, int, int], str] = {}


def _rule_tokens(doc: Doc, lexicon: RelationLexicon) -> list[tuple[int, bool, bool]]:
    """(index, verb rules may apply, noun rules may apply) for the tokens some rule starts
    from; read from arrays, since making a Token object for each of the others costs time."""
    from spacy.attrs import MORPH, ORTH, POS
    from spacy.parts_of_speech import IDS

    verbal, nounish = {IDS[p] for p in VERBAL}, {IDS[p] for p in NOUNISH}
    verb_lemmas, noun_words = lexicon.verb_lemmas, lexicon.noun_words
    memo = not doc.has_annotation("LEMMA")  # lemmas computed on demand, by (word, POS, morphology)
    words = folded_token_texts(doc, fold)
    found: list[tuple[int, bool, bool]] = []
    for i, (orth, pos, morph) in enumerate(doc.to_array([ORTH, POS, MORPH]).tolist()):
        verb = False
        if pos in verbal:
            folded = _FOLDED_LEMMA.get((orth, pos, morph)) if memo else None
            if folded is None:
                folded = verb_lemma(doc[i])
                if memo:
                    _FOLDED_LEMMA[orth, pos, morph] = folded
            verb = folded in verb_lemmas
        noun = pos in nounish and words[i] in noun_words
        if verb or noun:
            found.append((i, verb, noun))
    return found


def find_candidates(
    doc: Doc,
    mentions: Sequence[MentionSpan],
    lexicon: RelationLexicon | None = None,
    *,
    text: str | None = None,
) -> list[RelationCandidate]:
    """Typed relations between the ``mentions`` of one parsed passage ``doc``.

    Offsets are into ``doc.text``; every candidate's source and target are exactly the spans of
    two of ``mentions``; its evidence is the sentence that states it. ``text``, if given, is
    ``doc.text`` (the text that was parsed), which spaCy would otherwise rebuild token by token.
    """
    if len(mentions) < 2:
        return []
    index = MentionIndex(doc, sorted(mentions, key=lambda m: (m.start, m.end)), text)
    emitter = Emitter(index, lexicon or load_relation_lexicon())
    text = index.text
    for d in find_dates(text):
        tok = _token_at(doc, d.start, d.end)
        if tok is not None and index.at(tok) is None:
            emitter.dates.append((d, tok))
    for a in find_amounts(text):
        tok = _token_at(doc, a.start, a.end)
        if tok is not None:
            emitter.amounts.append((a, tok))
    for i, verb, noun in _rule_tokens(doc, emitter.lexicon):
        token = doc[i]
        if verb:
            apply_verb_rules(emitter, token)
        if noun:
            apply_noun_rules(emitter, token)
            apply_seat_rule(emitter, token)
    apply_role_rules(emitter)
    apply_event_place_rule(emitter)
    apply_unit_of_rule(emitter)
    apply_war_side_rule(emitter)
    apply_event_role_rule(emitter)
    return emitter.candidates()
