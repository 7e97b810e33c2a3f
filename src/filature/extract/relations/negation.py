"""Negated statements: "X n'a pas signé", "aucun accord ne lie A et B" state no relation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.extract.relations.lexicon import RelationLexicon, fold

if TYPE_CHECKING:
    from spacy.tokens import Token

_CLAUSE_HEADS = {"VERB", "AUX"}


def _denies(token: Token, lex: RelationLexicon) -> bool:
    """True if ``token`` carries a negation: "pas", "jamais", "aucun" among its children, or a
    bare "ne" that no restrictive "que" completes ("ne ... que" means "only")."""
    words = [fold(c.text) for c in token.children]
    if any(w in lex.negators for w in words):
        return True
    if not any(w in lex.negation_particles for w in words):
        return False
    return not any(fold(t.text) in lex.restrictives for t in token.subtree if t.i > token.i)


def is_negated(trigger: Token, lex: RelationLexicon) -> bool:
    """True if the clause of ``trigger`` denies it: the trigger itself, or the words that lead
    from it to its clause's verb (a trigger noun's verb, a role noun's copula), are negated."""
    tok = trigger
    for _ in range(4):
        if _denies(tok, lex):
            return True
        if tok.pos_ in _CLAUSE_HEADS or any(c.dep_ == "cop" for c in tok.children):
            return False
        if tok.head is tok:
            return False
        tok = tok.head
    return False
