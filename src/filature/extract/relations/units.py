"""Sub-units named after their organisation: "Bureau chinois d'Interpol", "Secrétariat général
d'INTERPOL", "Assemblée générale des Nations unies" are part of (member_of) that organisation."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from filature.extract.relations.lexicon import fold, load_relation_lexicon
from filature.models import Entity, EvidenceSpan, Mention, Relation

_OF = re.compile(r"\s+(?:de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+|d')")
_ARTICLE = re.compile(r"^(?:la|le|les|l')\s*")
_GENERIC = re.compile(r"^organisation\s+(?:des|de la|de l'|du|de)\s*")
_CONFIDENCE = 0.8
MAX_EVIDENCE = 20
"""Evidence spans kept for a relation an entity's name states."""


def name_key(name: str) -> str:
    """A name folded, without its leading article and extra spaces (names compare so)."""
    return " ".join(_ARTICLE.sub("", fold(name).strip()).split())


def _parent(name: str, names: dict[str, int], heads: frozenset[str]) -> int | None:
    """The organisation a unit's name ends with: "<unit noun> [adjectives] de <organisation>",
    or "<unit noun> ... de <organisation> <preposition> ..." (a qualified unit)."""
    folded = " ".join(fold(name).split())
    if folded.split(" ", 1)[0] not in heads:
        return None
    for m in _OF.finditer(folded):
        rest = name_key(folded[m.end() :])
        if rest in names:
            return names[rest]
        words = rest.split()
        for n in range(len(words) - 1, 0, -1):
            if words[n] in load_relation_lexicon().unit_joins and " ".join(words[:n]) in names:
                return names[" ".join(words[:n])]
    return None


def unit_relations(entities: Sequence[Entity]) -> list[Relation]:
    """member_of from each organisation named as a unit of another organisation of the corpus
    to that organisation; evidence: the mentions that name both."""
    heads = load_relation_lexicon().unit_heads
    if not heads:
        return []
    names: dict[str, int] = {}
    for e in entities:
        if e.type == "organization":
            for alias in (e.name, *e.aliases):
                key = name_key(alias)
                names.setdefault(key, e.key)
                generic = _GENERIC.match(key)
                if generic:  # "Organisation des Nations unies" is also "les Nations unies"
                    names.setdefault(name_key(key[generic.end() :]), e.key)
    out: list[Relation] = []
    for e in entities:
        if e.type != "organization":
            continue
        parents = {p for a in (e.name, *e.aliases) if (p := _parent(a, names, heads)) is not None}
        for parent in sorted(parents - {e.key}):
            relation = name_relation(
                (m for m in e.mentions if _parent(m.surface, names, heads) == parent),
                (e.key, parent),
                "member_of",
                "unit_name",
                _CONFIDENCE,
            )
            if relation is not None:
                out.append(relation)
    return out


def name_relation(
    mentions: Iterable[Mention],
    ends: tuple[int, int],
    rtype: str,
    rule: str,
    confidence: float,
) -> Relation | None:
    """A relation an entity's name states, from ``ends[0]`` to ``ends[1]``: its evidence is the
    entity's ``mentions`` that name it (at most ``MAX_EVIDENCE``); None without one."""
    evidence = tuple(EvidenceSpan(m.doc_index, m.passage_seq, m.start, m.end) for m in mentions)[
        :MAX_EVIDENCE
    ]
    if not evidence:
        return None
    return Relation(
        source_key=ends[0],
        target_key=ends[1],
        type=rtype,
        confidence=confidence,
        rule=rule,
        evidence=evidence,
        weight=len(evidence),
    )
