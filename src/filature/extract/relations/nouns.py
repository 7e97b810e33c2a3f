"""Noun triggers: "un accord entre X et Y", "sa coopération avec Y", "l'aide ... à Y"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.extract.relations.clausedates import clause_date
from filature.extract.relations.clauses import (
    agents,
    arguments,
    is_participle_modifier,
)
from filature.extract.relations.connectives import case_words
from filature.extract.relations.emit import Emitter
from filature.extract.relations.lexicon import NounRule, fold

if TYPE_CHECKING:
    from spacy.tokens import Token

NOUNISH = {"NOUN", "PROPN"}
_PARTNER_DEPS = {"nmod", "obl", "obl:arg", "obl:mod"}
_LOCUTIONS = {"destination", "profit", "intention", "benefice"}


def _partners(emitter: Emitter, noun: Token, preps: tuple[str, ...]) -> list[int]:
    index = emitter.index
    found: list[int] = []
    for c in noun.children:
        if c.dep_ not in _PARTNER_DEPS:
            continue
        words = case_words(c)
        tok = c
        if fold(c.text) in _LOCUTIONS:
            inner = [k for k in c.children if k.dep_ in _PARTNER_DEPS]
            if not inner or fold(c.text) not in preps:
                continue
            tok = inner[0]
        elif not any(words == p or words.endswith(" " + p) for p in preps if p != "entre"):
            continue
        found.extend(m for m in index.group(tok, lists=True) if m not in found)
    return found


def _between(emitter: Emitter, noun: Token) -> list[int]:
    index = emitter.index
    for c in noun.children:
        if c.dep_ in _PARTNER_DEPS and case_words(c).endswith("entre"):
            found = index.group(c, lists=True)
            if len(found) == 1:  # "un accord entre X et Y a été conclu": Y parsed as subject
                found.extend(index.list_after(found[0], subjects=True))
            return found
    return _between_after(emitter, noun)


_INCISE = 12


def _between_after(emitter: Emitter, noun: Token) -> list[int]:
    """ "un plan d'action commun, en phase de conclusion, entre X et Y": the parse may hang
    "entre X et Y" elsewhere when a phrase comes between; it still follows the noun, with no
    verb in the way."""
    doc, index = noun.doc, emitter.index
    end = min(noun.i + _INCISE, noun.sent.end - 1)
    for k in range(noun.i + 1, end):
        tok = doc[k]
        if tok.pos_ in {"VERB", "AUX"} or tok.text in {";", ":", "(", ")"}:
            return []
        if fold(tok.text) == "entre":
            j = k + 1
            while j < len(doc) and doc[j].pos_ == "DET":
                j += 1
            first = index.at(doc[j]) if j < len(doc) else None
            return [] if first is None else [first, *index.list_after(first)]
    return []


def _governing_verb(noun: Token) -> Token | None:
    tok = noun
    for _ in range(4):
        if (
            tok.dep_ in {"obj", "obl", "obl:arg", "obl:mod", "nmod", "xcomp"}
            and tok.head is not tok
        ):
            tok = tok.head
            if tok.pos_ in {"VERB", "AUX"} or tok.dep_ == "ROOT":
                return tok
        else:
            return None
    return None


def apply_noun_rule(emitter: Emitter, noun: Token, rule: NounRule) -> None:
    """Emit the relations stated by one trigger noun."""
    sent = noun.sent
    if rule.joint:
        _emit_joint(emitter, noun, rule)
        return
    pair = _between(emitter, noun) if "entre" in rule.preps else []
    if len(pair) >= 2:
        _emit_between(emitter, noun, rule, pair)
        return
    verb = _governing_verb(noun)
    partners = _noun_partners(emitter, noun, rule, verb)
    if not partners:
        return
    by = _participle_agents(emitter, noun)
    if by:
        date = clause_date(noun, emitter.dates)
        for s in by:
            for t in partners:
                emitter.add(s, t, rule.type, rule.rule, rule.confidence, sent, noun, date=date)
        return
    if verb is None:
        apposed = emitter.index.phrase(noun.head) if noun.dep_ == "appos" else None
        if apposed is not None:  # "l'Espagne, en liaison avec le Portugal"
            for t in partners:
                emitter.add(apposed, t, rule.type, rule.rule, rule.confidence, sent, noun)
        return
    args = arguments(emitter.index, verb)
    date = clause_date(verb, emitter.dates)
    conf = rule.confidence * (0.85 if args.weak else 1.0)
    for s in args.sources:
        for t in partners:
            emitter.add(s, t, rule.type, rule.rule, conf, sent, noun, date=date)


def _emit_between(emitter: Emitter, noun: Token, rule: NounRule, pair: list[int]) -> None:
    """A relation between every two of the actors "entre" lists ("un accord entre X et Y"),
    dated by the noun's clause, else by the participle it is the subject of."""
    date = clause_date(noun, emitter.dates)
    if date is None and noun.dep_ == "nsubj:pass":  # "un accord entre X et Y, conclu en 1994"
        date = clause_date(noun.head, emitter.dates, avoid=[noun])
    for i, a in enumerate(pair):
        for b in pair[i + 1 :]:
            emitter.add(
                a, b, rule.type, rule.rule + "_between", rule.confidence, noun.sent, noun, date=date
            )


