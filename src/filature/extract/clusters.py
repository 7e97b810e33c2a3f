"""The clusters of the corpus's grouping keys: the union-find that joins keys, the clusters of
mentions it makes and the type each cluster's mentions vote for."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from filature.extract.named import LABEL as ALIAS_LABEL
from filature.extract.persons import Located
from filature.extract.spread import LABEL as SPREAD_LABEL
from filature.models import EntityType

COPIED_LABELS = frozenset({ALIAS_LABEL, SPREAD_LABEL})


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_NER_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})


def _weight(label: str, name: str) -> float:
    """What one mention's type counts for in its cluster's vote."""
    weight = 1.0 if label in _NER_LABELS else 3.0
    if label in COPIED_LABELS:
        weight = 0.25  # a copy of another mention's type, not evidence of its own
    if label == "PER" and " " in name:
        weight = 2.0
    if name.isupper() and len(name) > 3:
        weight /= 2
    return weight


def vote(mentions: Iterable[Located]) -> EntityType:
    """The type a cluster's mentions vote for (ties: the type met first)."""
    votes: dict[EntityType, float] = {}
    weights: dict[tuple[str, str], float] = {}  # a cluster repeats a few names many times
    for m in mentions:
        raw = m.raw
        weight = weights.get((raw.label, raw.name))
        if weight is None:
            weight = weights[raw.label, raw.name] = _weight(raw.label, raw.name)
        votes[raw.type] = votes.get(raw.type, 0.0) + weight
    return max(votes, key=lambda t: votes[t])


def clusters_of(keyed: Sequence[tuple[str, Located]], uf: UnionFind) -> dict[str, list[Located]]:
    clusters: dict[str, list[Located]] = {}
    roots: dict[str, str] = {}  # each key found once, not once per mention
    for key, m in keyed:
        root = roots.get(key)
        if root is None:
            root = roots[key] = uf.find(key)
        clusters.setdefault(root, []).append(m)
    return clusters
