"""Item 8: 2,000 keys in quick succession, a resize storm, and searches whose answers arrive
out of order: no error, and the results shown are always those of the last query."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.geometry import Size
from textual.pilot import Pilot
from textual.widgets import Input, Static

from dbfactory import write_sample
from filature import query
from filature.tui.app import FilatureApp, make_app
from filature.tui.catalog import Catalog
from filature.tui.screens.find import FindScreen
from filature.tui.screens.jump import JumpScreen
from filature.tui.widgets.excerpt_list import ExcerptList
from reliability import screen_text

pytestmark = pytest.mark.anyio

# Every key the app binds or types, but the one that quits.
KEYS = [
    *"abcdefghijklmnopqrstuvwxyzCT0123456789/?",
    *["ctrl+e", "ctrl+u", "ctrl+c", "alt+t", "delete", "f1"],
    *["up", "down", "left", "right", "pageup", "pagedown", "home", "end", "enter", "escape"],
    *["tab", "shift+tab", "backspace", "space", "ctrl+k", "ctrl+f", "ctrl+p", "f1", "ctrl+t"],
    *["alt+left", "alt+right", "c", "C", "j", "k", "n", "p", "g", "G"],
]


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "sample.db")


async def flood(pilot: Pilot[None], keys: list[str]) -> None:
    """Queue key events as fast as a terminal would deliver them, without waiting."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        char = key if len(key) == 1 else " " if key == "space" else None
        driver.send_message(events.Key(key, char))


def alive(app: FilatureApp) -> None:
    assert app.is_running and app.return_code is None
    assert app._exception is None
    assert "Entities" in screen_text(app) or app.screen is not app.main


async def test_two_thousand_keys_in_quick_succession(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a dossier or export the keys ask for is written here
    seed = int(os.environ.get("FILATURE_KEY_SEED", random.randrange(1_000_000)))
    chance = random.Random(seed)
    keys = [chance.choice(KEYS) for _ in range(2000)]
    print(f"FILATURE_KEY_SEED={seed} replays these keys")  # shown if the test fails or hangs
    app = make_app(db, system_clipboard=False)
    quits: list[int] = []
    # Typing into the command palette then Enter can pick its "Quit" command: a clean exit
    # asked for, not a crash; it is recorded and the flood goes on.
    app.action_quit = lambda: quits.append(1)  # type: ignore[method-assign,assignment,misc]
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        for start in range(0, len(keys), 200):
            await flood(pilot, keys[start : start + 200])
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert app.is_running, f"seed {seed}: stopped after key {start + 200}"
        await pilot.pause()
        alive(app)
        for _ in range(20):
            if app.screen is app.main:
                break
            await pilot.press("escape")
        assert app.screen is app.main, f"seed {seed}: Escape does not close {app.screen!r}"
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+k", *"meng")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause(0.3)
        card = app.main.query_one("#header").card  # type: ignore[attr-defined]
        assert card is not None and card.name == "Meng Hongwei", f"seed {seed}"


async def test_a_resize_storm(db: Path) -> None:
    chance = random.Random(7)
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        driver = app._driver
        assert driver is not None
        for burst in range(12):
            for _ in range(40):  # a window dragged: many sizes before the app can draw one
                size = Size(chance.randint(10, 260), chance.randint(4, 90))
                driver._size = size
                app.post_message(events.Resize(size, size))
            await pilot.pause()
            await pilot.press(["ctrl+k", "ctrl+f", "f1", "escape", "down", "pagedown"][burst % 6])
        await pilot.press("escape", "escape", "escape")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        alive(app)
        assert "Entities" in screen_text(app)


class OutOfOrder:
    """Answers arrive in reverse order: the shorter the query, the later its answer."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.fuzzy_real = catalog.fuzzy
        self.full_text_real = catalog.full_text

    def delay(self, text: str) -> None:
        time.sleep(max(0.0, 0.5 - 0.1 * len(text)))

    def fuzzy(self, text: str, limit: int = 30) -> list[query.FuzzyHit]:
        hits = self.fuzzy_real(text, limit)
        self.delay(text)
        return hits

    def full_text(self, text: str, limit: int = 100) -> query.FullTextResult:
        result = self.full_text_real(text, limit)
        self.delay(text)
        return result


async def test_stale_results_never_overwrite_newer_ones(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(db, system_clipboard=False)
    slow = OutOfOrder(app.catalog)
    monkeypatch.setattr(app.catalog, "fuzzy", slow.fuzzy)
    monkeypatch.setattr(app.catalog, "full_text", slow.full_text)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        for typed in ("x", "ah", "ahm", "ahmed", "ahmed n", "ahmed naser"):
            await pilot.press("ctrl+k")
            jump = app.screen
            assert isinstance(jump, JumpScreen)
            box = jump.query_one("#jump-input", Input)
            for end in range(1, len(typed) + 1):
                box.value = typed[:end]  # each change starts a search; none is awaited
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            expected = slow.fuzzy_real(typed, 30)
            assert [h.id for h in jump.hits] == [h.id for h in expected], typed
            status = str(jump.query_one("#jump-status", Static).render())
            assert status.startswith(f"{len(expected)} match") or not expected, status
            await pilot.press("escape")
        await pilot.press("ctrl+f")
        find = app.screen
        assert isinstance(find, FindScreen)
        box = find.query_one("#find-input", Input)
        for typed in ("s", "se", "sec", "secu", "securite", "securite publique", "milipol"):
            box.value = typed
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        expected_text = slow.full_text_real("milipol", 200)
        assert [h.passage_id for h in find.result.hits] == [
            h.passage_id for h in expected_text.hits
        ]
        shown = [str(find.query_one(ExcerptList).get_option_at_index(0).prompt)]
        assert "Milipol" in shown[0]


async def test_theme_choosers_never_pile_up(db: Path) -> None:
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(3):  # the palette's "Theme" picked by three queued Enters
            app.call_later(app.action_change_theme)
        await pilot.pause()
        choosers = [s for s in app.screen_stack if isinstance(s, CommandPalette)]
        assert len(choosers) == 1


async def test_keys_queued_behind_the_escape_that_closes_find_do_nothing(db: Path) -> None:
    """The key flood once sent "down" to the find screen after Escape had removed its widgets:
    the screen's bindings must then do nothing rather than fail."""
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+f", *"meng")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, FindScreen) and screen.query_one(ExcerptList).excerpts
        await screen.query_one("#find-box").remove()  # what closing the screen does first
        screen.action_focus_hits()
        screen.action_copy_excerpt()
        await pilot.pause()
        alive(app)
