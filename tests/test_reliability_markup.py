"""Item 1: names, titles, paths and passages that look like Textual markup or actions appear
literally in every view, crash nothing, and clicking them runs nothing and writes no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.screen import Screen

from dbfactory import DbBuilder
from filature.tui.app import FilatureApp, make_app
from filature.tui.screens.document import DocumentScreen
from filature.tui.screens.find import FindScreen
from filature.tui.screens.help import HelpScreen
from filature.tui.screens.jump import JumpScreen
from filature.tui.widgets.excerpt_list import ExcerptList
from reliability import MARKUP, raw_controls, screen_text

pytestmark = pytest.mark.anyio

NAMES = tuple(f"E{i} {m}" for i, m in enumerate(MARKUP))
TITLE = "Titre [@click=app.quit]q[/]"
PATH = "doc [/] [$accent]x.txt"
ROLE = "[type=x, v={'a[0]'}]"


def markup_db(path: Path) -> Path:
    b = DbBuilder()
    ids = b.document(
        PATH, TITLE, [("body", f"Le balisage {name} cité dans le rapport.") for name in NAMES]
    )
    entities = [b.entity(name, "person", (f"alias {name}",)) for name in NAMES]
    for number, entity in enumerate(entities[1:], start=1):
        b.relation(
            entities[0],
            entity,
            "member_of",
            role=ROLE,
            date="[/]",
            evidence=((ids[number], NAMES[number]),),
        )
    return b.write(path)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def click_every(pilot: Pilot[None], needles: tuple[str, ...]) -> int:
    """Click the first character of every occurrence of each needle on the screen."""
    clicks = 0
    for y, line in enumerate(screen_text(pilot.app).splitlines()):
        for needle in needles:
            start = line.find(needle)
            while start >= 0:
                await pilot.click(offset=(cell_len(line[:start]) + 1, y))
                await settle(pilot)
                clicks += 1
                start = line.find(needle, start + 1)
    return clicks


def top(app: FilatureApp) -> Screen[object]:
    """The screen on top (a function, so that each check reads it afresh)."""
    return app.screen


def shows_all(app: FilatureApp, texts: tuple[str, ...]) -> None:
    screen = screen_text(app)
    missing = [t for t in texts if t not in screen]
    assert not missing, f"not shown literally: {missing}\n{screen}"
    assert not raw_controls(app)


def assert_alive(app: FilatureApp, folder: Path) -> None:
    assert app.is_running and app.return_code is None
    assert list(folder.iterdir()) == [], "an action wrote a file"


@pytest.fixture()
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder: app.screenshot('x', '.') would write there."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


async def test_markup_in_lists_header_relations_and_excerpts(tmp_path: Path, cwd: Path) -> None:
    app = make_app(markup_db(tmp_path / "m.db"), system_clipboard=False)
    async with app.run_test(size=(230, 60), notifications=True) as pilot:
        await settle(pilot)
        # The first entity: every name in the list, its own in the header, its relations
        # (names, role) in the tree, its passage with title and path in the excerpts.
        shows_all(app, NAMES)
        shows_all(app, (f"alias {NAMES[0]}", ROLE, TITLE, PATH))
        assert await click_every(pilot, ("[@click", "[/]", "[$accent]")) >= 10
        assert_alive(app, cwd)
        assert await click_every(pilot, MARKUP) >= 6
        assert_alive(app, cwd)


async def test_markup_in_jump_find_document_palette_and_help(tmp_path: Path, cwd: Path) -> None:
    app = make_app(markup_db(tmp_path / "m.db"), system_clipboard=False)
    async with app.run_test(size=(230, 60), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+k", *"click")
        await settle(pilot)
        assert isinstance(top(app), JumpScreen)
        shows_all(app, (NAMES[4], NAMES[5]))
        await click_every(pilot, ("[@click",))
        assert_alive(app, cwd)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("ctrl+f", *"balisage")
        await settle(pilot)
        assert isinstance(top(app), FindScreen)
        shows_all(app, tuple(f"Le balisage {name} cité" for name in NAMES[:3]))
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(top(app), DocumentScreen)
        shows_all(app, (TITLE, PATH, *(f"Le balisage {name} cité" for name in NAMES)))
        await click_every(pilot, ("[@click", "[/]"))
        assert_alive(app, cwd)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.screen is app.main

        await pilot.press("ctrl+p", *"click")
        await pilot.pause(0.5)
        await settle(pilot)
        shows_all(app, ("Jump to", NAMES[4]))
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(top(app), HelpScreen)
        assert "Keys" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert_alive(app, cwd)


async def test_markup_in_notifications(tmp_path: Path, cwd: Path) -> None:
    app = make_app(markup_db(tmp_path / "m.db"), system_clipboard=False)
    async with app.run_test(size=(230, 60), notifications=True) as pilot:
        await settle(pilot)
        messages: list[str] = []
        for name in NAMES:
            app.open_entity(app.catalog.fuzzy(name, 1)[0].id)
            await settle(pilot)
            await pilot.press("ctrl+e", "c")  # copy the card: the notification names the entity
            await settle(pilot)
            messages += [n.message for n in app._notifications]  # before any expires
        for name in NAMES:
            assert any(f"card of {name} " in m for m in messages), name
        shows_all(app, tuple(f"card of {name} " for name in NAMES[-3:]))
        await click_every(pilot, ("[@click",))
        assert_alive(app, cwd)
        while app.screen is not app.main:  # a click may have opened a document
            await pilot.press("escape")
            await settle(pilot)
        excerpts = app.main.query_one(ExcerptList)
        excerpts.focus()
        await pilot.press("ctrl+c")
        await settle(pilot)
        current = excerpts.current
        assert current is not None
        line = current.line_start
        assert app.clipboard == f"«{current.text}» — {TITLE}, {PATH}, line {line}"
        assert "[/]" in app.clipboard
