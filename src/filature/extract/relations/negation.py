"""Statements that state nothing: negated ("X n'a pas signé", "aucun accord ne lie A et B"),
hypothetical ("si A signait avec B") or asked ("A a-t-il signé avec
B ?", "on ignore si A a signé avec B")."""

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


def _supposes(head: Token, lex: RelationLexicon) -> bool:
    """True if the clause headed by ``head`` is a condition or an indirect question ("si A
    signait", "on ignore si A a signé": a "si" not after "même" or "comme"). The conditional
    mood alone does not suppose: the press reports facts in it ("A en aurait conclu avec B")."""
    for c in head.children:
        if c.dep_ == "mark" and fold(c.text) in lex.conditions:
            before = c.doc[c.i - 1] if c.i > 0 else None
            if before is None or fold(before.text) not in lex.factual_before_condition:
                return True
    return False


def _asked(trigger: Token) -> bool:
    """True if the sentence of ``trigger`` is a question."""
    sent = trigger.sent
    return any(t.text == "?" for t in sent[-2:])


def is_negated(trigger: Token, lex: RelationLexicon) -> bool:
    """True if the clause of ``trigger`` denies it: the trigger itself, or the words that lead
    from it to its clause's verb (a trigger noun's verb, a role noun's copula), are negated; or
    if that clause only supposes or asks it (a condition, the conditional mood, a question)."""
    if _asked(trigger):
        return True
    tok = trigger
    for _ in range(4):
        if _denies(tok, lex):
            return True
        if tok.pos_ in _CLAUSE_HEADS or any(c.dep_ == "cop" for c in tok.children):
            return _supposes(tok, lex)
        if tok.head is tok:
            return False
        tok = tok.head
    return False
