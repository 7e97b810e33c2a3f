"""``python -m bench``: measure every target of issue 7 side by side and write the results.

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
    args = parser.parse_args(argv)
    args.only = {part.strip() for part in args.only.split(",") if part.strip()}
    unknown = args.only - set(MEASUREMENTS)
    if unknown:
        parser.error(f"unknown measurement(s): {', '.join(sorted(unknown))}")
    return args


def log(message: str) -> None:
    """A progress line on stderr."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_all(args: argparse.Namespace, work: Path, results: Results) -> None:
    """Every selected measurement, in an order that lets the app reuse the build's database."""
    from bench.app import measure_app
    from bench.appdb import make_app_db
    from bench.build import measure_build
    from bench.fuzzy import measure_fuzzy
    from bench.incremental import measure_incremental

    only: set[str] = args.only
    build_db: Path | None = None
    full_seconds = 0.0

    def step(name: str, action: Callable[[], tuple[list[Figure], dict[str, Any]]]) -> None:
        log(f"{name}…")
        started = time.perf_counter()
        try:
            figures, details = action()
        except Exception as exc:
            results.errors[name] = f"{type(exc).__name__}: {exc}"
            log(f"{name} failed:\n{traceback.format_exc()}")
            return
        results.figures += figures
        results.details[name] = details
        log(f"{name} done in {time.perf_counter() - started:.0f} s")

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

        step("build", build)
    if "read-clean" in only and corpus.is_dir():
        from bench.readclean import measure_read_clean

        step("read-clean", lambda: measure_read_clean(corpus, scale))
    if "rebuilds" in only and build_db is not None:
        from bench.rebuilds import measure_rebuilds

        db, seconds = build_db, full_seconds
        step(
            "rebuilds",
            lambda: measure_rebuilds(corpus, db, seconds, scale, work / "rebuilds", args.workers),
        )
    if "curation" in only and build_db is not None:
        from bench.curation import measure_curation

        db = build_db
        step("curation", lambda: measure_curation(db, work / "curation", f"{args.times}× seeds"))
    if "size-series" in only:
        from bench.sizeseries import measure_size_series

        step("size-series", lambda: measure_size_series(work / "size-series", rounds=args.rounds))
    if "incremental" in only:
        step("incremental", lambda: measure_incremental(args.seeds, work / "incremental"))
    if "fuzzy" in only:
        step(
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
    if "app" in only:

        def app() -> tuple[list[Figure], dict[str, Any]]:
            dbs = []
            sizes = [("similar", args.app_entities, "synthetic, similar size")]
            if args.app_stress_entities:
                sizes.append(("stress", args.app_stress_entities, "stress"))
            for key, entities, label in sizes:
                db = work / "app" / f"{key}.db"
                log(f"app: writing a synthetic database of {entities:,} entities…")
                info: dict[str, Any] = dict(
                    make_app_db(db, args.seeds, entities, 3 * entities, args.app_passages)
                )
                info["entities"] = entities + 2
                full = f"{label}: {entities + 2:,} entities, {args.app_passages:,} passages"
                dbs.append((db, info, full, key))
            return measure_app(build_db, dbs, f"{args.times}× seeds build")

        step("app", app)


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
