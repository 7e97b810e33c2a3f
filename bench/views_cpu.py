"""The workbench's views opened in one process, headless (Textual's ``App.run_test``): the CPU
time (every thread of the process) and the wall-clock time from the key to the view drawn
with its first rows, per view, and optionally a cProfile of one opening. What the code costs
apart from the terminal, measurable on a loaded machine (CPU time does not count the waiting).

Run: ``.venv/bin/python -m bench.views_cpu --db PATH [--rounds 3] [--profile f5]``; with
``PYTHONPATH=OTHER/src`` it measures another checkout. The views, from the main screen with
the first entity of the list selected: f3 (relations table), Enter in it (evidence), f4
(the entity's timeline), a in it (the corpus's), f5 (network), f6 (notes), f7 (frequencies),
and an empty screen pushed and drawn (what any screen costs).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen

from bench.report import load_average, machine
from filature.tui.app import FilatureApp, make_app

Ready = Callable[[FilatureApp], bool]
TIMEOUT = 60.0
"""Seconds a view may take to open before the run stops."""
VIEWS = ("f3", "enter", "f4", "a", "f5", "f6", "f7", "empty")
NAMES = {
    "f3": "relations table (f3): first page drawn",
    "enter": "evidence (Enter in the table)",
    "f4": "timeline of the entity (f4)",
    "a": "timeline of the corpus (a in the timeline)",
    "f5": "network (f5)",
    "f6": "notes (f6)",
    "f7": "frequencies (f7)",
    "empty": "an empty screen (reference)",
}


def _screen(app: FilatureApp) -> str:
    return type(app.screen).__name__


def _table_ready(app: FilatureApp) -> bool:
    screen: Any = app.screen
    return _screen(app) == "RelationsTableScreen" and not screen.reading and bool(screen.shown)


def _timeline_ready(corpus: bool) -> Ready:
    def ready(app: FilatureApp) -> bool:
        screen: Any = app.screen
        return (
            _screen(app) == "TimelineScreen"
            and screen.corpus == corpus
            and bool(screen.entries)
            and screen.entries is not getattr(app, "_bench_entries", None)
        )

    return ready


def _mounted(name: str) -> Ready:
    return lambda app: _screen(app) == name and app.screen.is_mounted


READY: dict[str, Ready] = {
    "f3": _table_ready,
    "enter": _mounted("EvidenceScreen"),
    "f4": _timeline_ready(False),
    "a": _timeline_ready(True),
    "f5": _mounted("NetworkScreen"),
    "f6": _mounted("NotesScreen"),
    "f7": _mounted("FrequenciesScreen"),
    "empty": _mounted("Screen"),
}


async def _drawn(pilot: Pilot[None]) -> None:
    """Wait for the messages queued to be handled and the screen to be drawn."""
    await pilot._wait_for_screen()
    pilot.app.screen._on_timer_update()
    await pilot._wait_for_screen()


async def _idle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _open(
    pilot: Pilot[None], view: str, profile: cProfile.Profile | None
) -> tuple[float, float, float]:
    """Open ``view``: (CPU seconds of the process, of the event loop's thread alone, wall
    seconds) from the key to its first rows drawn."""
    app: Any = pilot.app
    app._bench_entries = getattr(app.screen, "entries", None)
    cpu, ui, wall = time.process_time(), time.thread_time(), time.perf_counter()
    if profile is not None:
        profile.enable()
    if view == "empty":
        app.push_screen(Screen())
    else:
        await pilot.press(view)
    deadline = time.perf_counter() + TIMEOUT
    while not READY[view](app):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{view}: not open after {TIMEOUT} s (screen {_screen(app)})")
        await asyncio.sleep(0.001)
    await _drawn(pilot)
    if profile is not None:
        profile.disable()
    return time.process_time() - cpu, time.thread_time() - ui, time.perf_counter() - wall


async def _back(pilot: Pilot[None], times: int = 1) -> None:
    for _ in range(times):
        await _idle(pilot)
        await pilot.press("escape")
    await _idle(pilot)


async def measure(
    db: Path, views: list[str], rounds: int, profile_view: str | None, size: tuple[int, int]
) -> tuple[dict[str, list[tuple[float, float, float]]], cProfile.Profile | None]:
    """Each view opened ``rounds`` times: {view: [(cpu, wall), …]}, and the profile of the
    first opening of ``profile_view``."""
    app = make_app(db, system_clipboard=False)
    times: dict[str, list[tuple[float, float, float]]] = {v: [] for v in views}
    profile = None
    async with app.run_test(size=size) as pilot:
        await _idle(pilot)
        for _ in range(rounds):
            for view in views:
                if view in ("enter", "a"):
                    continue
                chain = [view] + [v for v in ("enter",) if view == "f3" and v in views]
                chain += [v for v in ("a",) if view == "f4" and v in views]
                for step in chain:
                    await _idle(pilot)
                    wanted = step == profile_view and profile is None
                    run = cProfile.Profile() if wanted else None
                    times[step].append(await _open(pilot, step, run))
                    profile = run or profile
                await _back(pilot, 2 if "enter" in chain else 1)
    return times, profile


def main() -> None:
    """Measure, print a table and optionally write JSON and a profile."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--views", default=",".join(VIEWS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", help="The view to profile (its first opening).")
    parser.add_argument("--profile-out", type=Path, help="Write the profile's stats here.")
    parser.add_argument("--size", default="160x48")
    parser.add_argument("--out", type=Path, help="Write the figures as JSON here.")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    load_before = load_average()
    views = [v.strip() for v in args.views.split(",") if v.strip()]
    times, profile = asyncio.run(
        measure(args.db, views, args.rounds, args.profile, (width, height))
    )
    load_after = load_average()
    print(f"load average {load_before} -> {load_after}")
    print(
        f"{'view (ms)':<46} {'CPU median':>10} {'min':>5} {'UI thread':>9} {'min':>5} {'wall':>6}"
    )
    for view, runs in times.items():
        if not runs:
            continue
        cpu, ui, wall = ([r[i] * 1000 for r in runs] for i in range(3))
        print(
            f"{NAMES[view]:<46} {statistics.median(cpu):>10.0f} {min(cpu):>5.0f}"
            f" {statistics.median(ui):>9.0f} {min(ui):>5.0f} {statistics.median(wall):>6.0f}"
        )
    if args.out is not None:
        result = {
            "machine": machine(),
            "load_before": load_before,
            "load_after": load_after,
            "db": str(args.db),
            "size": args.size,
            "cpu_wall_seconds": times,
        }
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if profile is not None:
        stats = pstats.Stats(profile)
        if args.profile_out is not None:
            stats.dump_stats(str(args.profile_out))
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
