"""Sub-units named after their organisation: "Bureau chinois d'Interpol", "Secrétariat général
d'INTERPOL", "Assemblée générale des Nations unies" are part of (member_of) that organisation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from filature.extract.relations.byname import name_index, name_key, name_relations
from filature.extract.relations.lexicon import fold, load_relation_lexicon
from filature.models import Entity, Relation

_OF = re.compile(r"\s+(?:de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+|d')")
_GENERIC = re.compile(r"^organisation\s+(?:des|de la|de l'|du|de)\s*")
_CONFIDENCE = 0.8


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
    names = name_index(entities, {"organization"})
    for key, entity in list(names.items()):
        if generic := _GENERIC.match(key):  # "Organisation des Nations unies": "Nations unies"
            names.setdefault(name_key(key[generic.end() :]), entity)

    def parents(name: str) -> tuple[int, ...]:
        parent = _parent(name, names, heads)
        return () if parent is None else (parent,)

    return name_relations(
        entities, {"organization"}, parents, "member_of", "unit_name", _CONFIDENCE
    )
