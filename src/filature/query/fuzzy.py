"""The fuzzy index over entity names and aliases: typo, accent, spacing and word-order tolerant.

Scoring every alias with ``fuzz.WRatio`` costs ~0.8 µs each, far too slow for 300,000 aliases,
so candidates come from an inverted index of character trigrams of the folded, space-free
form, and only the few hundred best candidates are scored with rapidfuzz.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from filature.query.text import fold
from filature.query.types import FuzzyHit

MAX_QUERY = 200
CANDIDATES = 400
SCORE_CUTOFF = 55.0
POSTINGS_BUDGET = 40_000


@dataclass(frozen=True)
class _Entity:
    id: int
    name: str
    type: str
    mention_count: int


def _grams(compact: str) -> set[str]:
    if len(compact) < 3:
        return {compact} if compact else set()
    return {compact[i : i + 3] for i in range(len(compact) - 2)}


class FuzzyIndex:
    """Names and aliases of every entity, folded and indexed by trigram; built once, read-only."""

    def __init__(self, rows: Iterable[tuple[int, str, str, int, str]]) -> None:
        """Build from ``(entity id, name, type, mention count, alias)`` rows (any order)."""
        self._entities: list[_Entity] = []
        self._slot: dict[int, int] = {}
        self.folded: list[str] = []
        self._compact: list[str] = []
        self._owner: list[int] = []
        self._alias: list[str] = []
        self._postings: dict[str, list[int]] = {}
        seen: set[tuple[int, str]] = set()
        for entity_id, name, etype, count, alias in rows:
            slot = self._slot.get(entity_id)
            if slot is None:
                slot = self._slot[entity_id] = len(self._entities)
                self._entities.append(_Entity(entity_id, name, etype, count))
                self._add(slot, name, seen)
            if alias:
                self._add(slot, alias, seen)
        self._by_popularity = sorted(
            range(len(self.folded)),
            key=lambda i: -self._entities[self._owner[i]].mention_count,
        )

    def _add(self, slot: int, text: str, seen: set[tuple[int, str]]) -> None:
        folded = fold(text)
        if not folded or (slot, folded) in seen:
            return
        seen.add((slot, folded))
        index = len(self.folded)
        compact = folded.replace(" ", "")
        self.folded.append(folded)
        self._compact.append(compact)
        self._owner.append(slot)
        self._alias.append(text)
        postings = self._postings
        for gram in _grams(compact):
            bucket = postings.get(gram)
            if bucket is None:
                postings[gram] = [index]
            else:
                bucket.append(index)

    def __len__(self) -> int:
        return len(self.folded)

    @property
    def entity_count(self) -> int:
        """How many entities the index holds."""
        return len(self._entities)

    def _candidates(self, folded: str, compact: str, wanted: int) -> Iterable[int]:
        if len(compact) < 3:
            found = 0
            for index in self._by_popularity:
                text = self.folded[index]
                if text.startswith(folded) or f" {folded}" in text:
                    yield index
                    found += 1
                    if found >= wanted:
                        return
            return
        counts: Counter[int] = Counter()
        buckets = sorted(
            (bucket for gram in _grams(compact) if (bucket := self._postings.get(gram))), key=len
        )
        budget = POSTINGS_BUDGET
        for used, bucket in enumerate(buckets):
            if used >= 2 and len(bucket) > budget:
                break
            counts.update(bucket)
            budget -= len(bucket)
        for index, _ in counts.most_common(wanted):
            yield index

    def search(self, query: str, limit: int = 20, etype: str | None = None) -> list[FuzzyHit]:
        """The best entities for ``query``, best first, one hit per entity."""
        folded = fold(query[:MAX_QUERY])
        compact = folded.replace(" ", "")
        if not compact or limit <= 0:
            return []
        wanted = CANDIDATES * (4 if etype else 1)
        best: dict[int, tuple[float, int]] = {}
        for index in self._candidates(folded, compact, wanted):
            slot = self._owner[index]
            if etype is not None and self._entities[slot].type != etype:
                continue
            text = self.folded[index]
            score = max(
                fuzz.WRatio(folded, text),
                fuzz.ratio(compact, self._compact[index]),
                fuzz.token_sort_ratio(folded, text),
            )
            if text.startswith(folded):
                score = max(score, 90.0 + 10.0 * len(folded) / len(text))
            elif f" {folded}" in text:
                score = max(score, 85.0 + 10.0 * len(folded) / len(text))
            if score < SCORE_CUTOFF:
                continue
            previous = best.get(slot)
            if previous is None or score > previous[0]:
                best[slot] = (score, index)
        ranked = sorted(
            best.items(),
            key=lambda item: (
                -round(item[1][0]),
                -self._entities[item[0]].mention_count,
                self._entities[item[0]].name,
            ),
        )
        hits = []
        for slot, (score, index) in ranked[:limit]:
            entity = self._entities[slot]
            hits.append(
                FuzzyHit(
                    id=entity.id,
                    name=entity.name,
                    type=entity.type,
                    mention_count=entity.mention_count,
                    alias=self._alias[index],
                    score=round(score, 1),
                )
            )
        return hits


def load_index(conn: sqlite3.Connection) -> FuzzyIndex:
    """Read every entity name and alias from the database and build the index."""
    rows = conn.execute(
        "SELECT e.id, e.name, e.type, e.mention_count, COALESCE(a.alias, '') "
        "FROM entities e LEFT JOIN aliases a ON a.entity_id = e.id"
    )
    return FuzzyIndex((int(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4])) for r in rows)
