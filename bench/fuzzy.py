"""Fuzzy jump at scale: filature's index against Textual's Matcher and plain RapidFuzz."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.procs import status_kb
from bench.report import Figure
from bench.synth import SynthEntity, make_entities, strip_accents, write_database

NEIGHBOURS = "azertyuiopqsdfghjklmwxcvbn"


@dataclass(frozen=True)
class Query:
    """A typed query, the entity (1-based id) it is meant to find and how it was damaged."""

    text: str
    target: int
    kind: str


def _damage(text: str, kind: str, rng: random.Random) -> tuple[str, str]:
    """``text`` damaged as ``kind`` says, and the kind applied (it falls back to a deletion)."""
    words = text.split()
    if kind == "order" and len(words) >= 2:
        return " ".join(words[1:] + words[:1]), kind
    if kind == "prefix" and len(text) >= 8:
        cut = len(text) - max(1, len(words[-1]) // 2) if len(words) >= 2 else 2 * len(text) // 3
        return text[:cut].rstrip(), kind
    if kind == "accents":
        plain = strip_accents(text).lower()
        if plain != text.lower():
            return plain, kind
    positions = [i for i, c in enumerate(text) if c.isalpha()]
    if len(positions) < 4:
        return text.lower(), "lower"
    i = rng.choice(positions[1:-1])
    if kind == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :], kind
    if kind == "substitute":
        return text[:i] + rng.choice(NEIGHBOURS) + text[i + 1 :], kind
    if kind == "double":
        once, _ = _damage(text, "delete", rng)
        return _damage(once, "swap", rng)[0], kind
    return text[:i] + text[i + 1 :], "delete"


KINDS = ("delete", "swap", "substitute", "accents", "order", "prefix", "double")


def make_queries(entities: Sequence[SynthEntity], count: int, seed: int = 5) -> list[Query]:
    """``count`` fixed queries, each a damaged name or alias of a random entity."""
    rng = random.Random(seed)
    queries = []
    for n in range(count):
        target = rng.randrange(len(entities))
        entity = entities[target]
        forms = [f for f in entity.aliases if len(f) >= 6]
        source = entity.name if not forms or rng.random() < 0.6 else rng.choice(forms)
        text, kind = _damage(source, KINDS[n % len(KINDS)], rng)
        queries.append(Query(text, target + 1, kind))
    return queries


def _percentiles(seconds: Sequence[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    return {
        "p50": statistics.median(ms),
        "p95": ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))],
        "max": ms[-1],
        "mean": statistics.fmean(ms),
        "n": len(ms),
    }


def _time_all(
    queries: Sequence[Query], search: Callable[[str], list[int]]
) -> tuple[dict[str, float], float]:
    times, hits = [], 0
    for q in queries:
        started = time.perf_counter()
        found = search(q.text)
        times.append(time.perf_counter() - started)
        hits += q.target in found[:5]
    return _percentiles(times), hits / len(queries)


def _distinct(ids: Sequence[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def measure_fuzzy(
    work: Path,
    entities_count: int,
    aliases: int,
    queries_count: int,
    rf_queries: int,
    matcher_queries: int,
) -> tuple[list[Figure], dict[str, Any]]:
    """Synthesise the entities into a database, load the index, time the three matchers."""
    from rapidfuzz import fuzz, process
    from textual.fuzzy import Matcher

    from filature.query import load_index
    from filature.text import norm_key as fold

    started = time.perf_counter()
    entities = make_entities(entities_count, aliases)
    db = work / "fuzzy.db"
    write_database(db, entities)
    queries = make_queries(entities, queries_count)
    synth_seconds = time.perf_counter() - started

    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    rss_before = status_kb_self("VmRSS")
    started = time.perf_counter()
    index = load_index(conn)
    load_seconds = time.perf_counter() - started
    index_mb = (status_kb_self("VmRSS") - rss_before) / 1024
    rows = conn.execute("SELECT entity_id, alias FROM aliases").fetchall()
    conn.close()
    owners = [int(r[0]) for r in rows]
    strings = [str(r[1]) for r in rows]
    folded = [fold(s) for s in strings]

    for q in make_queries(entities, 20, seed=99):
        index.search(q.text)
    ours, ours_top5 = _time_all(queries, lambda text: [h.id for h in index.search(text)])

    def plain(text: str) -> list[int]:
        found = process.extract(fold(text), folded, scorer=fuzz.WRatio, limit=20)
        return _distinct([owners[i] for _, _, i in found])

    rf, rf_top5 = _time_all(queries[:rf_queries], plain)

    def textual(text: str) -> list[int]:
        match = Matcher(text).match
        scored = sorted(((match(s), i) for i, s in enumerate(strings)), reverse=True)[:50]
        return _distinct([owners[i] for score, i in scored if score > 0])

    tx, tx_top5 = _time_all(queries[:matcher_queries], textual)

    details: dict[str, Any] = {
        "entities": entities_count,
        "aliases_besides_names": aliases,
        "alias_rows": len(strings),
        "index_strings": len(index),
        "synthesis_seconds": synth_seconds,
        "index_load_seconds": load_seconds,
        "index_rss_mb": index_mb,
        "filature": {**ours, "top5": ours_top5},
        "rapidfuzz_extract": {**rf, "top5": rf_top5},
        "textual_matcher": {**tx, "top5": tx_top5},
        "queries_sample": [q.__dict__ for q in queries[:14]],
    }
    per_kind: dict[str, list[bool]] = {}
    for q in queries:
        per_kind.setdefault(q.kind, []).append(q.target in [h.id for h in index.search(q.text)][:5])
    details["filature_top5_by_kind"] = {k: sum(v) / len(v) for k, v in per_kind.items()}
    scale = f"{entities_count:,} entities, {len(strings):,} alias rows ({len(index):,} indexed)"
    figures = [
        Figure(
            "fuzzy.p50",
            "Fuzzy jump p50",
            ours["p50"],
            "ms",
            3.0,
            "max",
            note=f"{scale}, {len(queries):,} damaged queries; max {ours['max']:.1f} ms; "
            f"index built in {load_seconds:.1f} s, ~{index_mb:.0f} MB",
        ),
        Figure("fuzzy.p95", "Fuzzy jump p95", ours["p95"], "ms", 10.0, "max"),
        Figure(
            "fuzzy.top5",
            "Fuzzy jump: intended entity in top 5",
            ours_top5 * 100,
            "%",
            note=", ".join(f"{k} {v:.0%}" for k, v in details["filature_top5_by_kind"].items()),
        ),
        Figure(
            "fuzzy.rapidfuzz_p50",
            "Plain rapidfuzz.process.extract p50",
            rf["p50"],
            "ms",
            note=f"WRatio over all {len(strings):,} folded strings, limit 20; first "
            f"{rf['n']:.0f} queries; top-5 {rf_top5:.0%}; filature is "
            f"{rf['p50'] / ours['p50']:.0f}× faster at p50",
        ),
        Figure(
            "fuzzy.matcher_p50",
            "Textual fuzzy Matcher p50",
            tx["p50"],
            "ms",
            note=f"one Matcher per query, .match over all {len(strings):,} strings; first "
            f"{tx['n']:.0f} queries only; top-5 {tx_top5:.0%}; filature is "
            f"{tx['p50'] / ours['p50']:.0f}× faster at p50",
        ),
    ]
    return figures, details


def status_kb_self(field: str) -> int:
    """A kB field of this process's /proc status."""
    import os

    return status_kb(os.getpid(), field)
