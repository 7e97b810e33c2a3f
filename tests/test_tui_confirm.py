"""Destructive decisions are confirmed and can be taken back (issue 12, item 1): merge shows
what will happen and warns across types, reverting asks and undo restores it, blank renames
are refused, Escape clears the filter and ctrl+q quits from every screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from curationkit import Copy, curatable_copy
from filature.curation import load_curation
from filature.tui.app import FilatureApp
from filature.tui.screens.curation import CurationScreen
from filature.tui.screens.entity_menu import EntityMenu
from filature.tui.screens.prompts import ConfirmPrompt, TextPrompt
from filature.tui.widgets.entity_header import EntityHeader
from filature.tui.widgets.entity_list import EntityList
from pilotkit import ask_merge, jump, press, said, settle, started

pytestmark = pytest.mark.anyio


@pytest.fixture()
def copy(seed_db: Path, tmp_path: Path) -> Copy:
    return curatable_copy(seed_db, tmp_path)


def confirm_text(app: FilatureApp) -> str:
    assert isinstance(app.screen, ConfirmPrompt)
    return " ".join(str(w.render()) for w in app.screen.query(Static))


async def test_merge_shows_both_entities_and_warns_across_types(copy: Copy) -> None:
    text = copy.curation.read_bytes()
    before = copy.tables()
    chine, meng = copy.entity("Chine"), copy.entity("Meng Hongwei")
    assert chine is not None and meng is not None and chine[2] != meng[2]
    async with started(copy.db) as (app, pilot):
        await ask_merge(pilot, "Chine", "Meng Hongwei")
        shown = confirm_text(app)
        for part in ("Chine", "place", f"{chine[3]:,} mentions", "Meng Hongwei", "person"):
            assert part in shown, (part, shown)
        assert f"{meng[3]:,} mention" in shown
        assert "Different types" in shown
        await press(pilot, "enter", "enter", "n")
        assert not isinstance(app.screen, ConfirmPrompt)
        assert app.main.query_one(EntityHeader).card.name == "Chine"  # type: ignore[union-attr]
    assert copy.curation.read_bytes() == text
    assert copy.tables() == before


async def test_merge_of_one_type_does_not_warn(copy: Copy) -> None:
    async with started(copy.db) as (app, pilot):
        await ask_merge(pilot, "Bureau chinois d’Interpol", "Interpol")
        shown = confirm_text(app)
        assert "Bureau chinois d’Interpol" in shown and "Different types" not in shown
        await press(pilot, "escape")


async def test_holding_d_reverts_nothing_and_undo_restores_a_revert(copy: Copy) -> None:
    text = copy.curation.read_bytes()
    before = copy.tables()
    hand = len(load_curation(copy.curation).entries)
    async with started(copy.db) as (app, pilot):
        await press(pilot, "ctrl+u")
        assert isinstance(app.screen, CurationScreen)
        await pilot.press(*["d"] * 20)  # a held key
        await settle(pilot)
        assert isinstance(app.screen, ConfirmPrompt)
        assert "merge Pékin → Beijing" in confirm_text(app)
        assert copy.curation.read_bytes() == text
        await press(pilot, "n")
        screen = app.screen
        assert isinstance(screen, CurationScreen)
        assert screen.query_one(OptionList).option_count == hand
        await press(pilot, "d", "y")
        assert screen.query_one(OptionList).option_count == hand - 1
        assert copy.entity("Pékin") is not None
        await press(pilot, "u")
        assert said(app, "Restored: merge Pékin → Beijing")
        assert screen.query_one(OptionList).option_count == hand
        assert copy.entity("Pékin") is None
    assert copy.curation.read_bytes() == text
    assert copy.tables() == before


async def test_undo_puts_a_revert_back_in_place_after_another_decision(copy: Copy) -> None:
    entries = load_curation(copy.curation).entries
    async with started(copy.db) as (app, pilot):
        await press(pilot, "ctrl+u")
        app.screen.query_one(OptionList).highlighted = 0  # the merge into Beijing
        await press(pilot, "d", "y")
        await pilot.press("escape")
        await jump(pilot, "Asie")
        await press(pilot, "ctrl+e", "x", "y")
        await pilot.press("ctrl+e", "u")  # the drop
        await settle(pilot)
        await pilot.press("ctrl+e", "u")  # the revert
        await settle(pilot)
        assert said(app, "Restored: merge Pékin → Beijing")
    assert load_curation(copy.curation).entries == entries
    assert copy.entity("Pékin") is None and copy.entity("Asie") is not None


@pytest.mark.parametrize("blank", ["", "   ", "\t \u00a0"])
async def test_renaming_to_a_blank_name_is_refused(copy: Copy, blank: str) -> None:
    text = copy.curation.read_bytes()
    async with started(copy.db, showing="Interpol") as (app, pilot):
        await press(pilot, "ctrl+e", "r")
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = blank
        await press(pilot, "enter")
        assert said(app, "A name cannot be blank")
        assert app.main.query_one(EntityHeader).card.name == "Interpol"  # type: ignore[union-attr]
    assert copy.curation.read_bytes() == text


async def test_escape_clears_the_filter_and_keeps_the_entity(seed_db: Path) -> None:
    async with started(seed_db) as (app, pilot):
        await press(pilot, *"meng", "enter")
        entities = app.main.query_one(EntityList)
        everyone = app.catalog.entities(None)
        assert len(entities.rows) < len(everyone)
        await press(pilot, "escape")
        box = app.main.query_one("#entity-filter", Input)
        assert box.value == "" and len(entities.rows) == len(everyone)
        assert entities.has_focus
        card = app.main.query_one(EntityHeader).card
        assert card is not None and entities.current_id == card.id
        await press(pilot, *"interpol")
        assert box.value == "interpol"
        await press(pilot, "escape")
        assert box.value == ""


OPENERS: dict[str, tuple[str, ...]] = {
    "main": (),
    "filter box": ("m", "e"),
    "jump": ("ctrl+k", "x"),
    "find": ("ctrl+f", "x"),
    "help": ("f1",),
    "entity menu": ("ctrl+e",),
    "rename prompt": ("ctrl+e", "r"),
    "type choice": ("ctrl+e", "y"),
    "drop confirmation": ("ctrl+e", "x"),
    "decisions": ("ctrl+u",),
    "revert confirmation": ("ctrl+u", "d"),
    "palette": ("ctrl+p",),
    "document": ("tab", "tab", "enter"),
}


@pytest.mark.parametrize("where", list(OPENERS))
async def test_ctrl_q_quits_from_every_screen(copy: Copy, where: str) -> None:
    async with started(copy.db) as (app, pilot):
        await press(pilot, *OPENERS[where])
        if where == "entity menu":
            assert isinstance(app.screen, EntityMenu)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app._exit, where
    assert app.return_code == 0


async def test_a_letter_typed_right_after_ctrl_e_reaches_the_menu(tmp_path: Path) -> None:
    from textual import events

    from dbfactory import write_sample

    async with started(write_sample(tmp_path / "sample.db")) as (app, pilot):
        driver = app._driver
        assert driver is not None
        driver.send_message(events.Key("ctrl+e", None))  # both queued before either is handled
        driver.send_message(events.Key("c", "c"))
        await settle(pilot)
        await pilot.pause(0.2)
        assert app._exception is None
        assert app.clipboard.startswith("Interpol (")
        assert app.main.query_one("#entity-filter", Input).value == ""
        assert app.screen is app.main
