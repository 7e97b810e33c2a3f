"""The explorer with other processes around (issue 12, sections 2 and 3): decisions made in
another process and rebuilds appear in it, a full disk and a database locked by another
process are notifications while it keeps running, and nothing is lost or half-written."""

from __future__ import annotations

import shlex
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from curationkit import Copy, curatable_copy, exclusive_lock_held
from filature.build import build
from filature.curation.edit import append_entry
from filature.curation.steps import new_entry
from filature.tui.app import FilatureApp, make_app
from filature.tui.screens.prompts import TextPrompt
from filature.tui.widgets.entity_header import EntityHeader
from filature.tui.widgets.entity_list import EntityList
from reliability import Tmux, app_command, small_tmpfs

pytestmark = pytest.mark.anyio
WORKER = Path(__file__).with_name("curation_worker.py")


@pytest.fixture()
def copy(seed_db: Path, tmp_path: Path) -> Copy:
    return curatable_copy(seed_db, tmp_path)


def listed(app: FilatureApp) -> set[str]:
    return {row.name for row in app.main.query_one(EntityList).rows}


def said(app: FilatureApp, text: str) -> bool:
    return any(text in n.message for n in app._notifications)


def top_entity(copy: Copy) -> str:
    return str(copy.rows("SELECT name FROM entities ORDER BY mention_count DESC LIMIT 1")[0][0])


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot: Pilot[None], check: Callable[[], bool], what: str) -> None:
    """Let the app run until ``check`` holds (the app polls once a second; 30 s at most)."""
    for _ in range(300):
        if check():
            return
        await pilot.pause(0.1)
    raise AssertionError(f"never happened: {what}")


async def rename(pilot: Pilot[None], app: FilatureApp, name: str) -> None:
    """Rename the selected entity through the explorer's rename prompt."""
    app.main.curator.rename(app.main.entity_id)
    await settle(pilot)
    assert isinstance(app.screen, TextPrompt)
    app.screen.query_one(Input).value = name
    await pilot.press("enter")
    await settle(pilot)


async def test_decisions_made_in_another_process_appear(copy: Copy) -> None:
    name = top_entity(copy)
    app = make_app(copy.db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert name in listed(app)
        go = copy.seeds / "go"
        go.touch()
        done = subprocess.run(
            [sys.executable, str(WORKER), str(copy.db), str(go), "rename", name],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.stdout.strip() == "ok", done.stderr
        await until(pilot, lambda: f"{name} (renamed)" in listed(app), "the rename shown")
        assert name not in listed(app)
        assert said(app, "changed elsewhere")
        # And this app's own decision still goes in after the other one.
        await rename(pilot, app, "Renamed here")
        assert said(app, "Done")
        assert app.is_running
    assert copy.entity("Renamed here") is not None


async def test_an_explorer_opened_on_a_file_ahead_of_its_database_applies_it(copy: Copy) -> None:
    name = top_entity(copy)
    append_entry(copy.curation, new_entry("rename", name=name, to="Written before a kill"))
    app = make_app(copy.db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert "Written before a kill" in listed(app)
        assert said(app, "applied again")


async def test_a_rebuild_is_followed_and_decisions_go_to_the_new_database(copy: Copy) -> None:
    name = top_entity(copy)
    other = copy.seeds.parent / "other.toml"
    other.write_text(f'[[rename]]\nname = "{name}"\nto = "Named by the rebuild"\n', "utf-8")
    app = make_app(copy.db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert name in listed(app)
        build(copy.seeds, copy.db, curation=other)
        await until(pilot, lambda: "Named by the rebuild" in listed(app), "the new database shown")
        assert said(app, "rebuilt")
        app.main.show_entity(app.main.query_one(EntityList).rows[0].id)
        await rename(pilot, app, "Renamed after the rebuild")
        card = app.main.query_one(EntityHeader).card
        assert card is not None and card.name == "Renamed after the rebuild"
        assert "Renamed after the rebuild" in listed(app)
    assert copy.entity("Renamed after the rebuild") is not None
    assert "Renamed after the rebuild" in other.read_text("utf-8")


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs mounted for the test (skipped where mounting is not permitted)."""
    with small_tmpfs(tmp_path / "disk", "4m") as point:
        yield point


def fill(folder: Path) -> None:
    """Fill the filesystem of ``folder`` to the last byte."""
    with open(folder / "filler", "wb", buffering=0) as handle:
        for size in (65536, 1):
            try:
                while handle.write(b"\0" * size):
                    pass
            except OSError:
                pass


async def test_a_full_disk_is_a_notification_and_loses_nothing(
    copy: Copy, small_disk: Path
) -> None:
    full = Copy(small_disk / "db" / "filature.db", small_disk / "seeds")
    shutil.copytree(copy.seeds, full.seeds)
    full.db.parent.mkdir()
    shutil.copyfile(copy.db, full.db)
    with sqlite3.connect(full.db) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'db_path'", (str(full.db),))
        conn.execute("UPDATE meta SET value = ? WHERE key = 'curation_path'", (str(full.curation),))
    conn.close()
    app = make_app(full.db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        text, before = full.curation.read_bytes(), full.tables()
        fill(small_disk)
        await rename(pilot, app, "Never written")
        assert said(app, "Disk full")
        assert app.is_running
        assert full.curation.read_bytes() == text
        assert full.tables() == before
        assert not list(full.seeds.glob(".curation.toml.tmp-*"))
        (small_disk / "filler").unlink()
        await rename(pilot, app, "Written once there is room")
        assert said(app, "Done")
    assert full.entity("Written once there is room") is not None


async def test_a_database_locked_by_another_process_is_a_notification(copy: Copy) -> None:
    text, before = copy.curation.read_bytes(), copy.tables()
    app = make_app(copy.db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        with exclusive_lock_held(copy.db):
            await pilot.press("down")
            await settle(pilot)
            assert app.is_running
            assert said(app, "busy")
            app.main.reload({})  # the reload a decision ends with
            await settle(pilot)
            assert app.is_running
        await until(pilot, lambda: said(app, "free again"), "the views reloaded")
        await until(pilot, lambda: len(listed(app)) > 100, "the entities listed again")
        await pilot.press("down")
        await settle(pilot)
        assert app.main.query_one(EntityHeader).card is not None
        assert app.is_running
    assert copy.curation.read_bytes() == text
    assert copy.tables() == before


def test_two_explorers_in_a_terminal_both_show_decisions_made_elsewhere(
    copy: Copy, tmux: Tmux
) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    name = top_entity(copy)
    tmux.start(app_command(copy.db))
    tmux.run("new-window", "-d", "-t", "main", "-n", "second", shlex.join(app_command(copy.db)))
    for target in ("main", "main:second"):
        tmux.wait(lambda t=target: name in tmux.screen(t), f"{name} listed in {target}")
    go = copy.seeds / "go"
    go.touch()
    first, second = [
        str(n)
        for (n,) in copy.rows(
            "SELECT name FROM entities WHERE type = 'person' ORDER BY mention_count DESC LIMIT 2"
        )
    ]
    for kind, names in (("rename", [name]), ("merge", [first, second])):
        done = subprocess.run(
            [sys.executable, str(WORKER), str(copy.db), str(go), kind, *names],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.stdout.strip() == "ok", done.stderr
    for target in ("main", "main:second"):
        tmux.wait(
            lambda t=target: f"{name} (renamed)" in tmux.screen(t),
            f"the rename shown in {target}",
        )
        assert not tmux.dead()
    assert copy.entity(first) is None and first in copy.aliases(second)
