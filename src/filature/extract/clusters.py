"""The clusters of the corpus's grouping keys: the union-find that joins keys, the clusters of
mentions it makes and the type each cluster's mentions vote for."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


def clusters_of(keyed: Sequence[tuple[str, Located]], uf: UnionFind) -> dict[str, list[Located]]:
    clusters: dict[str, list[Located]] = {}
    roots: dict[str, str] = {}  # each key found once, not once per mention
    for key, m in keyed:
        root = roots.get(key)
        if root is None:
            root = roots[key] = uf.find(key)
        clusters.setdefault(root, []).append(m)
    return clusters


@dataclass(frozen=True)
class Clusters:
    """The clusters of mentions the union-find makes at one point of the grouping, each with
    the type its mentions vote for (``vote``)."""

    mentions: dict[str, list[Located]]
    types: dict[str, EntityType]


class KeyVotes:
    """Each grouping key's type votes, counted once: a cluster's mentions vote for a type with
    their weights (``_weight``), the tie going to the type met first in the cluster's mentions;
    a cluster's tally is the sum of its keys'.

    The grouping asks for the clusters' types six times while it joins keys; counting per key
    instead of per mention makes that the size of the keys, not of the mentions.
    """

    def __init__(self, keyed: Sequence[tuple[str, Located]]) -> None:
        self.keyed = keyed
        self.tallies: dict[str, dict[EntityType, list[float]]] = {}
        weights: dict[tuple[str, str], float] = {}
        for position, (key, m) in enumerate(keyed):
            raw = m.raw
            weight = weights.get((raw.label, raw.name))
            if weight is None:
                weight = weights[raw.label, raw.name] = _weight(raw.label, raw.name)
            tally = self.tallies.setdefault(key, {})
            seen = tally.get(raw.type)
            if seen is None:
                tally[raw.type] = [weight, float(position)]
            else:
                seen[0] += weight  # every weight is a small binary fraction: sums are exact

    def vote(self, keys: Iterable[str]) -> EntityType:
        """The type the mentions of ``keys`` vote for."""
        totals: dict[EntityType, float] = {}
        first: dict[EntityType, float] = {}
        for key in keys:
            for etype, (weight, position) in self.tallies[key].items():
                totals[etype] = totals.get(etype, 0.0) + weight
                if position < first.get(etype, position + 1):
                    first[etype] = position
        return min(totals, key=lambda t: (-totals[t], first[t]))

    def clusters(self, uf: UnionFind) -> Clusters:
        """The clusters as ``uf`` makes them now, with their types."""
        keys_of: dict[str, list[str]] = {}
        for key in self.tallies:
            keys_of.setdefault(uf.find(key), []).append(key)
        mentions = clusters_of(self.keyed, uf)
        return Clusters(mentions, {root: self.vote(keys_of[root]) for root in mentions})
