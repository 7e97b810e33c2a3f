"""Curation in the explorer: each key, its effect on the database and the file, undo, revert."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from curationkit import Copy, curatable_copy
from filature.build import build
from filature.curation import load_curation
from filature.tui.app import FilatureApp, make_app
from filature.tui.screens.curation import CurationScreen
from filature.tui.screens.jump import JumpScreen
from filature.tui.screens.prompts import ChoicePrompt, ConfirmPrompt, TextPrompt
from filature.tui.widgets.entity_header import EntityHeader
from filature.tui.widgets.entity_list import EntityList
from pilotkit import ask_merge, jump, press, said, settle, started

pytestmark = pytest.mark.anyio
SCHOOL = "École supérieure de Police criminelle de Shenyang"


@pytest.fixture()
def copy(seed_db: Path, tmp_path: Path) -> Copy:
    return curatable_copy(seed_db, tmp_path)


def shown(app: FilatureApp) -> tuple[int, str, str]:
    card = app.main.query_one(EntityHeader).card
    assert card is not None
    return card.id, card.name, card.type


def listed(app: FilatureApp) -> set[str]:
    return {row.name for row in app.main.query_one(EntityList).rows}


async def test_merge_picks_the_target_with_the_jump_and_selects_it(copy: Copy) -> None:
    interpol = copy.entity("Interpol")
    assert interpol is not None
    async with started(copy.db, showing="Bureau chinois d’Interpol") as (app, pilot):
        assert shown(app)[1] == "Bureau chinois d’Interpol"
        await press(pilot, "ctrl+e", "m")
        assert isinstance(app.screen, JumpScreen)
        assert "Merge Bureau chinois" in str(app.screen.query_one("#jump-box").border_title)
        app.screen.query_one("#jump-input", Input).value = "Interpol"
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmPrompt)
        await pilot.press("enter")  # Enter alone never confirms
        await settle(pilot)
        assert isinstance(app.screen, ConfirmPrompt)
        await press(pilot, "y")
        assert shown(app)[:2] == (interpol[0], "Interpol")
        assert app.main.query_one(EntityList).current_id == interpol[0]
        assert "Bureau chinois d’Interpol" not in listed(app)
        assert said(app, "merge Bureau chinois d’Interpol → Interpol")
        hits = app.catalog.fuzzy("Bureau chinois d’Interpol", 1)
        assert hits[0].id == interpol[0]
    assert load_curation(copy.curation).entries[-1].section == "merge"
    assert copy.entity("Bureau chinois d’Interpol") is None


async def test_rename_with_a_hostile_name_retype_and_split(copy: Copy) -> None:
    hostile = "[/] [@click=app.quit] \x1b[31mMatt"
    async with started(copy.db, showing="Matt Schrader") as (app, pilot):
        await press(pilot, "ctrl+e", "r")
        assert isinstance(app.screen, TextPrompt)
        box = app.screen.query_one(Input)
        assert box.value == "Matt Schrader"
        box.value = hostile
        await press(pilot, "enter")
        assert shown(app)[1] == hostile
        assert app.is_running

        await jump(pilot, "Mékong")
        await press(pilot, "ctrl+e", "y")
        assert isinstance(app.screen, ChoicePrompt)
        await press(pilot, "end", "enter")
        assert shown(app)[1:] == ("Mékong", "event")

        await jump(pilot, SCHOOL)
        await press(pilot, "ctrl+e", "s")
        assert isinstance(app.screen, ChoicePrompt)
        values = [value for _, value in app.screen.choices]
        app.screen.query_one(OptionList).highlighted = values.index("ESPCC")
        await press(pilot, "enter")
        assert isinstance(app.screen, ChoicePrompt)  # the type, the entity's own first
        await press(pilot, "enter")
        assert shown(app)[1] == SCHOOL
        assert "ESPCC" in listed(app)
    assert copy.entity(hostile) is not None
    espcc = copy.entity("ESPCC")
    assert espcc is not None and espcc[2] == "organization"
    sections = [e.section for e in load_curation(copy.curation).entries[-3:]]
    assert sections == ["rename", "retype", "split"]


async def test_drop_asks_first_and_undo_brings_it_back(copy: Copy) -> None:
    text = copy.curation.read_text(encoding="utf-8")
    before = copy.tables()
    async with started(copy.db, showing="Asie") as (app, pilot):
        await press(pilot, "ctrl+e", "x")
        assert isinstance(app.screen, ConfirmPrompt)
        await press(pilot, "n")
        assert copy.entity("Asie") is not None
        await press(pilot, "ctrl+e", "x")
        await pilot.press("y")
        await settle(pilot)
        assert "Asie" not in listed(app)
        assert shown(app)[1] != "Asie"
        await press(pilot, "ctrl+e", "u")
        assert "Asie" in listed(app)
        assert said(app, "Undone: drop Asie")
        await press(pilot, "ctrl+e", "u")
        assert said(app, "Nothing to undo")
    assert copy.curation.read_text(encoding="utf-8") == text
    assert copy.tables() == before


async def test_the_curation_screen_lists_and_reverts_any_decision(copy: Copy) -> None:
    hand = len(load_curation(copy.curation).entries)
    async with started(copy.db, showing="Russie") as (app, pilot):
        await press(pilot, "ctrl+e", "x", "y")
        await jump(pilot, "Birmanie")
        await press(pilot, "ctrl+e", "x", "y")
        assert not {"Russie", "Birmanie"} & listed(app)
        await press(pilot, "ctrl+u")
        screen = app.screen
        assert isinstance(screen, CurationScreen)
        options = screen.query_one(OptionList)
        assert options.option_count == hand + 2
        options.highlighted = hand  # the first of this session: Russie
        await press(pilot, "d", "y")
        assert options.option_count == hand + 1
        assert "Russie" in listed(app) and "Birmanie" not in listed(app)
        options.highlighted = 0  # a hand-written one: the merge into Beijing
        await press(pilot, "d", "y")
        assert "Pékin" in listed(app)
        await press(pilot, "escape")
        assert not isinstance(app.screen, CurationScreen)
    entries = load_curation(copy.curation).entries
    assert len(entries) == hand and entries[-1].get("name") == "Birmanie"
    assert copy.entity("Russie") is not None and copy.entity("Birmanie") is None


async def test_read_only_folder_is_said_and_nothing_changes(
    copy: Copy, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = copy.curation.read_text(encoding="utf-8")
    before = copy.tables()
    if os.geteuid() == 0:  # root writes anywhere: make the check see what a user would
        real = os.access
        monkeypatch.setattr(
            "filature.curation.session.os.access",
            lambda path, mode: False if Path(path) == copy.seeds else real(path, mode),
        )
    else:
        copy.seeds.chmod(0o555)
    app = make_app(copy.db, system_clipboard=False)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            await jump(pilot, "Asie")
            await press(pilot, "ctrl+e", "x")
            assert not isinstance(app.screen, ConfirmPrompt)
            assert said(app, "read-only")
    finally:
        copy.seeds.chmod(0o755)
    assert copy.curation.read_text(encoding="utf-8") == text
    assert copy.tables() == before


async def test_an_app_decision_survives_a_full_rebuild(copy: Copy) -> None:
    async with started(copy.db) as (_app, pilot):
        await ask_merge(pilot, "Bureau chinois d’Interpol", "Interpol")
        await press(pilot, "y")
    decided = copy.tables()
    build(copy.seeds, copy.db)
    assert copy.entity("Bureau chinois d’Interpol") is None
    assert "Bureau chinois d’Interpol" in copy.aliases("Interpol")
    assert copy.tables() == decided


async def test_a_database_without_curation_data_says_so(tmp_path: Path) -> None:
    from dbfactory import write_sample

    db = write_sample(tmp_path / "sample.db")
    async with started(db, (80, 24)) as (app, pilot):
        await press(pilot, "ctrl+e", "x")
        assert not isinstance(app.screen, ConfirmPrompt)
        assert said(app, "rebuild it with filature build")
        assert app.is_running
