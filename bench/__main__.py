"""``python -m bench``: measure every target of issues 7 and 17 in one run and write the results.

Each measurement runs in its own module; a failure in one is recorded and the others go on.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.procs import CORPORA
from bench.report import Figure, Results, load_average, machine, now, text_table, write_results

ROOT = Path(__file__).resolve().parents[1]
MEASUREMENTS = (
    "build",
    "rebuilds",
    "read-clean",
    "incremental",
    "memory",
    "fuzzy",
    "app",
    "size",
    "curation",
    "size-series",
    "series",
    "formats",
    "cluster",
    "explorer-scale",
)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--times", type=int, default=100, help="corpus = seeds × N (100)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="bare spaCy and the build, alternated this many times; the fastest of each counts",
    )
    parser.add_argument(
        "--only",
        default=",".join(MEASUREMENTS),
        help=f"comma-separated subset of {','.join(MEASUREMENTS)}",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.md")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--bare-n-process",
        type=int,
        default=0,
        help="bare spaCy's n_process (0: the build's default workers, every core)",
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="the build's --workers (0: its default)"
    )
    parser.add_argument("--fuzzy-entities", type=int, default=100_000)
    parser.add_argument("--fuzzy-aliases", type=int, default=300_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--rapidfuzz-queries", type=int, default=50)
    parser.add_argument("--matcher-queries", type=int, default=10)
    parser.add_argument("--app-passages", type=int, default=40_000)
    parser.add_argument("--app-entities", type=int, default=1_000)
    parser.add_argument(
        "--app-stress-entities", type=int, default=100_000, help="0: no stress database"
    )
    parser.add_argument(
        "--series-times",
        default="10,30",
        help="the series' multiples of the seeds, besides --times's build (10,30)",
    )
    parser.add_argument(
        "--series-rounds", type=int, default=2, help="builds of each multiple; the fastest counts"
    )
    parser.add_argument("--small-files", type=int, default=10_000, help="0: none")
    parser.add_argument("--big-mb", type=float, default=30.0, help="0: no large document")
    parser.add_argument(
        "--size-series-mb", default="1,4,16", help="size-series: the documents' sizes in MB"
    )
    parser.add_argument("--formats-pdf", type=Path, default=CORPORA / "pdf")
    parser.add_argument("--formats-html", type=Path, default=CORPORA / "html")
    parser.add_argument("--formats-rounds", type=int, default=10)
    parser.add_argument("--cluster-times", type=int, default=3)
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--scale-passages", type=int, default=1_000_000)
    parser.add_argument("--scale-entities", type=int, default=200_000)
    parser.add_argument("--scale-relations", type=int, default=200_000)
    args = parser.parse_args(argv)
    args.series_times = [int(n) for n in args.series_times.split(",") if n.strip()]
    args.size_series_mb = tuple(int(n) for n in args.size_series_mb.split(",") if n.strip())
    args.only = {part.strip() for part in args.only.split(",") if part.strip()}
    unknown = args.only - set(MEASUREMENTS)
    if unknown:
        parser.error(f"unknown measurement(s): {', '.join(sorted(unknown))}")
    return args


def log(message: str) -> None:
    """A progress line on stderr."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


Measure = Callable[[], tuple[list[Figure], dict[str, Any]]]


def step(results: Results, name: str, action: Measure) -> None:
    """Run one measurement, its figures and details kept (with the load average before and
    after it), or its failure recorded."""
    log(f"{name}…")
    started = time.perf_counter()
    load_before = load_average()
    try:
        figures, details = action()
    except Exception as exc:
        results.errors[name] = f"{type(exc).__name__}: {exc}"
        results.details[name] = {"load_before": load_before, "load_after": load_average()}
        log(f"{name} failed:\n{traceback.format_exc()}")
        return
    results.figures += figures
    results.details[name] = {
        **details,
        "load_before": load_before,
        "load_after": load_average(),
        "seconds": time.perf_counter() - started,
    }
    log(f"{name} done in {time.perf_counter() - started:.0f} s")


