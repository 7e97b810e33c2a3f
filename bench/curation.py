"""A curation decision applied to the build's database: what the explorer waits for after m,
r, y, x or s (the curated tables derived again from the pre-curation ones and the file)."""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from bench.report import Figure, series


def measure_curation(
    build_db: Path, work: Path, label: str, rounds: int = 3
) -> tuple[list[Figure], dict[str, Any]]:
    """Seconds to apply one rename of the most mentioned entity, on a copy of ``build_db``."""
    from filature.curation.entries import Entry
    from filature.curation.session import apply_entries

    work.mkdir(parents=True, exist_ok=True)
    copy = work / "curated.db"
    shutil.copyfile(build_db, copy)
    with sqlite3.connect(copy) as conn:
        name, mentions = conn.execute(
            "SELECT name, mention_count FROM entities ORDER BY mention_count DESC LIMIT 1"
        ).fetchone()
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _TABLES}
    conn.close()
    seconds = []
    for n in range(rounds):
        entry = Entry("rename", {"name": name, "to": f"{name} ({n + 1})"})  # each from the base
        started = time.perf_counter()
        apply_entries(copy, (entry,))
        seconds.append(time.perf_counter() - started)
    details = {"entity": name, "mentions": mentions, "seconds": seconds, "rows": counts}
    rows = ", ".join(f"{v:,} {k}" for k, v in counts.items())
    figure = Figure(
        "curation.apply",
        f"Apply one curation decision ({label})",
        statistics.median(seconds),
        "s",
        note=f"median of {rounds}: rename {name!r} ({mentions:,} mentions) and derive the "
        f"curated tables again ({rows}); all: {series(seconds, 2)} s",
    )
    return [figure], details


_TABLES = ("entities", "mentions", "relations", "evidence")