def _emit_joint(emitter: Emitter, noun: Token, rule: NounRule) -> None:
    """ "la signature par X et Y du traité", "la ratification du traité par X et Y": the actors
    the act is by, when they are two or more and its object is one of the rule's
    ``object_heads`` (or a name typed agreement), made it together."""
    index = emitter.index
    holders = [noun, *(c for c in noun.children if c.dep_ == "nmod")]
    objects = [
        c
        for c in noun.children
        if c.dep_ == "nmod"
        and (
            fold(c.text) in rule.object_heads
            or (index.at(c) is not None and index.type_of(index.at(c) or 0) == "agreement")
        )
    ]
    if not objects:
        return
    by: list[int] = []
    for tok in holders:
        for c in tok.children:
            if c.dep_ in _PARTNER_DEPS | {"obl:agent"} and case_words(c) in rule.preps:
                by.extend(m for m in index.group(c, lists=True) if m not in by)
    date = clause_date(noun, emitter.dates)
    for i, a in enumerate(by):
        for b in by[i + 1 :]:
            emitter.add(a, b, rule.type, rule.rule, rule.confidence, noun.sent, noun, date=date)


def _noun_partners(emitter: Emitter, noun: Token, rule: NounRule, verb: Token | None) -> list[int]:
    """The actors the noun's prepositions name: after the noun, else after the noun it
    complements, else after its verb when the noun is that verb's object."""
    partners = _partners(emitter, noun, rule.preps)
    if not partners and noun.dep_ == "nmod":
        partners = _partners(emitter, noun.head, rule.preps)
    if not partners and verb is not None and _in_object(noun, verb):
        partners = _partners(emitter, verb, rule.preps)
    return partners


def _in_object(noun: Token, verb: Token) -> bool:
    """True if ``noun`` is ``verb``'s object or a complement of it ("assure des programmes de
    formation pour X": the parse may hang "pour X" on the verb or on "programmes")."""
    tok = noun.head if noun.dep_ == "nmod" else noun
    return tok.dep_ == "obj" and tok.head == verb


def _participle_agents(emitter: Emitter, noun: Token) -> list[int]:
    """The "par" agent of a participle qualifying ``noun`` or its complement: "l'aide en
    matériel fournie par X aux Y" is given by X."""
    for tok in (noun, *(c for c in noun.children if c.dep_ == "nmod")):
        for c in tok.children:
            if is_participle_modifier(c):
                found = [m for a in agents(c) for m in emitter.index.group(a)]
                if found:
                    return found
    return []


def apply_noun_rules(emitter: Emitter, token: Token) -> None:
    """Apply every noun rule whose word is ``token``."""
    if token.pos_ not in NOUNISH:
        return
    word = fold(token.text)
    nouns = emitter.lexicon.nouns
    for rule in nouns:
        if word in rule.words:
            apply_noun_rule(emitter, token, _within_agreement(token, rule, nouns))


def _within_agreement(token: Token, rule: NounRule, nouns: tuple[NounRule, ...]) -> NounRule:
    """ "accord de coopération entre X et Y" states an agreement, not only a cooperation."""
    if rule.type != "cooperates_with" or token.dep_ != "nmod":
        return rule
    head = fold(token.head.text)
    for other in nouns:
        if other.type == "agreement_with" and head in other.words:
            return other
    return rule
