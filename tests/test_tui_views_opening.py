"""Issue 17 target 6 (every view of the workbench opening ≤ 300 ms at 1M passages): what an
opening does is bounded, counted without any clock (the times are in bench/views_cpu.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Footer, OptionList
from textual.widgets._footer import FooterKey
from textual.widgets.option_list import Option

from dbfactory import paging_builder, write_sample
from filature.tui.screens import timeline as timeline_screen
from filature.tui.screens.main import MainScreen
from pilotkit import press, started

pytestmark = pytest.mark.anyio

VIEWS = ("f3", "f4", "f5", "f6", "f7")


@pytest.fixture()
def footer_builds(monkeypatch: pytest.MonkeyPatch) -> Counter[int]:
    """How many times each footer (by id) built its keys."""
    builds: Counter[int] = Counter()
    compose = Footer.compose

    def counted(self: Footer) -> Iterator[Widget]:
        if self._bindings_ready:
            builds[id(self)] += 1
        return compose(self)

    monkeypatch.setattr(Footer, "compose", counted)
    return builds


@pytest.mark.parametrize("key", VIEWS)
async def test_each_view_builds_its_footer_keys_once(
    tmp_path: Path, footer_builds: Counter[int], key: str
) -> None:
    db = write_sample(tmp_path / "sample.db")
    async with started(db, showing="Meng Hongwei") as (app, pilot):
        await press(pilot, key)
        screen = app.screen
        assert not isinstance(screen, MainScreen), key
        footer = screen.query_one(Footer)
        assert footer_builds[id(footer)] == 1
        keys = [k.key for k in footer.query(FooterKey)]
        assert "escape" in keys or any("escape" in k for k in keys), keys
        await pilot.pause(0.2)
        assert footer_builds[id(footer)] == 1  # still once, the view settled


async def test_footer_follows_the_keys_when_they_change(
    tmp_path: Path, footer_builds: Counter[int]
) -> None:
    """The relations table's footer: moving the focus to the filter changes the keys shown
    (the grid's own go away): the footer is built again, with the new keys."""
    db = write_sample(tmp_path / "sample.db")
    async with started(db) as (app, pilot):
        await press(pilot, "f3")
        footer = app.screen.query_one(Footer)
        before = [k.description for k in footer.query(FooterKey)]
        await press(pilot, "slash")
        await pilot.pause(0.2)
        after = [k.description for k in footer.query(FooterKey)]
        if before == after:
            pytest.skip("the filter shows the same keys as the table")
        assert footer_builds[id(footer)] == 2


async def test_a_timeline_page_is_added_to_its_list_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each option added on its own lays the whole list out again (a page of 500 entries cost
    half a second at 1M passages): the corpus's first page, then the next, each in one call."""
    monkeypatch.setattr(timeline_screen, "PAGE", 40)
    calls: list[int] = []
    add_options = OptionList.add_options

    def counted(self: OptionList, items: list[Option]) -> OptionList:
        if self.id == "timeline-entries":
            calls.append(len(list(items)))
        return add_options(self, items)

    monkeypatch.setattr(OptionList, "add_options", counted)
    db = paging_builder().write(tmp_path / "filature.db")
    async with started(db) as (app, pilot):
        await press(pilot, "f4")
        screen = app.screen
        assert isinstance(screen, timeline_screen.TimelineScreen)
        if screen.scope is not None:  # the selected entity's: on to the corpus's
            calls.clear()
            await press(pilot, "a")
        options = screen.query_one("#timeline-entries", OptionList)
        assert len(calls) == 1 and calls[0] == options.option_count > 40
        options.highlighted = options.option_count - 1
        await press(pilot, "enter")
        assert len(screen.loaded) == 80
        assert len(calls) == 2 and calls[1] > 40
