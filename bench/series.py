"""Linear cost (issue 17, target 2): build throughput at several multiples of the seeds, on many
small documents and on one large document, each built as the main build is (a child process,
the build's default workers, nothing cached); stages and the process tree's peak memory."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.build import make_corpus, model_while_reading, stage_seconds
from bench.corpus import large_document, small_documents, word_count
from bench.procs import run_python
from bench.report import Figure

SPREAD = 1.15
"""Fastest ÷ slowest throughput allowed across the series."""


def build_case(corpus: Path, work: Path, workers: int, rounds: int) -> dict[str, Any]:
    """``corpus`` built ``rounds`` times from scratch; the fastest run, with the largest peak."""
    db = work / "db" / "filature.db"
    runs = []
    for _ in range(rounds):
        shutil.rmtree(db.parent, ignore_errors=True)
        runs.append(run_python("bench.buildrun", str(corpus), str(db), "--workers", str(workers)))
    run, built = min(runs, key=lambda r: float(r[1]["build_seconds"]))
    built["process_seconds"] = run.seconds
    built["tree_peak_pss_mb"] = max(float(b["tree_peak_pss_mb"]) for _, b in runs)
    built["rounds_build_seconds"] = [b["build_seconds"] for _, b in runs]
    built["stage_seconds"] = stage_seconds(built)
    shutil.rmtree(db.parent, ignore_errors=True)
    return built


def case_record(label: str, corpus_bytes: int, words: int, built: dict[str, Any]) -> dict[str, Any]:
    """What the series keeps of one build: size, time, throughput, stages, memory."""
    seconds = float(built["build_seconds"])
    net = seconds - float(built["model_load_seconds"])
    return {
        "case": label,
        "documents": built["documents"],
        "bytes": corpus_bytes,
        "words": words,
        "build_seconds": seconds,
        "process_seconds": built.get("process_seconds", built.get("wall_seconds")),
        "words_per_second": words / seconds,
        "model_load_seconds": built["model_load_seconds"],
        "model_in_build": built.get("model_loaded", True),
        "model_while_reading": model_while_reading(built.get("stages", {})),
        "words_per_second_without_model_load": words / net if net > 0 else float("nan"),
        "stages": built["stage_seconds"],
        "tree_peak_pss_mb": built["tree_peak_pss_mb"],
        "workers": built["workers"],
        "rounds_build_seconds": built.get("rounds_build_seconds", [seconds]),
    }


def _spread(values: list[float]) -> float:
    return max(values) / min(values) if len(values) > 1 else 1.0


def _load_note(case: dict[str, Any]) -> str:
    """The model load: the build's own (while the files were read, or after), or its
    workers' beyond the reading."""
    seconds = case["model_load_seconds"]
    if not case.get("model_in_build", True):
        return f"workers' model load, beyond the reading: {seconds:.1f} s"
    if case.get("model_while_reading"):
        return f"model load {seconds:.1f} s, while other processes read"
    return f"model load {seconds:.1f} s"


def _note(case: dict[str, Any]) -> str:
    s = case["stages"]
    documents = f"{case['documents']:,} document{'s' if case['documents'] != 1 else ''}"
    return (
        f"{documents}, {case['bytes'] / 1e6:.1f} MB, {case['words']:,} words, "
        f"{case['build_seconds']:.1f} s (best of {len(case['rounds_build_seconds'])}), "
        f"{case['workers']} workers: read + clean {s['read_clean_split']:.1f} s, analyse "
        f"{s['analyse_incl_model_load']:.1f} s ({_load_note(case)}), "
        f"merge {s['corpus_level_merge']:.1f} s, write {s['write']:.1f} s; tree peak "
        f"{case['tree_peak_pss_mb']:.0f} MB (PSS); without the model load "
        f"{case['words_per_second_without_model_load']:,.0f} words/s"
        + (f" ({case['from']})" if "from" in case else "")
    )


def series_figures(cases: list[dict[str, Any]], scaled: list[str]) -> list[Figure]:
    """One figure per case, then the spreads: among the multiples of the seeds (the target),
    over the whole series, and both again without the model load."""
    figures = [
        Figure(
            f"series.wps.{c['case']}",
            f"Build throughput, {c['case']}",
            c["words_per_second"],
            "words/s",
            note=_note(c),
        )
        for c in cases
    ]
    multiples = [c for c in cases if c["case"] in scaled]
    labels = ", ".join(c["case"] for c in multiples)
    spreads = (("spread", labels, multiples), ("spread_all", "whole series", cases))
    for key, net in (("words_per_second", False), ("words_per_second_without_model_load", True)):
        suffix = ", model load left out (informative)" if net else ""
        figures += [
            Figure(
                f"series.{tag}{'_net' if net else ''}",
                f"Throughput fastest ÷ slowest, {title}{suffix}",
                _spread([c[key] for c in members]),
                "x",
                target=None if net else SPREAD,
                bound=None if net else "max",
                note=", ".join(f"{c['case']} {c[key]:,.0f}" for c in members) + " words/s",
            )
            for tag, title, members in spreads
        ]
    return figures


def measure_series(
    seeds: Path,
    work: Path,
    times: list[int],
    small_files: int,
    big_mb: float,
    workers: int = 0,
    rounds: int = 1,
    main_build: dict[str, Any] | None = None,
    log: Callable[[str], None] = print,
) -> tuple[list[Figure], dict[str, Any]]:
    """The series: the seeds × each of ``times`` (``rounds`` builds each, the fastest counts),
    plus the main build's figures (``main_build``: ``bench.build``'s details) if given, then
    ``small_files`` documents of 1–3 KB and one document of ``big_mb`` MB, built once each."""
    cases: list[dict[str, Any]] = []
    scaled: list[str] = []
    for n in times:
        folder = work / f"x{n}"
        corpus_bytes, words = make_corpus(seeds, folder / "corpus", n)
        log(f"series: {n}× seeds, {corpus_bytes / 1e6:.1f} MB…")
        cases.append(
            case_record(
                f"{n}×", corpus_bytes, words, build_case(folder / "corpus", folder, workers, rounds)
            )
        )
        scaled.append(f"{n}×")
        shutil.rmtree(folder, ignore_errors=True)
    if main_build is not None and int(main_build["times"]) not in times:
        label = f"{main_build['times']}×"
        main = case_record(
            label, main_build["corpus_bytes"], main_build["words"], main_build["build"]
        )
        cases.append(main | {"from": "the main build of this run"})
        scaled.append(label)
        cases.sort(key=lambda c: c["bytes"])
    extra: list[tuple[str, Callable[[Path], int]]] = []
    if small_files:
        extra.append(
            (f"{small_files:,} small documents", lambda f: small_documents(seeds, f, small_files))
        )
    if big_mb:
        extra.append((f"one {big_mb:g} MB document", lambda f: large_document(seeds, f, big_mb)))
    for n, (label, write) in enumerate(extra):
        folder = work / f"extra{n}"
        corpus_bytes = write(folder / "corpus")
        log(f"series: {label}, {corpus_bytes / 1e6:.1f} MB…")
        built = build_case(folder / "corpus", folder, workers, 1)
        cases.append(case_record(label, corpus_bytes, word_count(folder / "corpus"), built))
        shutil.rmtree(folder, ignore_errors=True)
    return series_figures(cases, scaled), {"cases": cases, "scaled": scaled}
