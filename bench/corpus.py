"""Synthetic corpora for the benchmark: the seeds replicated with their paragraphs shuffled."""

from __future__ import annotations

import random
from pathlib import Path


def replicate_seeds(seeds: Path, out: Path, times: int, seed: int = 7) -> int:
    """Write ``times`` copies of every seed document under distinct names, paragraphs shuffled.

    Returns the number of bytes written. The same ``seed`` gives the same corpus.
    """
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    sources = sorted(p for p in seeds.iterdir() if p.suffix in {".txt", ".md"})
    for n in range(times):
        for source in sources:
            paragraphs = source.read_text(encoding="utf-8").split("\n\n")
            head, rest = paragraphs[:1], paragraphs[1:]
            rng.shuffle(rest)
            data = "\n\n".join(head + rest).encode("utf-8")
            target = out / f"copy{n:04d}" / source.name
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(data)
            written += len(data)
    return written


def word_count(folder: Path) -> int:
    """Whitespace-separated words in every document under ``folder``."""
    return sum(
        len(p.read_text(encoding="utf-8").split())
        for p in folder.rglob("*")
        if p.suffix in {".txt", ".md"}
    )
