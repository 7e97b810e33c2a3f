"""The explorer at scale (issue 17, target 6): on a synthetic database of 1,000,000 passages
and 200,000 entities (``scaledb``), in a real terminal (tmux): first paint (≤ 1 s), selecting
the entity with 5,000 mentions (≤ 100 ms), full-text search (≤ 200 ms), each workbench view
opening (≤ 300 ms) and the app's peak memory (≤ 300 MB).

Run: ``.venv/bin/python -m bench.explorer_scale [--passages N] [--entities N] [--db PATH]``.
The views are named as in the command palette, each with its key if it has one
(``--views "Relations table=f3,Timeline=f4,Network=f5,Notes=f6,Frequencies=f7"``); a view
whose key changes nothing and whose name the palette does not offer is reported absent.
``--src DIR`` runs the app from another checkout's ``src`` (``PYTHONPATH``). The app's
modules are compiled to bytecode first (``bench.app.compile_bytecode``), as an installed copy is.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sqlite3
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.app import compile_bytecode, first_paint, selection
from bench.appdb import seed_paragraphs
from bench.procs import ROOT, run_python, status_kb, wait_idle
from bench.report import Figure, load_average, machine, series
from bench.scaledb import make_scale_db
from bench.tmux import Tmux
from filature.query import FullTextResult

VIEWS = "Relations table=f3,Timeline=f4,Network=f5,Notes=f6,Frequencies=f7"
TARGETS = {"first_paint_s": 1.0, "select_ms": 100.0, "search_ms": 200.0, "view_ms": 300.0}
TARGET_MB = 300.0
ABSENT_AFTER = 15.0
"""Seconds without any change on screen after a view's key: the view is absent."""
BUSY = ("reading…", "loading…", "Loading")
"""A screen showing one of these is still opening its view, however still it stays."""


def settle(tmux: Tmux, before: str, started: float, quiet: float = 1.0) -> tuple[float, str]:
    """Wait for the screen to differ from ``before`` then stay unchanged ``quiet`` seconds;
    the seconds from ``started`` to its last change and the settled screen."""
    changed = tmux.wait_for(lambda s: s != before, timeout=60)
    last, screen = changed, tmux.screen()
    while time.perf_counter() - last < quiet or any(b in screen for b in BUSY):
        now = tmux.screen()
        if now != screen:
            last, screen = time.perf_counter(), now
        if time.perf_counter() - started > 300:
            raise TimeoutError(f"the view never settled; last screen:\n{screen}")
        time.sleep(0.005)
    return last - started, screen


