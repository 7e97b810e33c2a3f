"""Arguments of a verb (subject, agent, object, prepositional complements); its date is in
``clausedates``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from filature.extract.relations.actors import MentionIndex
from filature.extract.relations.connectives import CONJ_GAP, case_words, is_relative
from filature.extract.relations.lexicon import fold, load_relation_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_SUBJ = {"nsubj", "nsubj:pass"}
# Nouns of prepositional locutions ("à la suite de", "à l'occasion de") are never a partner.
_LOCUTION_NOUNS = {
    "suite",
    "occasion",
    "instar",
    "issue",
    "cause",
    "lieu",
    "egard",
    "exception",
    "fin",
    "cadre",
    "sillage",
    "lors",
    "cours",
}
_OBL = {"obl", "obl:arg", "obl:mod", "obl:agent", "iobj", "nmod", "advcl"}


@dataclass(frozen=True)
class Arguments:
    """The actors around a verb, as mention indexes; ``weak`` when a pronoun was resolved."""

    sources: tuple[int, ...]
    objects: tuple[int, ...]
    weak: bool = False


def _subject_tokens(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """Subject tokens of ``verb`` (inherited from the governing verb when it has none)."""
    subj = [c for c in verb.children if c.dep_ in _SUBJ]
    passive = any(c.dep_ in {"nsubj:pass", "aux:pass"} for c in verb.children)
    if subj:
        if is_relative(subj[0]) and verb.dep_.startswith("acl"):
            return [verb.head], passive
        if is_relative(subj[0]):  # "la DGSI, qui dépend de Y": the parse may miss the acl
            antecedent = _antecedent(subj[0])
            return ([antecedent] if antecedent is not None else subj), passive
        return subj, passive
    if depth < 3 and verb.dep_ in {"xcomp", "conj"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject_tokens(verb.head, depth + 1)[0], passive
    return [], passive


def _antecedent(relative: Token) -> Token | None:
    """The noun right before a relative pronoun and its comma ("X, qui ...")."""
    k = relative.i - 1
    doc = relative.doc
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k >= 0 and doc[k].pos_ in {"NOUN", "PROPN"}:
        return doc[k]
    return None


def subjects(verb: Token) -> list[Token]:
    """The subject tokens of ``verb``, passive or not ("X est allié à Y": X)."""
    return _subject_tokens(verb)[0]


def is_participle_modifier(verb: Token) -> bool:
    """True for "l'accord signé par X", "la conférence organisée à Y" (participle on a noun)."""
    return verb.dep_ in {"acl", "amod"} and "Part" in verb.morph.get("VerbForm", [])


_AUX_OR_SUBJ = {"nsubj", "nsubj:pass", "aux", "aux:pass", "aux:tense", "cop"}


def elliptic_antecedent(verb: Token) -> Token | None:
    """ "l'opération Hurricane, la toute première menée par INTERPOL": a participle with an
    agent after an elliptic noun phrase qualifies the name before the comma."""
    if is_participle_modifier(verb) or "Part" not in verb.morph.get("VerbForm", []):
        return None
    if not agents(verb) or any(c.dep_ in _AUX_OR_SUBJ for c in verb.children):
        return None
    doc = verb.doc
    k = verb.i - 1
    while k > verb.sent.start and doc[k].pos_ in {"DET", "ADJ", "ADV", "NUM"}:
        k -= 1
    if k <= verb.sent.start or k == verb.i - 1 or doc[k].text != ",":
        return None
    return doc[k - 1]


def participle_head(verb: Token) -> Token | None:
    """The noun a participle qualifies (directly or across an elliptic phrase), if any."""
    return verb.head if is_participle_modifier(verb) else elliptic_antecedent(verb)


def agents(verb: Token) -> list[Token]:
    """The "par" agents of a passive verb or participle (the parse may hang one on a date
    before it: "signé en 1957 par X")."""
    found = [
        c
        for c in verb.children
        if c.dep_ == "obl:agent" or (c.dep_ in _OBL and case_words(c) == "par")
    ]
    if not found:
        found = [
            g
            for c in verb.children
            if c.dep_ == "obl:mod" and c.pos_ == "NUM"
            for g in c.children
            if g.dep_ == "obl:agent"
        ]
    return found


def arguments(index: MentionIndex, verb: Token) -> Arguments:
    """Source (subject or agent) and object mentions of ``verb``."""
    subj_tokens, passive = _subject_tokens(verb)
    weak = False
    qualified = participle_head(verb)
    if passive and qualified is None and not agents(verb) and is_reflexive(verb):
        passive = False  # "il s'est allié avec Y": a reflexive verb's subject acts
    if qualified is not None or passive:
        source_tokens = agents(verb)
        object_tokens = [qualified] if qualified is not None else subj_tokens
        if qualified is None:  # "1979 est déclarée « Année de l'enfant » par X": the attribute
            attrs = [c for c in verb.children if c.dep_ in {"obj", "xcomp"} and c.pos_ != "VERB"]
            object_tokens = [*object_tokens, *attrs]
            if not source_tokens:  # the parse may hang "par X" on the attribute
                source_tokens = [a for t in attrs for a in agents(t)]
    else:
        source_tokens = subj_tokens
        object_tokens = direct_objects(verb)
    sources: list[int] = []
    if not source_tokens and not passive and qualified is None:
        hit = index.subject_before(verb)
        if hit is not None:
            sources = [hit, *index.list_before(hit)]
            weak = True
    for t in source_tokens:
        group = index.group(t)
        if not group and t.pos_ == "NOUN" and not passive:
            named = index.apposed_name(t)
            group = [] if named is None else [named]
        if not group and (t.pos_ == "PRON" or _is_anaphor(t)):
            hit = index.resolve_pronoun(t) if t.pos_ == "PRON" else index.previous_subject(t)
            group = [] if hit is None else [hit]
            weak = weak or hit is not None
        sources.extend(m for m in group if m not in sources)
    if sources and not passive and qualified is None:
        sources.extend(m for m in _listed_before(index, verb, sources[0]) if m not in sources)
    objects: list[int] = []
    for t in object_tokens:
        objects.extend(m for m in index.group(t, lists=True) if m not in objects)
    return Arguments(tuple(sources), tuple(objects), weak)


def _listed_before(index: MentionIndex, verb: Token, first: int) -> list[int]:
    """ "La Belgique, les Pays-Bas et le Luxembourg ont adhéré à Y": the names listed before a
    subject that a conjunction introduces are subjects too (the parse may hang them elsewhere),
    unless one of them complements another word ("signé avec A et B a adhéré")."""
    listed = index.list_before(first)
    if not listed:
        return []
    gap = index.text[index.mentions[listed[0]].end : index.mentions[first].start]
    if not CONJ_GAP.match(gap):
        return []
    for m in listed:
        tok = index.token_of(m)
        if tok is None or (tok.dep_ in _OBL | {"obj"} and tok.head is not verb):
            return []
    return listed


_DEFINITE = {"le", "la", "l'"}


def _is_anaphor(token: Token) -> bool:
    """ "Le groupe se bat ...": a generic noun with a definite article and nothing after it
    that names an organisation refers back to one (the lexicon's anaphors)."""
    if token.pos_ != "NOUN" or fold(token.text) not in load_relation_lexicon().anaphor_nouns:
        return False
    dets = [c for c in token.children if c.dep_ == "det"]
    named = [c for c in token.children if c.dep_ in {"nmod", "appos", "flat:name"}]
    return bool(dets) and fold(dets[0].text) in _DEFINITE and not named


def is_reflexive(verb: Token) -> bool:
    """True for "s'est formé", "se constitue": a reflexive pronoun on the verb."""
    return any(c.dep_.startswith("expl") and fold(c.text) in {"se", "s'"} for c in verb.children)


def object_tokens(verb: Token) -> list[Token]:
    """Direct objects of ``verb`` (or the noun a participle qualifies)."""
    qualified = participle_head(verb)
    if qualified is not None:
        return [qualified]
    return direct_objects(verb)


def direct_objects(verb: Token) -> list[Token]:
    """The ``obj`` children of ``verb``, mended where the parse hangs the object of a second
    coordinated verb on the first ("X rejette le traité et lance la guerre Y": "guerre" goes
    to "lance", which has no object of its own, not to "rejette")."""

    def bare(v: Token) -> bool:
        return (
            v.dep_ == "conj" and v.pos_ == "VERB" and not any(c.dep_ == "obj" for c in v.children)
        )

    own = [c for c in verb.children if c.dep_ == "obj"]
    later = [c for c in verb.children if bare(c) and c.i > verb.i]
    if later:
        own = [o for o in own if o.i < later[0].i]
    if bare(verb) and verb.head.pos_ == "VERB":
        own = [o for o in verb.head.children if o.dep_ == "obj" and o.i > verb.i]
    return own


def complements(verb: Token, preps: Iterable[str]) -> list[Token]:
    """Complements of ``verb`` or of its objects introduced by one of ``preps``."""
    wanted = tuple(preps)
    heads = [verb, *object_tokens(verb)]
    out: list[Token] = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "advmod" and c.pos_ == "ADV":  # "lors de la guerre": through the adverb
                out.extend(
                    g
                    for g in c.children
                    if g.dep_ in _OBL and fold(f"{c.text} {case_words(g)}") in wanted
                )
                continue
            if c.dep_ not in _OBL and not (c.dep_ == "xcomp" and c.pos_ == "PROPN"):
                continue  # "signée à Genève": the parse may take the name for an xcomp
            if fold(c.text) not in _LOCUTION_NOUNS:
                if _introduced_by(c, wanted):
                    out.append(c)
                continue
            out.extend(g for g in c.children if _locution_words(c, g) in wanted)
    return out


def _locution_words(noun: Token, inner: Token) -> str:
    """ "dans le cadre de la guerre": the whole locution introducing ``inner`` through the
    locution noun (its prepositions and determiners, the noun, and ``inner``'s prepositions)."""
    if inner.dep_ != "nmod" or not case_words(inner):
        return ""
    lead = [t for t in noun.children if t.i < noun.i and t.dep_ in {"case", "det", "fixed"}]
    words = [t.text for t in sorted(lead, key=lambda t: t.i)]
    return fold(" ".join([*words, noun.text, case_words(inner)]))


def _introduced_by(token: Token, preps: tuple[str, ...]) -> bool:
    return case_words(token) in preps
