"""From candidates with mention spans to ``models.Relation`` between entity keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import combinations

from filature.extract.relations.capitals import StandFor
from filature.extract.relations.lexicon import load_relation_lexicon
from filature.extract.relations.types import RelationCandidate
from filature.models import Entity, EvidenceSpan, Relation
from filature.vocabulary import CO_OCCURRENCE

KeyOf = Callable[[int, int, int, int], int | None]
"""(doc_index, passage_seq, start, end) of a mention span -> its entity key, or None if dropped."""

GroupKey = tuple[int, int, str, str | None, float | None, str | None, str | None]
MAX_EVIDENCE = 20
COOCCURRENCE_CONFIDENCE = 0.3


def _combine(confidences: Iterable[float]) -> float:
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - c
    return round(min(0.99, 1.0 - miss), 3)


def _first(values: Iterable[str | float | None]) -> str | float | None:
    return next((v for v in values if v is not None), None)


def resolve(
    candidates: Iterable[tuple[int, int, RelationCandidate]],
    key_of: KeyOf,
    stand_for: StandFor | None = None,
) -> list[Relation]:
    """One ``Relation`` per (source, target, type, role) -- and per amount and period for funds.

    Symmetric types get the smaller key first; self-relations and candidates whose ends were
    dropped are left out. Evidence spans are gathered from every candidate, without repeats.
    ``stand_for`` replaces an end by the actor it stands for in that relation type (a capital
    for its state, ``capitals.capital_states``).
    """
    symmetric = load_relation_lexicon().symmetric
    groups: dict[GroupKey, list[tuple[int, int, RelationCandidate, int | None]]] = defaultdict(list)
    for doc, seq, c in candidates:
        src = key_of(doc, c.source_seq if c.source_seq is not None else seq, *c.source)
        tgt = key_of(doc, c.target_seq if c.target_seq is not None else seq, *c.target)
        if src is None or tgt is None:
            continue
        if stand_for is not None:
            src, tgt = stand_for(src, c.type), stand_for(tgt, c.type)
        if src == tgt:
            continue
        if c.type in symmetric and tgt < src:
            src, tgt = tgt, src
        agreement = None if c.agreement is None else key_of(doc, seq, *c.agreement)
        key: GroupKey = (src, tgt, c.type, c.role, None, None, None)
        if c.type == "funds":
            key = (src, tgt, c.type, c.role, c.amount, c.currency, c.period)
        groups[key].append((doc, seq, c, agreement))
    relations: list[Relation] = []
    for key, items in groups.items():
        src, tgt, rel_type, role = key[0], key[1], key[2], key[3]
        evidence: list[EvidenceSpan] = []
        for doc, seq, c, _ in items:
            spans = [(seq, *c.evidence), *c.more_evidence]
            for s, a, b in spans:
                ev = EvidenceSpan(doc, s, a, b)
                if ev not in evidence and len(evidence) < MAX_EVIDENCE:
                    evidence.append(ev)
        best = max(items, key=lambda it: it[2].confidence)[2]
        cands = [it[2] for it in items]
        relations.append(
            Relation(
                source_key=src,
                target_key=tgt,
                type=rel_type,
                confidence=_combine(c.confidence for c in cands),
                rule=best.rule,
                evidence=tuple(evidence),
                role=role,
                date=_text(_first(c.date for c in cands)),
                amount=best.amount,
                currency=best.currency,
                period=best.period,
                agreement_key=next((a for *_, a in items if a is not None), None),
                weight=len(items),
            )
        )
    return sorted(relations, key=lambda r: (r.type, r.source_key, r.target_key, r.role or ""))


def _text(value: str | float | None) -> str | None:
    return None if value is None else str(value)


def cooccurrences(
    entities: Sequence[Entity],
    passage_lengths: Mapping[tuple[int, int], int],
    *,
    skip_zones: Mapping[tuple[int, int], str] | None = None,
    excluded: frozenset[str] = frozenset({"heading"}),
    max_evidence: int = MAX_EVIDENCE,
) -> list[Relation]:
    """``mentioned_with`` relations between distinct entities mentioned in the same passage.

    ``passage_lengths`` maps (doc_index, passage_seq) to the passage's text length (the evidence
    span is the whole passage); passages whose zone in ``skip_zones`` is in ``excluded`` are
    ignored. Weight is the number of passages; evidence is capped at ``max_evidence`` rows.
    """
    by_passage: dict[tuple[int, int], set[int]] = defaultdict(set)
    for e in entities:
        for m in e.mentions:
            by_passage[(m.doc_index, m.passage_seq)].add(e.key)
    pairs: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for passage, keys in sorted(by_passage.items()):
        if skip_zones is not None and skip_zones.get(passage) in excluded:
            continue
        for a, b in combinations(sorted(keys), 2):
            pairs[(a, b)].append(passage)
    return [
        Relation(
            source_key=a,
            target_key=b,
            type=CO_OCCURRENCE,
            confidence=COOCCURRENCE_CONFIDENCE,
            rule="cooccurrence",
            evidence=tuple(
                EvidenceSpan(d, s, 0, passage_lengths.get((d, s), 0))
                for d, s in passages[:max_evidence]
            ),
            weight=len(passages),
        )
        for (a, b), passages in sorted(pairs.items())
    ]
