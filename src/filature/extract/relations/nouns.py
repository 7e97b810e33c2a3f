"""Noun triggers: "un accord entre X et Y", "sa coopération avec Y", "l'aide ... à Y"."""

from __future__ import annotations

from spacy.tokens import Token

from filature.extract.relations.actors import case_words
from filature.extract.relations.clauses import arguments, clause_date
from filature.extract.relations.emit import Emitter
from filature.extract.relations.lexicon import NounRule, fold

_NOUNISH = {"NOUN", "PROPN"}
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
    for c in noun.children:
        if c.dep_ in _PARTNER_DEPS and case_words(c).endswith("entre"):
            return emitter.index.group(c, lists=True)
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
    pair = _between(emitter, noun) if "entre" in rule.preps else []
    if len(pair) >= 2:
        date = clause_date(noun, emitter.dates)
        for i, a in enumerate(pair):
            for b in pair[i + 1 :]:
                emitter.add(
                    a, b, rule.type, rule.rule + "_between", rule.confidence, sent, noun, date=date
                )
        return
    partners = _partners(emitter, noun, rule.preps)
    if not partners:
        return
    verb = _governing_verb(noun)
    if verb is None:
        return
    args = arguments(emitter.index, verb)
    date = clause_date(verb, emitter.dates)
    conf = rule.confidence * (0.85 if args.weak else 1.0)
    for s in args.sources:
        for t in partners:
            emitter.add(s, t, rule.type, rule.rule, conf, sent, noun, date=date)


def apply_noun_rules(emitter: Emitter, token: Token) -> None:
    """Apply every noun rule whose word is ``token``."""
    if token.pos_ not in _NOUNISH:
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
