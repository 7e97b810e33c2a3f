"""Item 5: interrupted and concurrent builds. kill -9 and Ctrl-C at random points of a real
build (from the analysis cache, so the kills land in reading, merging and writing), a rebuild
under a running app, and a stale WAL beside the target. (The kills during the analysis and
the second concurrent build are in tests/test_build_process.py.)"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import SEEDS
from textual.widgets import Input

from dbfactory import write_sample
from filature.query import full_text_search, fuzzy_search, list_entities
from filature.store.connect import open_readonly
from filature.tui.app import make_app
from filature.tui.screens.find import FindScreen
from filature.tui.screens.jump import JumpScreen
from filature.tui.widgets.entity_list import EntityList
from reliability import start_build

pytestmark = pytest.mark.slow

TABLES = ("documents", "passages", "entities", "aliases", "mentions", "relations", "evidence")


def snapshot(db: Path) -> dict[str, object]:
    """Integrity, row counts and a digest of the entities of a database."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        found: dict[str, object] = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES
        }
        found["names"] = conn.execute("SELECT group_concat(name, '|') FROM entities").fetchone()
        return found
    finally:
        conn.close()


def with_seed_cache(seed_db: Path, db: Path) -> None:
    """Put the analysis cache of the seeds beside ``db``: a rebuild then skips the NLP."""
    shutil.copyfile(seed_db.with_name(seed_db.name + ".cache"), db.with_name(db.name + ".cache"))


