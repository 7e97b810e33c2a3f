"""Document text that looks like markup or terminal control renders literally and runs nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from dbfactory import HOSTILE_TEXTS, hostile_builder
from filature.tui.app import FilatureApp, make_app
from filature.tui.screens.document import DocumentScreen
from filature.tui.screens.jump import JumpScreen
from filature.tui.widgets.entity_header import EntityHeader
from filature.tui.widgets.excerpt_list import ExcerptList
from filature.tui.widgets.relations_tree import RelationsTree

pytestmark = pytest.mark.anyio


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return hostile_builder().write(tmp_path / "hostile.db")


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def visible(text: str) -> str:
    """How a hostile text must appear: literally, with control characters made visible."""
    return "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 else c for c in text)


async def test_hostile_excerpts_render_literally(db: Path) -> None:
    app: FilatureApp = make_app(db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        excerpts = app.main.query_one(ExcerptList)
        shown = "\n".join(
            str(excerpts.get_option_at_index(i).prompt) for i in range(excerpts.option_count)
        )
        for text in HOSTILE_TEXTS:
            assert visible(text) in shown
        assert "\x1b" not in shown and "\x9b" not in shown
        await pilot.click(EntityHeader, offset=(3, 0))
        await pilot.click(ExcerptList, offset=(20, 2))
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        await pilot.click(offset=(10, 0))
        await pilot.click(offset=(30, 5))
        await settle(pilot)
        assert app.is_running
        assert app.return_code is None


async def test_hostile_names_in_every_view(db: Path) -> None:
    app: FilatureApp = make_app(db, system_clipboard=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+k", *"smith")
        await settle(pilot)
        assert isinstance(app.screen, JumpScreen)
        await pilot.press("enter")
        await settle(pilot)
        tree = app.main.query_one(RelationsTree)
        labels = [str(leaf.label) for node in tree.root.children for leaf in node.children]
        assert any("[/]" in label and "␛[2J" in label for label in labels)
        app.main.query_one(ExcerptList).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        await pilot.press("right", "enter", "escape")
        await settle(pilot)
        await pilot.press("ctrl+f", *"quoted")
        await settle(pilot)
        await pilot.press("escape", "ctrl+p", *"click")
        await settle(pilot)
        await pilot.press("escape")
        assert app.is_running


async def test_copy_removes_control_characters(db: Path) -> None:
    app: FilatureApp = make_app(db, system_clipboard=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        excerpts = app.main.query_one(ExcerptList)
        for index, excerpt in enumerate(excerpts.excerpts):
            excerpts.highlighted = index
            await pilot.press("ctrl+c")
            await settle(pilot)
            assert (
                app.clipboard.startswith("«")
                and "— Report [@click=app.quit]title[/]" in app.clipboard
            )
            assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in app.clipboard), excerpt
        excerpts.highlighted = 2
        await pilot.press("ctrl+c")
        assert "quoted [@click=app.quit]x[/] in the report" in app.clipboard
