"""Verb triggers: "X a signé un accord avec Y", "X a rejoint Y", "Y, organisée à Z"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.extract.relations.actors import MentionIndex
from filature.extract.relations.clausedates import clause_date
from filature.extract.relations.clauses import (
    Arguments,
    agents,
    arguments,
    complements,
    is_reflexive,
    object_tokens,
    subjects,
)
from filature.extract.relations.connectives import case_words
from filature.extract.relations.emit import Emitter
from filature.extract.relations.lemmas import lemma
from filature.extract.relations.lexicon import VerbRule, fold

if TYPE_CHECKING:
    from spacy.tokens import Token

VERBAL = {"VERB", "AUX", "ADJ"}
_OBL = {"obl", "obl:mod", "obl:arg"}
_WEAK = 0.85


_PRESENT_ENDINGS = ("ent", "es", "e")


def verb_lemma(token: Token) -> str:
    """The folded lemma verb rules compare with their ``lemmas``.

    The lemmatizer leaves some present forms of first-group verbs as they are ("préside",
    "signent"): a finite present form it did not change is read as the infinitive in "-er"."""
    found = fold(lemma(token) or token.text)
    if (
        token.pos_ == "VERB"
        and found == fold(token.text)
        and token.morph.get("VerbForm", []) == ["Fin"]
        and token.morph.get("Tense", ["Pres"]) == ["Pres"]
    ):
        for ending in _PRESENT_ENDINGS:
            if found.endswith(ending) and len(found) > len(ending) + 2:
                return found[: -len(ending)] + "er"
    return found


def _heads_ok(rule: VerbRule, verb: Token) -> bool:
    if not rule.object_heads:
        return True
    misattached = [  # "ont signé le 14 mars à Rabat un accord": the parse hangs it on Rabat
        g for c in verb.children if c.dep_ in _OBL for g in c.children if g.dep_ == "obj"
    ]
    passive = [c for c in verb.children if c.dep_ == "nsubj:pass"]  # "les frais sont payés"
    if verb.dep_.startswith("acl") and verb.head.dep_ == "nmod":
        passive.append(verb.head.head)  # "les accords d'Oslo conclus par": parsed on "Oslo"
    return any(
        fold(lemma(t) or t.text) in rule.object_heads or fold(t.text) in rule.object_heads
        for t in (*object_tokens(verb), *misattached, *passive)
    )


def _targets(rule: VerbRule, index: MentionIndex, verb: Token, args: Arguments) -> list[int]:
    found: list[int] = []
    if rule.role:
        return _institution_of(index, object_tokens(verb))
    if rule.target in {"object", "object_or_prep"}:
        passive = [c for c in verb.children if c.dep_ == "nsubj:pass"]  # "X est financé par Y"
        named = [
            t
            for t in (*object_tokens(verb), *passive)
            if not rule.direct or index.at(t) is not None
        ]
        if named:
            found.extend(args.objects)
    if rule.target in {"prep", "object_or_prep"}:
        for tok in complements(verb, rule.preps):
            if rule.direct and index.at(tok) is None:
                continue
            found.extend(m for m in index.group(tok, lists=True) if m not in found)
    return found


def _institution_of(index: MentionIndex, nouns: list[Token]) -> list[int]:
    """What a founding or leading verb's object names: the object itself, a name in apposition
    ("la société X"), or the organisation or place a common noun belongs to ("les troupes de
    l'Empire X, dirigées par Y"); never a place or partner further down the phrase."""
    found: list[int] = []
    nouns = list(nouns)
    k = 0
    while k < min(len(nouns), 3):
        noun = nouns[k]
        k += 1
        hit = index.at(noun)
        if hit is not None:
            found.extend(m for m in index.group(noun) if m not in found)
            continue
        if noun.pos_ != "NOUN":
            continue
        after = index.at(noun.doc[noun.i + 1]) if noun.i + 1 < len(noun.doc) else None
        if after is not None:  # "la société X"
            found.append(after)
            continue
        if noun.dep_ in {"appos", "conj"} and noun.doc[noun.i - 1].text == ",":
            nouns.append(noun.head)  # "la dynastie des X, dynastie fondée par Y"
        for c in noun.children:
            if c.dep_ == "nmod" and case_words(c) in {"de", "du", "des", "d'"}:
                found.extend(
                    m
                    for m in index.group(c)
                    if index.type_of(m) in {"organization", "place"} and m not in found
                )
    return found


def _place_targets(index: MentionIndex, verb: Token, preps: frozenset[str]) -> list[int]:
    places: list[int] = []
    tokens = complements(verb, preps)
    if not tokens and is_reflexive(verb):  # "X se réunit trois fois par an à Y": the parse
        tokens = [  # may hang the place on a bare time phrase of the reflexive verb
            g
            for c in verb.children
            if c.dep_ == "obl:mod"
            and c.pos_ == "NOUN"
            and index.at(c) is None
            and not any(k.dep_ == "case" for k in c.children)
            for g in c.children
            if g.dep_ == "nmod" and fold(case_words(g)) in preps
        ]
    for tok in tokens:
        places.extend(
            m
            for m in index.group(tok, lists=True)
            if index.type_of(m) == "place" and m not in places
        )
    return places


def _place_after(index: MentionIndex, adj: Token, preps: frozenset[str]) -> list[int]:
    """ "Boko Haram, actif au Nigeria": the parse may hang the place on the name; for an
    adjective, a place right after it and its preposition is its complement."""
    doc = adj.doc
    k = adj.i + 1
    if adj.pos_ != "ADJ" or k >= len(doc) or fold(doc[k].text) not in preps:
        return []
    k += 1
    while k < len(doc) and doc[k].pos_ == "DET":
        k += 1
    m = index.at(doc[k]) if k < len(doc) else None
    return [m] if m is not None and index.type_of(m) == "place" else []


def apply_verb_rules(emitter: Emitter, verb: Token) -> None:
    """Emit every relation the verb rules of the lexicon find around ``verb``."""
    if verb.pos_ not in VERBAL:
        return
    lemma = verb_lemma(verb)
    index, lex = emitter.index, emitter.lexicon
    rules = [
        r
        for r in lex.verbs
        if lemma in r.lemmas
        and (r.target == "bound" or _heads_ok(r, verb))
        and (not r.reflexive or is_reflexive(verb))
    ]
    if not rules:
        return
    args = arguments(index, verb)
    sent = verb.sent
    date = clause_date(verb, emitter.dates)
    members = _group_members(index, verb, args) if len(args.objects) == 1 else []
    if any(r.target == "group" for r in rules) and len(members) >= 2:
        rules = [r for r in rules if r.type != "trains"]  # a group forms an alliance, no pupil
    for rule in rules:
        conf = rule.confidence * (_WEAK if args.weak else 1.0)
        extra: dict[str, object] = {"date": date}
        if rule.role:
            extra["role"] = rule.role
        if rule.type == "funds":
            extra.update(_amount(emitter, verb))
        pairs = _rule_pairs(emitter, verb, rule, args, members)
        for s, t in pairs:
            emitter.add(s, t, rule.type, rule.rule, conf, sent, verb, **extra)


def _rule_pairs(
    emitter: Emitter, verb: Token, rule: VerbRule, args: Arguments, members: list[int]
) -> list[tuple[int, int]]:
    """The (source, target) pairs one verb rule relates around ``verb``, by its target."""
    index, lex = emitter.index, emitter.lexicon
    if rule.target == "coordinated":
        if complements(verb, ("avec",)):
            return []
        group = list(args.sources)
        if group:  # "conclus par X et Y": the parse may hang Y elsewhere
            group.extend(m for m in index.list_before(group[0]) if m not in group)
            group.extend(m for m in index.list_after(group[-1]) if m not in group)
        return [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]
    if rule.target == "bound":
        parties = _bound(index, verb, rule)
        return [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]
    if rule.target == "between":
        parties = _between(index, verb)
        return [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]
    if rule.target == "group":
        return [(m, t) for m in members for t in args.objects] if len(members) >= 2 else []
    if rule.target == "place_prep":
        holders = [
            m
            for m in (*args.objects, *args.sources)
            if index.type_of(m) != "place"
            and (not rule.holder_types or index.type_of(m) in rule.holder_types)
        ]
        places = _place_targets(index, verb, lex.place_preps) or _place_after(
            index, verb, lex.place_preps
        )
        return [(h, p) for h in holders[:1] for p in places]
    targets = _targets(rule, index, verb, args)
    sources = list(args.objects if rule.opponent else args.sources)
    if rule.stative and not sources:
        sources = [m for t in subjects(verb) for m in index.group(t) if m not in sources]
    if rule.reversed:
        sources, targets = targets, sources
    return [(s, t) for s in sources for t in targets]


def _bound(index: MentionIndex, verb: Token, rule: VerbRule) -> list[int]:
    """The parties an agreement binds: "un traité lie X et Y" (the objects, the subject being
    an agreement), "X et Y sont liés par un traité", "X est lié à Y par un accord" (the
    passive subjects and those after "à", the agent being an agreement)."""

    def agreement(tokens: list[Token]) -> bool:
        return any(
            fold(t.text) in rule.object_heads
            or (index.at(t) is not None and index.type_of(index.at(t) or 0) == "agreement")
            for t in tokens
        )

    passive = any(c.dep_ in {"nsubj:pass", "aux:pass"} for c in verb.children)
    found: list[int] = []
    if passive:
        if not agreement(agents(verb)):
            return []
        for t in (*subjects(verb), *complements(verb, rule.preps)):
            found.extend(m for m in index.group(t, lists=True) if m not in found)
        return found
    if not agreement(subjects(verb)):
        return []
    for t in object_tokens(verb):
        found.extend(m for m in index.group(t, lists=True) if m not in found)
    return found


def _between(index: MentionIndex, verb: Token) -> list[int]:
    """The actors after "entre" complementing ``verb`` ("signé entre X et Y"); the parse may
    hang Y on the verb, so the names listed after X are followed too."""
    for tok in complements(verb, ("entre",)):
        found = index.group(tok, lists=True)
        if found:
            found.extend(m for m in index.list_after(found[-1], subjects=True) if m not in found)
            return found
    return []


def _amount(emitter: Emitter, verb: Token) -> dict[str, object]:
    for money, token in emitter.amounts:
        if verb in [token, *token.ancestors]:
            return {"amount": money.amount, "currency": money.currency}
    return {}


_ALLY_PREPS = ("a", "au", "aux", "avec")  # folded, as case_words gives them


def _group_members(index: MentionIndex, verb: Token, args: Arguments) -> list[int]:
    """The actors that together form ``verb``'s object: its coordinated subjects ("X, Y et Z
    forment W"), or, for a verb sharing the subject of the verb before it, that subject and its
    allies ("X est allié à Y et à Z, et constituent à eux trois W")."""
    found = list(args.sources)
    if found:
        found.extend(m for m in index.list_before(found[0]) if m not in found)
    own = any(c.dep_ in {"nsubj", "nsubj:pass"} for c in verb.children)
    if not own and verb.dep_ == "conj" and verb.head.pos_ in VERBAL:
        for tok in complements(verb.head, _ALLY_PREPS):
            found.extend(m for m in index.group(tok, lists=True) if m not in found)
    return found