def search_words(seeds: Path) -> list[str]:
    """Three words of the passages: the most frequent, a middling one and a rare one (by the
    share of paragraphs they appear in), 6 letters or more."""
    paragraphs = seed_paragraphs(seeds)
    counts = Counter(
        w for p in paragraphs for w in {w.strip(".,;:«»()'’").lower() for w in p.split()}
    )
    words = [(n, w) for w, n in counts.items() if len(w) >= 6 and w.isalpha()]
    words.sort(reverse=True)
    return [words[0][1], words[len(words) // 20][1], words[len(words) // 2][1]]


def _status(result: FullTextResult) -> str:
    """The start of the find screen's status line for ``result``."""
    from filature.tui.screens.find import shown

    return shown(result) + " ·"


def full_text(tmux: Tmux, pid: int, db: Path, words: list[str]) -> list[dict[str, Any]]:
    """Each word searched (ctrl+f): typed with a letter too many (no passage matches), then
    that letter erased; from the key to the count of passages on screen."""
    from filature.query import full_text_search
    from filature.tui.screens.find import LIMIT

    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    runs = []
    try:
        for word in words:
            found = full_text_search(conn, word, LIMIT, prefix=True)
            nothing = full_text_search(conn, f"{word}q", LIMIT, prefix=True)
            assert not nothing.total, f"{word}q matches passages"
            tmux.keys("C-f")
            tmux.wait_for(lambda s: "Type words; every one must appear." in s)
            tmux.run("send-keys", "-t", "main", "-l", f"{word}q")
            tmux.wait_for(lambda s, m=nothing.message: m in s, timeout=300)
            wait_idle(pid, quiet=0.5, timeout=600)  # the searches of the prefixes typed end
            started = time.perf_counter()
            tmux.keys("BSpace")  # from no match to the word's passages: the screen must change
            status = _status(found)
            shown = tmux.wait_for(lambda s, t=status: t in s, timeout=300) - started
            runs.append({"word": word, "passages": found.count_text, "ms": shown * 1000})
            tmux.keys("Escape")
            tmux.wait_for(lambda s: "↓ to the results" not in s)
            wait_idle(pid, quiet=0.3)
    finally:
        conn.close()
    return runs


def open_view(tmux: Tmux, pid: int, name: str, key: str | None) -> dict[str, Any]:
    """Open one view by its key (else through the palette); its opening time, or absent."""
    home = tmux.screen()
    how = f"key {key}"
    started = time.perf_counter()
    if key:
        tmux.keys(key.upper())
        try:
            tmux.wait_for(lambda s: s != home, timeout=ABSENT_AFTER)
        except TimeoutError:
            key = None
    if not key:
        how = "palette"
        tmux.keys("C-p")
        tmux.wait_for(lambda s: s != home)
        tmux.run("send-keys", "-t", "main", "-l", name)
        try:
            tmux.wait_for(lambda s: s.count(name) >= 2, timeout=5)
        except TimeoutError:
            tmux.keys("Escape")
            tmux.wait_for(lambda s: s == home, timeout=10)
            return {"view": name, "absent": True}
        wait_idle(pid, quiet=0.3)
        home_palette = tmux.screen()
        started = time.perf_counter()
        tmux.keys("Enter")
        seconds, _ = settle(tmux, home_palette, started)
    else:
        seconds, _ = settle(tmux, home, started)
    result: dict[str, Any] = {"view": name, "absent": False, "how": how, "ms": seconds * 1000}
    for attempt in range(3):
        tmux.keys("Escape")
        try:
            tmux.wait_for(lambda s: s == home, timeout=30)
            break
        except TimeoutError:
            result["note"] = f"Escape pressed {attempt + 2} times to come back to the main screen"
    wait_idle(pid, quiet=0.3, timeout=600)
    return result


def measure(
    db: Path,
    info: dict[str, Any],
    views: list[tuple[str, str | None]],
    src: Path | None,
    search: bool = True,
) -> dict[str, Any]:
    """Every figure of the app on ``db`` (the searches unless ``search`` is False)."""
    compile_bytecode(src or ROOT / "src")
    tmux = Tmux()
    tmux.open(ROOT)
    prefix = f"env PYTHONPATH={shlex.quote(str(src))} " if src is not None else ""
    try:
        paint = first_paint(tmux, db, prefix=prefix)
        pid = paint["pid"]
        big, small = selection(tmux, pid, int(info["big_passages"]), int(info["second_passages"]))
        searches = full_text(tmux, pid, db, search_words(ROOT / "seeds")) if search else []
        opened = [open_view(tmux, pid, name, key) for name, key in views]
        hwm = status_kb(pid, "VmHWM") / 1024
    finally:
        tmux.close()
    return {
        "first_paint": paint,
        "select_big_ms": [s * 1000 for s in big],
        "select_small_ms": [s * 1000 for s in small],
        "searches": searches,
        "views": opened,
        "hwm_mb_end": hwm,
    }


def view_calls(conn: sqlite3.Connection) -> dict[str, Callable[[], object]]:
    """The read functions behind the workbench's views: what opening each costs (the first
    page of the relations table and of the corpus's timeline), and what is read after it."""
    from filature.query import table_pages as tp
    from filature.query.facets import frequencies
    from filature.query.network import neighbour_groups
    from filature.query.notes import read_notes
    from filature.query.tables import relation_type_counts
    from filature.query.timeline import timeline, timeline_counts, timeline_entries, timeline_order

    every = tp.TableQuery()
    return {
        "relation_type_counts (f3 type chooser)": lambda: relation_type_counts(conn),
        "relations table first page (200 rows, every type)": lambda: tp.table_rows(
            conn, tp.table_ids(conn, every, 200)
        ),
        "relations table: every row's id in order (after the first page)": lambda: tp.table_ids(
            conn, every
        ),
        "relations table: totals per source (after)": lambda: tp.table_totals(conn, every),
        "relations table first page sorted by date": lambda: tp.table_ids(
            conn, tp.TableQuery(sort="date"), 200
        ),
        "timeline(5,000-mention entity)": lambda: timeline(conn, 1),
        "corpus timeline first page (500) and year counts": lambda: (
            timeline_entries(conn, timeline_order(conn, None, 500)),
            timeline_counts(conn, None),
        ),
        "neighbour_groups(5,000-mention entity, 20) (f5)": lambda: neighbour_groups(
            conn, 1, cap=20
        ),
        "read_notes (f6)": lambda: read_notes(conn),
        "frequencies (f7)": lambda: frequencies(conn),
    }


def query_times(db: Path, words: list[str], rounds: int = 1) -> dict[str, float]:
    """Milliseconds (the best of ``rounds``) of the read functions behind each figure, in this
    process: what the database costs, apart from the terminal and the app."""
    from filature import query

    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    calls = {
        "list_entities(first 200)": lambda: query.list_entities(conn, None, 200),
        "count_excerpts(5,000-mention entity)": lambda: query.count_excerpts(conn, 1),
        "excerpts_for_entity(5,000-mention entity, first page)": lambda: query.excerpts_for_entity(
            conn, 1
        ),
        "relations_of(5,000-mention entity)": lambda: query.relations_of(conn, 1),
        **view_calls(conn),
        **{
            f"full_text_search('{w}', 200, prefix)": (
                lambda w=w: query.full_text_search(conn, w, 200, prefix=True)
            )
            for w in words
        },
    }
    times: dict[str, float] = {}
    try:
        for name, call in calls.items():
            best = float("inf")
            for _ in range(rounds):
                started = time.perf_counter()
                call()
                best = min(best, time.perf_counter() - started)
            times[name] = best * 1000
    finally:
        conn.close()
    return times


def summary(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, value, target, met) rows."""
    app = results["app"]
    paint = app["first_paint"]["list_seconds"]
    select = statistics.median(app["select_big_ms"])
    rows = [
        ("first paint (spawn to the entity list)", f"{paint:.2f} s", "≤ 1 s", paint <= 1.0),
        ("the app's CPU time by first paint (what the load does not change)",
         f"{app['first_paint'].get('list_cpu_seconds', float('nan')):.2f} s", "", None),
        ("select the entity with 5,000 mentions (median of 5)", f"{select:.0f} ms", "≤ 100 ms",
         select <= 100),
    ]  # fmt: skip
    for run in app["searches"]:
        rows.append(
            (f"full-text search '{run['word']}' ({run['passages']})",
             f"{run['ms']:.0f} ms", "≤ 200 ms", run["ms"] <= 200)
        )  # fmt: skip
    for view in app["views"]:
        if view["absent"]:
            rows.append((f"open {view['view']}", "absent", "≤ 300 ms", None))
        else:
            rows.append(
                (f"open {view['view']} ({view['how']})", f"{view['ms']:.0f} ms", "≤ 300 ms",
                 view["ms"] <= 300)
            )  # fmt: skip
    hwm = app["hwm_mb_end"]
    rows.append(("app peak memory (VmHWM, at the end)", f"{hwm:.0f} MB", "≤ 300 MB", hwm <= 300))
    return [(a, b, c, "—" if d is None else "yes" if d else "NO") for a, b, c, d in rows]


def _views(text: str) -> list[tuple[str, str | None]]:
    out = []
    for item in filter(None, (i.strip() for i in text.split(","))):
        name, _, key = item.partition("=")
        out.append((name.strip(), key.strip() or None))
    return out


def scale_figures(results: dict[str, Any]) -> list[Figure]:
    """One figure per target: first paint, selection, the slowest search, the slowest view
    opening, peak memory."""
    app, db = results["app"], results["database"]
    scale = f"{db.get('passages', '?'):,} passages, {db.get('entities', '?'):,} entities"
    paint = app["first_paint"]
    figures = [
        Figure(
            "scale.first_paint",
            f"Explorer first paint ({scale})",
            paint["list_seconds"],
            "s",
            target=TARGETS["first_paint_s"],
            bound="max",
            note=f"spawn to the entity list, in tmux; the app's CPU by then "
            f"{paint.get('list_cpu_seconds', float('nan')):.2f} s",
        ),
        Figure(
            "scale.select",
            "Explorer: select the entity with 5,000 mentions (median)",
            statistics.median(app["select_big_ms"]),
            "ms",
            target=TARGETS["select_ms"],
            bound="max",
            note="key to its excerpts on screen: " + series(app["select_big_ms"], 0) + " ms",
        ),
    ]
    if app["searches"]:
        figures.append(
            Figure(
                "scale.search",
                "Explorer: full-text search, slowest of three words",
                max(r["ms"] for r in app["searches"]),
                "ms",
                target=TARGETS["search_ms"],
                bound="max",
                note="; ".join(
                    f"'{r['word']}' ({r['passages']}) {r['ms']:.0f} ms" for r in app["searches"]
                ),
            )
        )
    opened = [v for v in app["views"] if not v["absent"]]
    absent = [v["view"] for v in app["views"] if v["absent"]]
    if opened:
        figures.append(
            Figure(
                "scale.views",
                "Explorer: opening a workbench view, slowest",
                max(v["ms"] for v in opened),
                "ms",
                target=TARGETS["view_ms"],
                bound="max",
                note="; ".join(f"{v['view']} ({v['how']}) {v['ms']:.0f} ms" for v in opened)
                + (f"; absent: {', '.join(absent)}" if absent else ""),
            )
        )
    figures.append(
        Figure(
            "scale.memory",
            "Explorer peak memory (VmHWM at the end)",
            app["hwm_mb_end"],
            "MB",
            target=TARGET_MB,
            bound="max",
        )
    )
    return figures


def measure_explorer_scale(
    work: Path, passages: int, entities: int, relations: int, views: str = VIEWS
) -> tuple[list[Figure], dict[str, Any]]:
    """The synthetic database written in ``work`` and the app measured, in a child process."""
    work.mkdir(parents=True, exist_ok=True)
    run, results = run_python(
        "bench.explorer_scale",
        "--passages",
        str(passages),
        "--entities",
        str(entities),
        "--relations",
        str(relations),
        "--db",
        str(work / "scale.db"),
        "--views",
        views,
        timeout=4 * 3600,
    )
    results["process_seconds"] = run.seconds
    return scale_figures(results), results


def main(argv: list[str] | None = None) -> None:
    """Make (or reuse) the database, measure the app, print and write the results as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--entities", type=int, default=200_000)
    parser.add_argument("--relations", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/filature-scale.db"))
    parser.add_argument("--reuse", action="store_true", help="Use --db as it is (made before).")
    parser.add_argument("--views", default=VIEWS)
    parser.add_argument("--src", type=Path, help="Run the app from this checkout's src.")
    parser.add_argument("--no-search", action="store_true", help="Leave the searches out.")
    parser.add_argument("--out", "--json", type=Path)
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"machine": machine(), "load_before": load_average()}
    if args.reuse:
        info_path = args.db.with_suffix(".json")
        info = json.loads(info_path.read_text(encoding="utf-8"))
    else:
        info = make_scale_db(
            args.db, ROOT / "seeds", args.passages, args.entities - 2, args.relations
        )
        args.db.with_suffix(".json").write_text(json.dumps(info), encoding="utf-8")
    results["database"] = info
    results["app"] = measure(args.db, info, _views(args.views), args.src, not args.no_search)
    results["src"] = str(args.src or ROOT / "src")
    results["queries_ms"] = query_times(args.db, search_words(ROOT / "seeds"))
    results["load_after"] = load_average()
    results["summary"] = summary(results)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
