"""Per-core throughput, and a build on a Dask cluster against a local one (issue 17, target 5).

The seeds replicated ``--times`` times are built three ways, nothing cached: one process
(``--workers 1``: documents, MB and words per hour per core, in wall-clock and in CPU time),
every core locally, and on a ``LocalCluster`` of ``--dask-workers`` worker processes (which load
the model themselves; the database is compared with the local one, every table but meta, rows
sorted). Run: ``.venv/bin/python -m bench.cluster --times 3``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import replicate_seeds, word_count
from bench.procs import run_python
from bench.report import Figure, load_average, machine

ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
            for n in names
            if n != "meta"
        }
    finally:
        conn.close()


def _timed(corpus: Path, db: Path, **options: Any) -> dict[str, Any]:
    from filature.build import build

    cpu, wall = _cpu(), time.perf_counter()
    report = build(corpus, db, use_cache=False, **options)
    return {
        "wall_s": time.perf_counter() - wall,
        "cpu_s_here": _cpu() - cpu,
        "documents": report.stats.documents,
        "passages": report.stats.passages,
    }


def measure(times: int, dask_workers: int, seeds: Path = ROOT / "seeds") -> dict[str, Any]:
    """The three builds of the replicated seeds, and their figures."""
    from distributed import LocalCluster

    results: dict[str, Any] = {"machine": machine(), "load_before": load_average()}
    with tempfile.TemporaryDirectory(prefix="filature-cluster-") as tmp:
        corpus = Path(tmp) / "corpus"
        size = replicate_seeds(seeds, corpus, times)
        words = word_count(corpus)
        results |= {"times": times, "bytes": size, "words": words}
        one = _timed(corpus, Path(tmp) / "one.db", workers=1)
        hours = one["wall_s"] / 3600
        cpu_hours = one["cpu_s_here"] / 3600
        results["one_process"] = one | {
            "documents_per_hour_per_core": one["documents"] / hours,
            "mb_per_hour_per_core": size / 1e6 / hours,
            "words_per_second": words / one["wall_s"],
            "documents_per_cpu_hour": one["documents"] / cpu_hours,
            "mb_per_cpu_hour": size / 1e6 / cpu_hours,
        }
        results["every_core"] = _timed(corpus, Path(tmp) / "local.db")
        started = time.perf_counter()
        with LocalCluster(
            n_workers=dask_workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            results["cluster_start_s"] = time.perf_counter() - started
            results["dask"] = _timed(
                corpus, Path(tmp) / "dask.db", dask=cluster.scheduler_address
            ) | {"workers": dask_workers}
        local, dask = _tables(Path(tmp) / "one.db"), _tables(Path(tmp) / "dask.db")
        results["differing_tables"] = sorted(
            n for n in local.keys() | dask.keys() if local.get(n) != dask.get(n)
        )
        results["same_rows"] = not results["differing_tables"]
    results["load_after"] = load_average()
    return results


def cluster_figures(results: dict[str, Any]) -> list[Figure]:
    """The per-core throughput, the local and Dask builds' times, and the row-for-row check."""
    one, every, dask = results["one_process"], results["every_core"], results["dask"]
    scale = (
        f"{results['times']}× seeds, {results['bytes'] / 1e6:.1f} MB, {one['documents']} documents"
    )
    return [
        Figure(
            "cluster.per_core",
            "Documents per hour per core (--workers 1)",
            one["documents_per_hour_per_core"],
            "docs/h",
            note=f"{scale}: {one['wall_s']:.1f} s wall, {one['words_per_second']:,.0f} words/s, "
            f"{one['mb_per_hour_per_core']:.1f} MB/h; in CPU time "
            f"{one['documents_per_cpu_hour']:,.0f} documents, {one['mb_per_cpu_hour']:.1f} MB "
            "per hour (model load included)",
        ),
        Figure(
            "cluster.dask_vs_local",
            f"Dask LocalCluster ({dask['workers']} workers) ÷ local build, every core, wall time",
            dask["wall_s"] / every["wall_s"],
            "x",
            note=f"informative: Dask {dask['wall_s']:.1f} s (cluster start "
            f"{results['cluster_start_s']:.1f} s not counted; the workers' model loads are), "
            f"local every core {every['wall_s']:.1f} s, one process {one['wall_s']:.1f} s",
        ),
        Figure(
            "cluster.differing_tables",
            "Dask build against the local one: tables that differ (rows sorted)",
            len(results["differing_tables"]),
            "tables",
            target=0,
            bound="max",
            note=", ".join(results["differing_tables"]) or "every table but meta identical",
        ),
    ]


def measure_cluster(
    seeds: Path, times: int, dask_workers: int
) -> tuple[list[Figure], dict[str, Any]]:
    """The measurement in a child process (its Dask cluster and models leave with it)."""
    run, results = run_python(
        "bench.cluster",
        "--times",
        str(times),
        "--dask-workers",
        str(dask_workers),
        "--seeds",
        str(seeds),
    )
    results["process_seconds"] = run.seconds
    return cluster_figures(results), results


def main(argv: list[str] | None = None) -> None:
    """Run the measurement, print it as JSON and write it to ``--out`` if given."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--times", type=int, default=3)
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--out", "--json", type=Path)
    args = parser.parse_args(argv)
    results = measure(args.times, args.dask_workers, args.seeds)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
