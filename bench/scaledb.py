"""The explorer's stress database at scale (issue 17, target 6): ``appdb``'s passages and
entities (one entity with 5,000 mentions), plus relations with evidence, dates and amounts, so
that the workbench's views (relations table, timeline, network) have something to show."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path
from typing import Any

from bench.appdb import make_app_db
from filature.vocabulary import CO_OCCURRENCE, STATED_TYPES

BIG_RELATIONS = 2_000
"""Relations of the most mentioned entity (its network and timeline at their densest)."""


def add_relations(path: Path, count: int, seed: int = 5) -> int:
    """``count`` relations between random entities (``BIG_RELATIONS`` of them on entity 1),
    one evidence passage each, a third dated, a tenth with an amount; returns how many."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        (entities,) = conn.execute("SELECT max(id) FROM entities").fetchone()
        (passages,) = conn.execute("SELECT max(id) FROM passages").fetchone()
        types = (*STATED_TYPES, CO_OCCURRENCE, CO_OCCURRENCE)
        relations: list[tuple[Any, ...]] = []
        evidence: list[tuple[int, int, int, int]] = []
        for n in range(1, count + 1):
            source = 1 if n <= BIG_RELATIONS else rng.randint(2, entities)
            target = rng.randint(2, entities)
            kind = rng.choice(types)
            date = f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}" if n % 3 == 0 else None
            amount = float(rng.randint(1, 500) * 10_000) if n % 10 == 0 else None
            currency = "EUR" if amount is not None else None
            relations.append(
                (n, source, target, kind, 0.8, "synthetic", None, date, amount, currency, 1)
            )
            passage = rng.randint(1, 5_000) if source == 1 else rng.randint(1, passages)
            evidence.append((n, passage, 0, 40))
        conn.executemany(
            "INSERT INTO relations (id, source_id, target_id, type, confidence, rule, role, "
            "date, amount, currency, weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            relations,
        )
        conn.executemany("INSERT OR IGNORE INTO evidence VALUES (?, ?, ?, ?)", evidence)
        conn.commit()
    finally:
        conn.close()
    return count


def make_scale_db(
    path: Path, seeds: Path, passages: int, entities: int, relations: int
) -> dict[str, Any]:
    """Write the database; returns what the benchmark looks for and the seconds each step took."""
    started = time.perf_counter()
    info: dict[str, Any] = dict(
        make_app_db(path, seeds, entities=entities, aliases=2 * entities, passages=passages)
    )
    info["passages_entities_seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    info["relations"] = add_relations(path, relations)
    info["relations_seconds"] = time.perf_counter() - started
    info["bytes"] = path.stat().st_size
    info["passages"], info["entities"] = passages, entities + 2
    return info
