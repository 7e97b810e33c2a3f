"""Relations an entity's name states ("Bureau chinois d'Interpol" is part of Interpol,
"sommet de Lisbonne" took place in Lisbon): names compared folded, the entities a name points
to found in an index of the corpus's names, the evidence the mentions that say it."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence

from filature.extract.relations.lexicon import fold
from filature.models import Entity, EvidenceSpan, Mention, Relation

_ARTICLE = re.compile(r"^(?:la|le|les|l')\s*")
MAX_EVIDENCE = 20
"""Evidence spans kept for a relation an entity's name states."""


def name_key(name: str) -> str:
    """A name folded, without its leading article and extra spaces (names compare so)."""
    return " ".join(_ARTICLE.sub("", fold(name).strip()).split())


def name_index(entities: Sequence[Entity], types: Collection[str]) -> dict[str, int]:
    """The key of every entity of ``types`` by each of its names (``name_key``), the first
    entity winning a name two share."""
    index: dict[str, int] = {}
    for e in entities:
        if e.type in types:
            for alias in (e.name, *e.aliases):
                index.setdefault(name_key(alias), e.key)
    return index


def name_relations(
    entities: Sequence[Entity],
    sources: Collection[str],
    named: Callable[[str], Collection[int]],
    rtype: str,
    rule: str,
    confidence: float,
    *,
    toward: bool = False,
) -> list[Relation]:
    """For each entity of a ``sources`` type, a relation with every other entity that one of
    its names points to (``named``): from the entity to it, or from it to the entity when
    ``toward``; the evidence is the entity's mentions whose surface points to it."""
    out: list[Relation] = []
    for e in entities:
        if e.type not in sources:
            continue
        found = {other for alias in (e.name, *e.aliases) for other in named(alias)}
        for other in sorted(found - {e.key}):
            relation = name_relation(
                (m for m in e.mentions if other in named(m.surface)),
                (other, e.key) if toward else (e.key, other),
                rtype,
                rule,
                confidence,
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
