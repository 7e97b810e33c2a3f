"""The explorer in a real terminal (tmux): first paint, selection latency, peak memory."""

from __future__ import annotations

import compileall
import os
import shutil
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from bench.procs import PYTHON, ROOT, cpu_ticks, status_kb, wait_idle
from bench.report import Figure, series
from bench.tmux import Tmux


def _top_entities(db: Path, count: int = 1) -> list[tuple[str, int]]:
    """The first rows of the entity list and how many passages each one's excerpts pane counts."""
    from filature.query import count_excerpts, list_entities

    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [(e.name, count_excerpts(conn, e.id)) for e in list_entities(conn, None, count)]
    finally:
        conn.close()


def _subtitle(count: int) -> str:
    return f"{count:,} passage{'s' if count != 1 else ''}"


def compile_bytecode(src: Path) -> None:
    """Compile the app's modules under ``src`` to bytecode, as installing filature does (pip
    compiles a package it installs; an editable checkout writes its ``__pycache__`` on the
    first run). Where PYTHONDONTWRITEBYTECODE is set, as on the shared development machine,
    the app would otherwise compile 110 modules from source at every start (150 to 200 ms of
    CPU), which no installed copy does."""
    compileall.compile_dir(src / "filature", quiet=1)


def first_paint(tmux: Tmux, db: Path, prefix: str = "") -> dict[str, Any]:
    """Start the app on ``db`` (the command after ``prefix``, e.g. ``env PYTHONPATH=…``);
    seconds to the entity list, to the excerpts, then memory."""
    name, count = _top_entities(db)[0]
    head = name[:12]
    tmux.respawn(f"{prefix}{PYTHON} -m filature.tui {db}")
    started = time.perf_counter()
    pid = tmux.pid()  # the app itself (exec): its CPU time by first paint, whatever the load
    listed = tmux.wait_for(lambda s: "Entities" in s and head in s)
    list_cpu = cpu_ticks(pid) / os.sysconf("SC_CLK_TCK")
    filled = tmux.wait_for(lambda s: _subtitle(count) in s)
    idle = wait_idle(pid)
    return {
        "top_entity": name,
        "top_entity_passages": count,
        "list_seconds": listed - started,
        "list_cpu_seconds": list_cpu,
        "excerpts_seconds": filled - started,
        "idle_after_seconds": filled - started + idle,
        "pid": pid,
        "rss_mb": status_kb(pid, "VmRSS") / 1024,
        "hwm_mb": status_kb(pid, "VmHWM") / 1024,
    }


def selection(
    tmux: Tmux, pid: int, target: int, other: int, rounds: int = 5
) -> tuple[list[float], list[float]]:
    """Seconds from the key that selects the big entity to its excerpts on screen, per round,
    and the same for the small entity next to it (the terminal round trip's baseline).

    The list starts on the big entity (most mentioned); "down" moves to the next entity and
    "up" comes back, which is the selection timed.
    """
    big, small = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        tmux.keys("Down")
        small.append(tmux.wait_for(lambda s: _subtitle(other) in s) - started)
        wait_idle(pid, quiet=0.3)
        started = time.perf_counter()
        tmux.keys("Up")
        big.append(tmux.wait_for(lambda s: _subtitle(target) in s) - started)
        wait_idle(pid, quiet=0.3)
    return big, small


def _selection_figures(
    tmux: Tmux,
    run: dict[str, Any],
    info: dict[str, Any],
    label: str,
    key: str,
    title: str | None = None,
) -> list[Figure]:
    big, small = selection(
        tmux, run["pid"], int(info["big_passages"]), int(info["second_passages"])
    )
    run["selection_seconds"] = big
    run["small_selection_seconds"] = small
    run["hwm_after_selection_mb"] = status_kb(run["pid"], "VmHWM") / 1024
    return [
        Figure(
            f"app.select_5000_{key}",
            title or f"Select an entity with {info['big_passages']:,} mentions ({label})",
            statistics.median(big) * 1000,
            "ms",
            target=100.0,
            bound="max",
            note=f"median of {len(big)}, key sent to excerpts on screen (tmux polling); all: "
            f"{series(big, 0, 1000)} ms; an entity with {info['second_passages']} mentions: "
            f"{series(small, 0, 1000)} ms "
            f"(the terminal round trip); VmHWM after: {run['hwm_after_selection_mb']:.0f} MB",
        )
    ]


def measure_app(
    build_db: Path | None,
    dbs: list[tuple[Path, dict[str, Any], str, str]],
    build_label: str,
) -> tuple[list[Figure], dict[str, Any]]:
    """First paint and memory on the build's database (if any), then on each synthetic
    ``(db, info, label, key)``: first paint (unless the build's database stood for the one of
    similar size), memory, and selecting the entity with 5,000 mentions."""
    if shutil.which("tmux") is None:
        raise RuntimeError("tmux is not installed")
    details: dict[str, Any] = {}
    figures: list[Figure] = []
    compile_bytecode(ROOT / "src")
    tmux = Tmux()
    tmux.open(ROOT)
    try:
        if build_db is not None:
            real = first_paint(tmux, build_db)
            details["build_db"] = real
            figures += _paint_figures(real, build_label, "build")
            (top, top_count), (second, second_count) = _top_entities(build_db, 2)
            info = {"big_passages": top_count, "second_passages": second_count}
            title = f"Select the top entity, {top}: {top_count:,} passages ({build_label})"
            figures += _selection_figures(tmux, real, info, build_label, "build", title)
            real["selection_from"] = second
        for db, info, label, key in dbs:
            run = first_paint(tmux, db)
            if build_db is None or key != "similar":
                figures += _paint_figures(run, label, key)
            figures += _selection_figures(tmux, run, info, label, key)
            details[key] = {**info, **run}
    finally:
        tmux.close()
    return figures, details


def _paint_figures(run: dict[str, Any], label: str, key: str) -> list[Figure]:
    return [
        Figure(
            f"app.first_paint_{key}",
            f"App first paint ({label})",
            run["list_seconds"],
            "s",
            target=1.0,
            bound="max",
            note=f"process spawn to the entity list on screen (tmux); excerpts of the top "
            f"entity ({run['top_entity_passages']:,} passages) at {run['excerpts_seconds']:.2f} "
            f"s; idle at {run['idle_after_seconds']:.1f} s",
        ),
        Figure(
            f"app.rss_{key}",
            f"App peak RSS ({label})",
            run["hwm_mb"],
            "MB",
            target=200.0,
            bound="max",
            note="VmHWM once idle after start (fuzzy index warmed)",
        ),
    ]
