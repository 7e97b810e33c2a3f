"""The fuzzy index over entity names and aliases: typo, accent, spacing and word-order tolerant.

Scoring every alias with ``fuzz.WRatio`` costs ~0.8 µs each, far too slow for 300,000 aliases,
so candidates come from an inverted index of character trigrams of the folded, space-free
form, and only the few hundred strings sharing the most trigrams with the query are scored
(three rapidfuzz scorers, one ``process.cdist`` call each).

The index is a few numpy arrays and joined strings rather than millions of Python objects: at
100,000 entities with 300,000 aliases it takes a few tens of MB, builds in seconds and gives
the garbage collector nothing to walk. Postings are one CSR pair of int32 arrays.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from itertools import islice

import numpy as np
import numpy.typing as npt

from filature.query.grams import (
    EMPTY,
    Int32s,
    Ints,
    chunk_grams,
    prefix_key,
    query_grams,
    sorted_unique,
)
from filature.query.packed import PackedTexts
from filature.query.scoring import is_close, scores_of
from filature.query.text import norm_key, norm_keys
from filature.query.types import FuzzyHit

MAX_QUERY = 200
CANDIDATES = 400
SCORE_CUTOFF = 55.0
"""The similarity (typos, word order) from which a name is the one typed, not a suggestion."""
POSTINGS_BUDGET = 40_000
CHUNK = 10_000


class FuzzyIndex:
    """Names and aliases of every entity, folded and indexed by trigram; built once, read-only."""

    def __init__(self, rows: Iterable[tuple[int, str, str, int, str]]) -> None:
        """Build from ``(entity id, name, type, mention count, alias)`` rows (any order)."""
        ids, counts, types, owner = array("q"), array("q"), array("h"), array("i")
        names, texts, self._folded = PackedTexts(), PackedTexts(), PackedTexts("\0")
        codes: dict[str, int] = {}
        slot_of: dict[int, int] = {}
        seen = array("q")
        forms: set[str] = set()
        current = -1
        for entity_id, name, etype, count, alias, keys in _keyed(rows):
            slot = slot_of.get(entity_id)
            if slot is None:
                slot = slot_of[entity_id] = len(ids)
                ids.append(entity_id)
                counts.append(count)
                types.append(codes.setdefault(etype, len(codes)))
                names.append(name)
                given = ((name, keys[0]), (alias, keys[1])) if alias != name else ((name, keys[0]),)
            else:
                given = ((alias, keys[1]),)
            if slot != current:
                current, forms = slot, set()
            for text, form in given:
                if form and form not in forms:
                    forms.add(form)
                    seen.append(hash((slot, form)))
                    owner.append(slot)
                    self._folded.append(form)
                    texts.append(text)
        del slot_of
        for part in (names, texts, self._folded):
            part.freeze()
        self._ids: Ints = np.frombuffer(ids, dtype=np.int64).copy()
        self._counts: Ints = np.frombuffer(counts, dtype=np.int64).copy()
        self._types = np.frombuffer(types, dtype=np.int16).copy()
        self._type_names = list(codes)
        self._names, self._texts = names, texts
        self._owner: Int32s = np.frombuffer(owner, dtype=np.int32).copy()
        self._name_rank = np.empty(len(names), dtype=np.int32)
        every = names.take(np.arange(len(names), dtype=np.int64))
        self._name_rank[sorted(range(len(every)), key=every.__getitem__)] = np.arange(len(every))
        del every
        # (entity, folded form) pairs kept once even if an entity's rows are apart: the first
        # of equal hashes (stable sort) stays.
        hashes = np.frombuffer(seen, dtype=np.int64)
        order = np.argsort(hashes, kind="stable")
        live = np.ones(len(hashes), dtype=bool)
        live[order[1:][hashes[order][1:] == hashes[order][:-1]]] = False
        self._live_count = int(live.sum())
        # Popularity rank of each string: most mentioned entity first, then input order.
        self._rank: Int32s = np.empty(len(owner), dtype=np.int32)
        self._rank[np.argsort(-self._counts[self._owner], kind="stable")] = np.arange(len(owner))
        self._build_postings(live)

    def _build_postings(self, live: npt.NDArray[np.bool_]) -> None:
        """One CSR pair: ``_gram_keys`` (sorted) and, for gram g, the numbers of the strings
        holding it, ``_postings[_starts[g]:_starts[g + 1]]``, ascending.

        Three passes over chunks of strings (the grams, their sizes, then the postings) keep
        the temporary arrays to the size of one chunk.
        """
        n = len(self._folded)
        chunks = [(f, min(n, f + CHUNK)) for f in range(0, n, CHUNK)]

        def grams(first: int, last: int) -> tuple[Ints, Int32s]:
            keys, strings = chunk_grams(self._folded.joined(first, last), first)
            alive = live[strings]
            return keys[alive], strings[alive]

        known = [sorted_unique(grams(f, last)[0]) for f, last in chunks]
        gram_keys = sorted_unique(np.concatenate(known)) if known else np.zeros(0, np.int64)
        del known
        size = len(gram_keys)

        def pairs(first: int, last: int) -> tuple[Ints, Int32s]:
            """(gram number, string number), ordered by gram then string, without repeats."""
            keys, strings = grams(first, last)
            pair = sorted_unique(np.searchsorted(gram_keys, keys) * n + strings)
            return pair // n, (pair % n).astype(np.int32)

        sizes = np.zeros(size, dtype=np.int64)
        for first, last in chunks:
            sizes += np.bincount(pairs(first, last)[0], minlength=size)
        starts = np.concatenate((np.zeros(1, dtype=np.int64), np.cumsum(sizes)))
        postings = np.empty(int(starts[-1]), dtype=np.int32)
        filled = starts[:-1].copy()
        for first, last in chunks:
            gram, strings = pairs(first, last)
            first_of = np.searchsorted(gram, np.arange(size))
            postings[filled[gram] + np.arange(len(gram)) - first_of[gram]] = strings
            filled += np.bincount(gram, minlength=size)
        self._gram_keys: Ints = gram_keys
        self._starts: Ints = starts
        self._postings: Int32s = postings

    def __len__(self) -> int:
        return self._live_count

    def _bucket(self, key: int) -> Int32s | None:
        at = int(np.searchsorted(self._gram_keys, key))
        if at >= len(self._gram_keys) or int(self._gram_keys[at]) != key:
            return None
        return self._postings[self._starts[at] : self._starts[at + 1]]

    def _of_type(self, strings: Int32s, code: int | None) -> Int32s:
        if code is None:
            return strings
        kept: Int32s = strings[self._types[self._owner[strings]] == code]
        return kept

    def _most_popular(self, strings: Int32s, wanted: int) -> Int32s:
        ranks = self._rank[strings]
        if len(strings) > wanted:
            keep = np.argpartition(ranks, wanted)[:wanted]
            strings, ranks = strings[keep], ranks[keep]
        return strings[np.argsort(ranks)]

    def _short_candidates(self, folded: str, wanted: int, code: int | None) -> Int32s:
        """Strings with a word starting with ``folded`` (under 3 letters), most popular first."""
        words = folded.split()
        buckets = [b for word in words if (b := self._bucket(prefix_key(word))) is not None]
        if len(buckets) < len(words):
            return EMPTY
        bucket = buckets[0]
        for other in buckets[1:]:
            bucket = np.intersect1d(bucket, other, assume_unique=True)
        bucket = self._of_type(bucket, code)
        if len(words) == 1:
            return self._most_popular(bucket, wanted)
        found: list[int] = []
        for index in self._most_popular(bucket, len(bucket)).tolist():
            text = self._folded[index]
            if text.startswith(folded) or f" {folded}" in text:
                found.append(index)
                if len(found) >= wanted:
                    break
        return np.array(found, dtype=np.int32)

    def _candidates(self, compact: str, wanted: int, code: int | None) -> Int32s:
        """The ``wanted`` strings sharing the most trigrams with ``compact`` (ties: popular)."""
        buckets = sorted(
            (b for key in query_grams(compact) if (b := self._bucket(key)) is not None), key=len
        )
        chosen = []
        budget = POSTINGS_BUDGET
        for used, bucket in enumerate(buckets):
            if used >= 2 and len(bucket) > budget:
                break
            chosen.append(bucket)
            budget -= len(bucket)
        if not chosen:
            return EMPTY
        every = np.sort(np.concatenate(chosen))
        new = np.ones(len(every), dtype=bool)
        np.not_equal(every[1:], every[:-1], out=new[1:])
        firsts = np.flatnonzero(new)
        strings = every[firsts]
        shared = np.diff(np.append(firsts, len(every)))
        if code is not None:
            keep = self._types[self._owner[strings]] == code
            strings, shared = strings[keep], shared[keep]
        merit = shared * len(self._rank) - self._rank[strings]
        if len(strings) > wanted:
            keep = np.argpartition(-merit, wanted)[:wanted]
            strings, merit = strings[keep], merit[keep]
        return strings[np.argsort(-merit)]

    def search(self, query: str, limit: int = 20, etype: str | None = None) -> list[FuzzyHit]:
        """The best entities for ``query``, best first, one hit per entity."""
        folded = norm_key(query[:MAX_QUERY])
        compact = folded.replace(" ", "")
        if not compact or limit <= 0:
            return []
        code: int | None = None
        if etype is not None:
            if etype not in self._type_names:
                return []
            code = self._type_names.index(etype)
        if len(compact) < 3:
            found = self._short_candidates(folded, CANDIDATES, code)
        else:
            found = self._candidates(compact, CANDIDATES, code)
        strings = found.astype(np.int64)
        scores = scores_of(folded, compact, self._folded.take(strings))
        keep = np.flatnonzero(scores >= SCORE_CUTOFF)
        if not len(keep):
            return []
        # The best string of each entity (the first found among equal scores).
        keep = keep[np.argsort(-scores[keep], kind="stable")]
        _, first = np.unique(self._owner[strings[keep]], return_index=True)
        best = keep[first]
        slots = self._owner[strings[best]]
        ranked = np.lexsort(
            (slots, self._name_rank[slots], -self._counts[slots], -np.round(scores[best]))
        )[:limit]
        return [
            FuzzyHit(
                id=int(self._ids[slots[at]]),
                name=self._names[int(slots[at])],
                type=self._type_names[int(self._types[slots[at]])],
                mention_count=int(self._counts[slots[at]]),
                alias=self._texts[int(strings[best[at]])],
                score=round(float(scores[best[at]]), 1),
                close=is_close(folded, self._folded[int(strings[best[at]])]),
            )
            for at in ranked.tolist()
        ]


def _keyed(
    rows: Iterable[tuple[int, str, str, int, str]],
) -> Iterator[tuple[int, str, str, int, str, tuple[str, str]]]:
    """The rows, each with the keys of its name and alias, keyed a block at a time."""
    every = iter(rows)
    while block := list(islice(every, CHUNK)):
        names = norm_keys([row[1] for row in block])
        aliases = norm_keys([row[4] for row in block])
        for row, name, alias in zip(block, names, aliases, strict=True):
            yield (*row, (name, alias))


def load_index(conn: sqlite3.Connection) -> FuzzyIndex:
    """Read every entity name and alias from the database and build the index."""
    rows = conn.execute(
        "SELECT CAST(e.id AS INTEGER), CAST(e.name AS TEXT), CAST(e.type AS TEXT), "
        "CAST(COALESCE(e.mention_count, 0) AS INTEGER), CAST(COALESCE(a.alias, '') AS TEXT) "
        "FROM entities e LEFT JOIN aliases a ON a.entity_id = e.id"
    )
    return FuzzyIndex(rows)