def run_builds(args: argparse.Namespace, work: Path, results: Results) -> Path | None:
    """The build and what reuses its corpus or database; the database, if it was written."""
    from bench.build import measure_build

    only: set[str] = args.only
    build_db: Path | None = None
    full_seconds = 0.0
    corpus = work / "build" / "corpus"
    scale = f"{args.times}× seeds"
    if only & {"build", "memory", "size", "curation", "rebuilds"}:

        def build() -> tuple[list[Figure], dict[str, Any]]:
            nonlocal build_db, full_seconds
            outcome = measure_build(
                args.seeds,
                work / "build",
                args.times,
                only,
                args.bare_n_process,
                args.rounds,
                args.workers,
            )
            build_db = outcome.db_path
            full_seconds = float(outcome.details["build"]["build_seconds"])
            return outcome.figures, outcome.details

        step(results, "build", build)
    if "read-clean" in only and corpus.is_dir():
        from bench.readclean import measure_read_clean

        step(results, "read-clean", lambda: measure_read_clean(corpus, scale))
    if "rebuilds" in only and build_db is not None:
        from bench.rebuilds import measure_rebuilds

        db, seconds = build_db, full_seconds
        step(
            results,
            "rebuilds",
            lambda: measure_rebuilds(corpus, db, seconds, scale, work / "rebuilds", args.workers),
        )
    if "curation" in only and build_db is not None:
        from bench.curation import measure_curation

        db = build_db
        step(results, "curation", lambda: measure_curation(db, work / "curation", scale))
    return build_db


def run_all(args: argparse.Namespace, work: Path, results: Results) -> None:
    """Every selected measurement: the builds first (the series reuses the main build's
    figures), the explorer at scale and the app last (the app reuses the build's database)."""
    only: set[str] = args.only
    build_db = run_builds(args, work, results)
    if "series" in only:
        from bench.series import measure_series

        main_build = results.details.get("build")
        step(
            results,
            "series",
            lambda: measure_series(
                args.seeds,
                work / "series",
                args.series_times,
                args.small_files,
                args.big_mb,
                args.workers,
                args.series_rounds,
                main_build if main_build and "build" in main_build else None,
                log,
            ),
        )
    if "cluster" in only:
        from bench.cluster import measure_cluster

        step(
            results,
            "cluster",
            lambda: measure_cluster(args.seeds, args.cluster_times, args.dask_workers),
        )
    if "size-series" in only:
        from bench.sizeseries import measure_size_series

        step(
            results,
            "size-series",
            lambda: measure_size_series(
                work / "size-series", args.size_series_mb, rounds=args.rounds
            ),
        )
    if "incremental" in only:
        from bench.incremental import measure_incremental

        step(results, "incremental", lambda: measure_incremental(args.seeds, work / "incremental"))
    if "formats" in only:
        from bench.formats import measure_formats

        step(
            results,
            "formats",
            lambda: measure_formats(args.formats_pdf, args.formats_html, args.formats_rounds),
        )
    if "fuzzy" in only:
        from bench.fuzzy import measure_fuzzy

        step(
            results,
            "fuzzy",
            lambda: measure_fuzzy(
                work / "fuzzy",
                args.fuzzy_entities,
                args.fuzzy_aliases,
                args.queries,
                args.rapidfuzz_queries,
                args.matcher_queries,
            ),
        )
    if "explorer-scale" in only:
        from bench.explorer_scale import measure_explorer_scale

        step(
            results,
            "explorer-scale",
            lambda: measure_explorer_scale(
                work / "explorer-scale",
                args.scale_passages,
                args.scale_entities,
                args.scale_relations,
            ),
        )
    if "app" in only:
        from bench.app import measure_app
        from bench.appdb import app_databases

        step(
            results,
            "app",
            lambda: measure_app(
                build_db,
                app_databases(
                    args.seeds,
                    work / "app",
                    args.app_entities,
                    args.app_stress_entities,
                    args.app_passages,
                    log,
                ),
                f"{args.times}× seeds build",
            ),
        )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table and write the results files."""
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    results = Results(
        args={**{k: str(v) for k, v in vars(args).items()}, "argv": " ".join(argv)},
        machine={**machine(), "started_at": now()},
    )
    work = Path(tempfile.mkdtemp(prefix="filature-bench-"))
    log(f"working in {work}; load average {load_average()}")
    try:
        run_all(args, work, results)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results.machine["finished_at"] = now()
    results.machine["load_at_end"] = load_average()
    json_path = write_results(results, args.out)
    print(text_table(results.figures))
    for name, message in results.errors.items():
        print(f"FAILED {name}: {message}")
    print(f"\nWrote {args.out} and {json_path}")
    return 1 if results.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