def leftovers(folder: Path, db: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{db.name}.tmp"))


def test_kill_9_and_ctrl_c_at_random_points_keep_the_previous_database(
    seed_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "filature.db"
    write_sample(db)
    with_seed_cache(seed_db, db)
    pristine = tmp_path / "pristine.db"
    shutil.copyfile(db, pristine)
    before = snapshot(db)
    timing = tmp_path / "timing.db"
    with_seed_cache(seed_db, timing)
    assert start_build(timing).wait(timeout=600) == 0  # brings the cache up to date
    shutil.copyfile(timing.with_name("timing.db.cache"), db.with_name("filature.db.cache"))
    started = time.perf_counter()
    assert start_build(timing).wait(timeout=600) == 0
    duration = time.perf_counter() - started
    seed = int(os.environ.get("FILATURE_KILL_SEED", time.time_ns() % 100_000))
    chance = random.Random(seed)
    # kill -9 anywhere; Ctrl-C once the command has started (Python prints a traceback for a
    # Ctrl-C while it is still importing, before filature's handler exists).
    kills = [(chance.uniform(0.05, duration), signal.SIGKILL) for _ in range(4)]
    interrupts = [(chance.uniform(duration / 2, duration), signal.SIGINT) for _ in range(2)]
    points = sorted(kills + interrupts)
    new = snapshot(timing)
    swaps_missed = 0
    for delay, how in points:
        proc = start_build(db)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, how)
        _, stderr = proc.communicate(timeout=600)
        assert b"Traceback" not in stderr, (seed, delay, stderr.decode())
        # Killed before the swap: the previous database; after it (or done): the new one.
        now = snapshot(db)
        assert now in (before, new), f"seed {seed}: a mix after {how.name} at {delay:.2f}s"
        if proc.returncode != 0 and how == signal.SIGINT:
            assert proc.returncode in (130, -signal.SIGINT), stderr.decode()
        if now == new:
            shutil.copyfile(pristine, db)
        else:
            swaps_missed += 1
    assert swaps_missed, "no kill landed before the swap"
    assert start_build(db).wait(timeout=600) == 0
    assert snapshot(db) == new
    assert leftovers(tmp_path, db) == []


def test_a_rebuild_under_a_running_app_is_reloaded_whole(seed_db: Path, tmp_path: Path) -> None:
    import anyio

    db = write_sample(tmp_path / "filature.db")
    old = tmp_path / "old-copy.db"
    shutil.copyfile(db, old)
    with_seed_cache(seed_db, db)
    queries = ("interpol", "pekin", "securite publique", "xi jinping", "milipol", "chine")

    View = tuple[list[str], list[list[tuple[int, str]]], list[list[tuple[int, str]]]]

    def expected(path: Path) -> View:
        conn = open_readonly(path)
        names = [r.name for r in list_entities(conn)]
        fuzzy = [[(h.id, h.name) for h in fuzzy_search(conn, q, limit=30)] for q in queries]
        found = [
            [(h.passage_id, h.text) for h in full_text_search(conn, q, 200, prefix=True).hits]
            for q in queries
        ]
        conn.close()
        return names, fuzzy, found

    async def browse(rebuild: bool) -> View:
        app = make_app(db, system_clipboard=False)
        async with app.run_test(size=(140, 40)) as pilot:
            await app.workers.wait_for_complete()
            if rebuild:
                done = await anyio.to_thread.run_sync(
                    lambda: subprocess.run(
                        [sys.executable, "-m", "filature", "build", str(SEEDS), "--db", str(db)],
                        capture_output=True,
                        timeout=600,
                        check=False,
                    )
                )
                assert done.returncode == 0, done.stderr.decode()
                # The app notices the new file (it checks once a second) and reloads it whole.
                for _ in range(300):
                    if any("rebuilt" in n.message for n in app._notifications):
                        break
                    await pilot.pause(0.1)
                await app.workers.wait_for_complete()
                await pilot.pause()
            names = [r.name for r in app.main.query_one(EntityList).rows]
            fuzzy: list[list[tuple[int, str]]] = []
            await pilot.press("ctrl+k")
            jump = app.screen
            assert isinstance(jump, JumpScreen)
            for q in queries:
                jump.query_one("#jump-input", Input).value = q
                await app.workers.wait_for_complete()
                await pilot.pause()
                fuzzy.append([(h.id, h.name) for h in jump.hits])
            await pilot.press("escape", "ctrl+f")
            find = app.screen
            assert isinstance(find, FindScreen)
            found: list[list[tuple[int, str]]] = []
            for q in queries:
                find.query_one("#find-input", Input).value = q
                await app.workers.wait_for_complete()
                await pilot.pause()
                found.append([(h.passage_id, h.text) for h in find.result.hits])
            return names, fuzzy, found

    assert anyio.run(browse, True) == expected(db)  # rebuilt while open: all new once noticed
    assert expected(db) != expected(old)
    assert anyio.run(browse, False) == expected(db)  # opened after: all new


def test_a_stale_wal_beside_the_target_leaks_nothing(seed_db: Path, tmp_path: Path) -> None:
    db = write_sample(tmp_path / "filature.db")
    with_seed_cache(seed_db, db)
    # Another process writes to the database in WAL mode and dies before any checkpoint.
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        "c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute(\"INSERT INTO meta VALUES ('leaked', 'from the old WAL')\")\n"
        "c.execute(\"UPDATE entities SET name = 'LEAKED ' || name\")\n"
        "c.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)
    wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
    assert wal.stat().st_size > 0 and shm.exists()
    probe = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert probe.execute("SELECT value FROM meta WHERE key = 'leaked'").fetchone() is not None
    probe.close()  # the WAL really holds data that a careless swap would replay
    done = subprocess.run(
        [sys.executable, "-m", "filature", "build", str(SEEDS), "--db", str(db)],
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert not wal.exists() and not shm.exists()
    conn = open_readonly(db)
    assert conn.execute("SELECT value FROM meta WHERE key = 'leaked'").fetchone() is None
    leaked = conn.execute("SELECT count(*) FROM entities WHERE name LIKE 'LEAKED%'").fetchone()
    assert leaked[0] == 0
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    counts = snapshot(db)
    assert counts["documents"] == len(list(SEEDS.glob("*.txt"))) and counts["relations"]
