"""Child process of the memory series: one whole build, with the peak RSS of each stage.

``python -m bench.memstages FOLDER --json OUT`` builds FOLDER into a temporary database (no
analysis cache) while a thread samples the resident set size every 20 ms; each sample is
charged to the stage running at the time (reading and cleaning, model loading, spaCy analysis,
corpus merging, relations, writing). The JSON holds, per stage, the RSS on entry and the peak.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    """The resident set size of this process, in MB."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * _PAGE / 1e6


def peak_mb() -> float:
    """The peak resident set size of this process so far (VmHWM), in MB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1e3
    return 0.0


class Stages:
    """The stage running now, and per stage its RSS on entry and its peak."""

    def __init__(self) -> None:
        self.current = "start"
        self.entry: dict[str, float] = {"start": rss_mb()}
        self.peak: dict[str, float] = {"start": rss_mb()}
        self.order = ["start"]
        self.stop = threading.Event()

    def enter(self, stage: str) -> None:
        """Charge the following samples to ``stage``."""
        self.sample()
        if stage not in self.entry:
            self.entry[stage] = rss_mb()
            self.order.append(stage)
        self.current = stage

    def sample(self) -> None:
        """Record one sample against the current stage."""
        now = rss_mb()
        self.peak[self.current] = max(self.peak.get(self.current, 0.0), now)

    def run(self) -> None:
        """Sample until stopped."""
        while not self.stop.wait(0.02):
            self.sample()


def _wrap(stages: Stages, module: Any, name: str, stage: str) -> None:
    original: Callable[..., Any] = getattr(module, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        stages.enter(stage)
        return original(*args, **kwargs)

    setattr(module, name, wrapped)


_MERGE_STEPS = (
    "acronym_table",
    "bare_uses",
    "filter_footnotes",
    "confirm_institutions",
    "retype_publishers",
    "resolve_short_names",
    "filter_shouting",
    "filter_people",
    "fix_acronym_names",
    "filter_pairs",
    "bracket_aliases",
    "bare_operations",
    "initials_pairs",
    "group",
)
_RELATION_STEPS = ("resolve", "unit_relations", "named_place_relations", "cooccurrences")


def main() -> None:
    """Build the folder with stage markers; write the per-stage RSS as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--db", type=Path, help="build here, with its analysis cache")
    args = parser.parse_args()
    import filature.build as build_module
    import filature.extract.analysing as analysing_module
    import filature.extract.pipeline as pipeline_module
    import filature.extract.run as run_module

    stages = Stages()
    _wrap(stages, build_module, "read_corpus", "read+clean")
    _wrap(stages, analysing_module, "analyze_stream", "analyse")
    _wrap(stages, run_module, "build_drafts", "merge")
    for name in _MERGE_STEPS:
        _wrap(stages, pipeline_module, name, f"merge:{name}")
    _wrap(stages, run_module, "freeze", "freeze")
    for name in _RELATION_STEPS:
        _wrap(stages, run_module, name, f"relations:{name}")
    _wrap(stages, build_module, "write_database", "write")

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "model" and done == 0:
            stages.enter("model")

    sampler = threading.Thread(target=stages.run, daemon=True)
    sampler.start()
    wall, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "f.db"
        cached = args.db is not None
        report = build_module.build(args.folder, db, progress=progress, use_cache=cached)
    stages.enter("done")
    stages.stop.set()
    result = {
        "bytes": sum(p.stat().st_size for p in args.folder.rglob("*") if p.is_file()),
        "seconds": time.perf_counter() - wall,
        "cpu_seconds": time.process_time() - cpu,
        "peak_rss_mb": peak_mb(),
        "passages": report.stats.passages,
        "entities": report.stats.entities,
        "mentions": report.stats.mentions,
        "relations": report.stats.relations,
        "stages": [
            {"stage": s, "entry_mb": stages.entry[s], "peak_mb": stages.peak.get(s, 0.0)}
            for s in stages.order
        ],
    }
    args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
