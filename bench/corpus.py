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


def whole_paragraphs(seeds: Path) -> list[str]:
    """Every paragraph of the seed documents as written (line breaks kept), in file order."""
    sources = sorted(p for p in seeds.iterdir() if p.suffix in {".txt", ".md"})
    return [
        paragraph.strip()
        for source in sources
        for paragraph in source.read_text(encoding="utf-8").split("\n\n")
        if paragraph.strip()
    ]


def _cut(text: str, limit: int) -> str:
    """``text`` cut at the last space that keeps it within ``limit`` bytes of UTF-8."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    head = data[:limit].decode("utf-8", errors="ignore")
    return head[: head.rfind(" ")] if " " in head else head


def small_documents(
    seeds: Path, out: Path, count: int, low: int = 1024, high: int = 3072, seed: int = 7
) -> int:
    """Write ``count`` documents of ``low`` to ``high`` bytes, each made of seed paragraphs
    drawn at random (the last one cut at a space), under distinct names, 1,000 to a folder.

    Returns the number of bytes written. The same ``seed`` gives the same documents.
    """
    rng = random.Random(seed)
    paragraphs = whole_paragraphs(seeds)
    written = 0
    for n in range(count):
        size = rng.randint(low, high)
        parts: list[str] = []
        while len("\n\n".join(parts).encode("utf-8")) < size:
            parts.append(rng.choice(paragraphs))
        data = _cut("\n\n".join(parts), size).encode("utf-8")
        target = out / f"batch{n // 1000:03d}" / f"note{n:05d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += len(data)
    return written


def large_document(seeds: Path, out: Path, megabytes: float, seed: int = 7) -> int:
    """Write one document of about ``megabytes`` MB: the seed paragraphs, shuffled afresh at
    every pass, until the size is reached. Returns the number of bytes written."""
    rng = random.Random(seed)
    paragraphs = whole_paragraphs(seeds)
    limit = int(megabytes * 1e6)
    parts: list[str] = []
    size = 0
    while size < limit:
        rng.shuffle(paragraphs)
        for paragraph in paragraphs:
            parts.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
            if size >= limit:
                break
    data = _cut("\n\n".join(parts), limit).encode("utf-8")
    out.mkdir(parents=True, exist_ok=True)
    (out / "large.txt").write_bytes(data)
    return len(data)
