"""Build throughput against bare spaCy, build peak memory and database size, from one build."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.corpus import replicate_seeds, word_count
from bench.procs import run_python
from bench.report import Figure, series

GB = 1024.0


@dataclass(frozen=True)
class BuildOutcome:
    """The figures and the database the build wrote (reused by the app benchmark)."""

    figures: list[Figure]
    details: dict[str, Any]
    db_path: Path


def make_corpus(seeds: Path, folder: Path, times: int) -> tuple[int, int]:
    """Replicate the seeds ``times`` times into ``folder`` (with the curation file).

    Returns the corpus bytes and words.
    """
    written = replicate_seeds(seeds, folder, times)
    curation = seeds / "curation.toml"
    if curation.is_file():
        shutil.copy(curation, folder / curation.name)
    return written, word_count(folder)


def table_sizes(db_path: Path) -> dict[str, int]:
    """Bytes per table and index (SQLite's dbstat), largest first."""
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
        return {str(name): int(size) for name, size in rows}
    except sqlite3.Error:
        return {}
    finally:
        conn.close()


def _span(stages: dict[str, dict[str, float]], a: tuple[str, str], b: tuple[str, str]) -> float:
    try:
        return stages[b[0]][b[1]] - stages[a[0]][a[1]]
    except KeyError:
        return float("nan")


def model_while_reading(stages: dict[str, dict[str, float]]) -> bool:
    """Whether the build loaded the model while other processes read its files."""
    return "model" in stages and stages["model"]["first"] < stages.get("read", {}).get("last", 0)


def stage_seconds(built: dict[str, Any]) -> dict[str, float]:
    """Where a ``bench.buildrun`` build spent its time, stage by stage."""
    stages = built["stages"]
    # The build reports the model loading as its own stage, before the first "analyse" report;
    # when it loads while other processes read the files, the reading's span holds it.
    analysing = ("model", "first") if "model" in stages else ("analyse", "first")
    if model_while_reading(stages):
        analysing = ("read", "last")
    return {
        "imports": built["import_seconds"],
        "read_clean_split": _span(stages, ("read", "first"), ("read", "last")),
        "analyse_incl_model_load": _span(stages, analysing, ("analyse", "last")),
        "corpus_level_merge": _span(stages, ("analyse", "last"), ("write", "first")),
        "write": _span(stages, ("write", "first"), ("write", "last")),
    }


def measure_build(
    seeds: Path,
    work: Path,
    times: int,
    only: set[str],
    bare_n_process: int = 0,
    rounds: int = 2,
    workers: int = 0,
) -> BuildOutcome:
    """Bare spaCy then the full build on the same corpus, ``rounds`` times in alternation (the
    fastest run of each counts: on a shared machine a slow spell only ever adds time); figures
    for build, memory (the largest peak) and size.

    ``bare_n_process`` 0 gives bare spaCy ``n_process`` = the build's default workers (every
    core); ``workers`` 0 builds with that default.
    """
    corpus = work / "corpus"
    corpus_bytes, words = make_corpus(seeds, corpus, times)
    db_path = work / "db" / "filature.db"
    details: dict[str, Any] = {"times": times, "corpus_bytes": corpus_bytes, "words": words}
    figures: list[Figure] = []
    bare_runs: list[dict[str, Any]] = []
    build_runs: list[tuple[Any, dict[str, Any]]] = []
    for _ in range(rounds):  # alternated, so that a slow spell on the machine hits both
        if "build" in only:
            bare_runs.append(
                run_python("bench.barerun", str(corpus), "--n-process", str(bare_n_process))[1]
            )
        shutil.rmtree(db_path.parent, ignore_errors=True)  # no analysis cache from a round
        build_runs.append(
            run_python("bench.buildrun", str(corpus), str(db_path), "--workers", str(workers))
        )
    run, built = min(build_runs, key=lambda r: float(r[1]["build_seconds"]))
    built["wall_seconds"] = run.seconds
    built["wait4_peak_rss_mb"] = max(r.peak_rss_mb for r, _ in build_runs)
    built["peak_rss_mb"] = max(float(b["peak_rss_mb"]) for _, b in build_runs)
    built["children_peak_rss_mb"] = max(float(b["children_peak_rss_mb"]) for _, b in build_runs)
    built["tree_peak_pss_mb"] = max(float(b["tree_peak_pss_mb"]) for _, b in build_runs)
    built["tree_peak_rss_mb"] = max(float(b["tree_peak_rss_mb"]) for _, b in build_runs)
    built["worker_peak_rss_mb"] = max(
        max(float(b["worker_peak_rss_mb"]), float(b["children_peak_rss_mb"])) for _, b in build_runs
    )
    built["rounds_build_seconds"] = [b["build_seconds"] for _, b in build_runs]
    built["stage_seconds"] = stage_seconds(built)
    details["build"] = built
    if bare_runs:
        bare = min(bare_runs, key=lambda b: float(b["pipe_seconds"]))
        bare["rounds_pipe_seconds"] = [b["pipe_seconds"] for b in bare_runs]
        details["bare_spacy"] = bare
    rounds_note = (
        f"; best of {rounds} alternated rounds: bare "
        f"{series(b['pipe_seconds'] for b in bare_runs)} s, build "
        f"{series(b['build_seconds'] for _, b in build_runs)} s"
        if rounds > 1 and bare_runs
        else ""
    )
    scale = f"{times}× seeds, {corpus_bytes / 1e6:.1f} MB, {words:,} words"
    if "build" in only:
        bare_wps = words / bare["pipe_seconds"]
        build_wps = words / built["build_seconds"]
        split = ", ".join(f"{k} {v:.1f} s" for k, v in built["stage_seconds"].items())
        figures += [
            Figure(
                "build.bare_wps",
                f"Bare spaCy throughput ({times}×)",
                bare_wps,
                "words/s",
                note=f"{scale}; nlp.pipe over {bare['texts']:,} prepared passages, "
                f"batch {bare['batch_size']}, n_process {bare['n_process']}, components "
                f"{'+'.join(bare['components'])}; {bare['pipe_seconds']:.1f} s "
                f"(model load {bare['load_seconds']:.1f} s not counted)",
            ),
            Figure(
                "build.build_wps",
                f"Full build throughput ({times}×)",
                build_wps,
                "words/s",
                note=f"build() {built['build_seconds']:.1f} s incl. "
                + (
                    "model load (while other processes read the files) "
                    if built["model_loaded"] and model_while_reading(built["stages"])
                    else "model load "
                    if built["model_loaded"]
                    else "the wait for the workers' model load beyond the reading "
                )
                + f"{built['model_load_seconds']:.1f} s (process {run.seconds:.1f} s); {split}"
                f"{rounds_note}",
            ),
            Figure(
                "build.ratio_without_load",
                "Build / bare spaCy throughput, model load left out",
                bare["pipe_seconds"] / (built["build_seconds"] - built["model_load_seconds"]),
                "",
                note="informative: the same ratio if the build did not pay the model load "
                "either (what matters at small --times)",
            ),
            Figure(
                "build.cpu_ratio",
                "Build / bare spaCy, in CPU time, model load left out",
                bare["pipe_cpu_seconds"]
                / (built["build_cpu_seconds"] - built["model_load_cpu_seconds"]),
                "",
                note=f"informative and less sensitive to other load on the machine: bare "
                f"{bare['pipe_cpu_seconds']:.1f} CPU s, build "
                f"{built['build_cpu_seconds'] - built['model_load_cpu_seconds']:.1f} CPU s",
            ),
            Figure(
                "build.ratio",
                "Build / bare spaCy throughput",
                build_wps / bare_wps,
                "",
                target=0.8,
                bound="min",
            ),
        ]
    if "memory" in only:
        main_peak = max(built["peak_rss_mb"], run.peak_rss_mb)
        figures += [
            Figure(
                "memory.build_tree_peak",
                f"Build peak memory, whole process tree ({times}×)",
                built["tree_peak_pss_mb"],
                "MB",
                note=f"summed PSS of the build and its {built['workers']} analysis workers, "
                f"sampled every 0.2 s (pages shared by fork counted once); summed RSS "
                f"{built['tree_peak_rss_mb']:.0f} MB; the build process alone {main_peak:.0f} MB",
            ),
            Figure(
                "memory.worker_peak_rss",
                f"Peak RSS of one analysis worker ({times}×)",
                built["worker_peak_rss_mb"] or main_peak,
                "MB",
                target=1.5 * GB,
                bound="max",
                note="the largest worker's RSS (shared pages included); with one worker, the "
                "build process itself",
            ),
        ]
    if "size" in only:
        db_bytes = db_path.stat().st_size
        sizes = table_sizes(db_path)
        details["table_bytes"] = sizes
        top = ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in list(sizes.items())[:6])
        figures.append(
            Figure(
                "size.db_ratio",
                f"Database / corpus bytes ({times}×)",
                db_bytes / corpus_bytes,
                "",
                target=3.0,
                bound="max",
                note=f"{db_bytes / 1e6:.1f} MB for {corpus_bytes / 1e6:.1f} MB of text; {top}",
            )
        )
    return BuildOutcome(figures, details, db_path)
