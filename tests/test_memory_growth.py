"""The memory of a build grows with a document no faster than the document's own data.

A seed document, analysed once with the real model, is repeated into one document of about
0.5 MB and one of about 2 MB; a child process per size runs the corpus steps of a build
(merging, relations, the database write) on it and reports its peak resident memory above
what it held before. The extra peak per extra megabyte of text, large minus small, is
bounded: a step that makes a Python object per character of the corpus (the acronym scan
lowercased the corpus one character at a time, ~60 bytes a character, 1.9 GB for 30 MB) is
far above the bound. No time is measured.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from filature.extract.stream import analyze_with_relations
from filature.ingest.corpus import read_corpus

SEED = Path(__file__).resolve().parent.parent / "seeds" / "001_d98e5125de2d438c.txt"
CHILD = Path(__file__).resolve().parent / "memory_child.py"
SMALL_MB, LARGE_MB = 0.5, 2.0
MAX_SLOPE = 30.0
"""Largest allowed MB of extra peak memory per extra MB of text, from the small document to
the large one: the budget of a 30 MB document built under 1.5 GB with the language model
(about 0.6 GB) loaded. Measured on 2026-12-03: about 16 (the analysis read back from the cache,
the entities, relations and evidence built from it); lowercasing the acronym scan's text one
character at a time made it 83."""


pytestmark = pytest.mark.skipif(
    not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc to read peak memory"
)


def _seed_json(tmp_path: Path, nlp: Any) -> Path:
    folder = tmp_path / "seed"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    documents, _ = read_corpus(folder, 50 * 2**20, lambda *a: None)
    result = analyze_with_relations(documents[0], nlp)
    path = tmp_path / "seed.json"
    data = {"document": asdict(documents[0]), "result": result.to_dict()}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _peak(seed: Path, copies: int, out: Path) -> dict[str, int]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run(
        [sys.executable, str(CHILD), str(seed), str(copies), str(out)],
        check=True,
        env=env,
        timeout=900,
    )
    figures: dict[str, int] = json.loads(out.read_text(encoding="utf-8"))
    return figures


def test_corpus_steps_memory_grows_no_faster_than_the_text(tmp_path: Path, nlp: Any) -> None:
    seed = _seed_json(tmp_path, nlp)
    per_copy = len(SEED.read_bytes())
    small = _peak(seed, round(SMALL_MB * 1e6 / per_copy), tmp_path / "small.json")
    large = _peak(seed, round(LARGE_MB * 1e6 / per_copy), tmp_path / "large.json")
    assert large["entities"] == small["entities"] > 0
    extra_text = (large["bytes"] - small["bytes"]) / 1e6
    extra_peak = ((large["peak"] - large["before"]) - (small["peak"] - small["before"])) / 1e6
    slope = extra_peak / extra_text
    assert slope <= MAX_SLOPE, (
        f"the corpus steps' peak memory grew by {slope:.1f} MB per MB of text "
        f"({small['bytes'] / 1e6:.2f} MB: +{(small['peak'] - small['before']) / 1e6:.0f} MB, "
        f"{large['bytes'] / 1e6:.2f} MB: +{(large['peak'] - large['before']) / 1e6:.0f} MB)"
    )
