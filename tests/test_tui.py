"""Pilot tests of the explorer: each interaction, asserting the app's state."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select

from dbfactory import write_sample
from filature.tui.app import FilatureApp
from filature.tui.screens.document import DocumentScreen
from filature.tui.screens.find import FindScreen
from filature.tui.screens.help import HelpScreen
from filature.tui.screens.jump import JumpScreen
from filature.tui.screens.main import MainScreen
from filature.tui.widgets.document_text import DocumentText
from filature.tui.widgets.entity_header import EntityHeader
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.excerpt_list import ExcerptList
from filature.tui.widgets.relations_tree import RelationsTree
from pilotkit import help_text, press, settle, started

pytestmark = pytest.mark.anyio

ScreenT = TypeVar("ScreenT", bound=Screen[Any])


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "sample.db")


async def type_text(pilot: Pilot[None], text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)
    await settle(pilot)


def main(app: FilatureApp) -> MainScreen:
    return app.main


def shown_name(app: FilatureApp) -> str:
    card = app.main.query_one(EntityHeader).card
    assert card is not None
    return card.name


async def opened(
    app: FilatureApp, pilot: Pilot[None], key: str, text: str, kind: type[ScreenT]
) -> ScreenT:
    """Press ``key``, type ``text``: the screen it opened, checked to be a ``kind``."""
    await pilot.press(key)
    await type_text(pilot, text)
    screen = app.screen
    assert isinstance(screen, kind)
    return screen


async def jump(pilot: Pilot[None], text: str) -> None:
    await pilot.press("ctrl+k")
    await type_text(pilot, text)
    await press(pilot, "enter")


async def test_starts_on_the_most_mentioned_entity_with_three_panes(db: Path) -> None:
    async with started(db) as (app, _pilot):
        screen = main(app)
        rows = screen.query_one(EntityList).rows
        assert [r.name for r in rows[:3]] == ["Interpol", "Meng Hongwei", "Xi Jinping"]
        assert shown_name(app) == "Interpol"
        assert app.focused is screen.query_one(EntityList)
        excerpts = screen.query_one(ExcerptList).excerpts
        assert [e.zone for e in excerpts] == ["body", "body", "heading"]
        tree = screen.query_one(RelationsTree)
        assert {r.counterpart_name for r in tree.rows} == {"Meng Hongwei", "Ahmed Naser Al-Raisi"}


async def test_moving_in_the_list_shows_the_entity_with_the_arrows(db: Path) -> None:
    async with started(db) as (app, pilot):
        await press(pilot, "down")
        assert shown_name(app) == "Meng Hongwei"
        header = app.main.query_one(EntityHeader)
        assert header.card is not None and header.card.mention_count == 3
        await press(pilot, "down", "up")
        assert shown_name(app) == "Meng Hongwei"


async def test_type_filter_counts_and_switching(db: Path) -> None:
    async with started(db) as (app, pilot):
        select = app.main.query_one("#entity-type", Select)
        labels = [str(option[0]) for option in select._options]
        assert labels == ["All (10)", "People (4)", "Organisations (2)", "Places (2)", "Events (2)"]
        await press(pilot, "alt+t")
        assert {r.type for r in app.main.query_one(EntityList).rows} == {"person"}
        await press(pilot, "alt+t")
        assert [r.name for r in app.main.query_one(EntityList).rows] == [
            "Interpol",
            "Ministère de la Sécurité publique",
        ]


async def test_typing_in_the_list_filters_as_you_type(db: Path) -> None:
    async with started(db) as (app, pilot):
        await type_text(pilot, "pek")
        assert app.main.query_one("#entity-filter", Input).value == "pek"
        assert [r.name for r in app.main.query_one(EntityList).rows] == ["Pékin"]
        await press(pilot, "enter")
        assert shown_name(app) == "Pékin"
        assert isinstance(app.focused, RelationsTree)
        await type_text(pilot, "xi")  # typed in the relations: still the filter, no command
        assert app.main.query_one("#entity-filter", Input).value == "xi"
        assert [r.name for r in app.main.query_one(EntityList).rows] == ["Xi Jinping"]


async def test_ctrl_f_from_a_document_goes_back_to_the_search_and_its_results(db: Path) -> None:
    async with started(db) as (app, pilot):
        await pilot.press("ctrl+f")
        await type_text(pilot, "interpol")
        await press(pilot, "enter", "enter")
        assert [type(s).__name__ for s in app.screen_stack[1:]] == [
            "MainScreen",
            "FindScreen",
            "DocumentScreen",
        ]
        await press(pilot, "ctrl+f")
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["MainScreen", "FindScreen"]
        assert app.screen.query_one(Input).value == "interpol"


async def test_ctrl_k_jumps_even_from_the_filter_box(db: Path) -> None:
    async with started(db) as (app, pilot):
        box = app.main.query_one("#entity-filter", Input)
        box.focus()
        await type_text(pilot, "mi")
        await press(pilot, "home", "ctrl+k")
        assert isinstance(app.screen, JumpScreen)
        assert box.value == "mi"  # not cut by Input's own ctrl+k


async def test_relations_grouped_with_co_occurrences_collapsed_and_enter_jumps(db: Path) -> None:
    async with started(db) as (app, pilot):
        await jump(pilot, "meng")
        tree = app.main.query_one(RelationsTree)
        groups = [str(node.label) for node in tree.root.children]
        assert groups == ["Member of  1", "President of  1", "Co-occurrences  2"]
        assert [node.is_expanded for node in tree.root.children] == [True, True, False]
        tree.focus()
        await press(pilot, "down", "down", "down")
        assert tree.current is not None and tree.current.counterpart_name == "Interpol"
        excerpts = app.main.query_one(ExcerptList)
        assert len(excerpts.excerpts) == 1
        assert excerpts.border_title == "Excerpts → Interpol"
        await press(pilot, "enter")
        assert shown_name(app) == "Interpol"


async def test_header_lays_out_again_only_when_its_line_count_changes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with started(db) as (app, pilot):
        header = app.main.query_one(EntityHeader)
        layouts: list[bool] = []
        real = EntityHeader.update

        def spy(self: EntityHeader, content: object = "", *, layout: bool = True) -> None:
            layouts.append(layout)
            real(self, content, layout=layout)  # type: ignore[arg-type]

        monkeypatch.setattr(EntityHeader, "update", spy)
        await jump(pilot, "meng")  # the first update after a resize lays out
        await jump(pilot, "xi jinping")
        await jump(pilot, "meng")
        assert layouts[1:] == [False, False] and header.size.height == 2
        await pilot.resize_terminal(64, 30)  # Interpol's aliases now take two lines
        await settle(pilot)
        await jump(pilot, "interpol")
        assert layouts[-1] is True and header.size.height == 3
        assert "Organisation internationale" in "".join(
            str(line.text) for line in header.render_lines(header.region.reset_offset)
        )
        await jump(pilot, "pekin")
        assert layouts[-1] is True and header.size.height == 2


async def test_co_occurrences_are_made_when_their_group_is_opened(db: Path) -> None:
    async with started(db) as (app, pilot):
        await jump(pilot, "meng")
        tree = app.main.query_one(RelationsTree)
        group = tree.root.children[-1]
        assert str(group.label) == "Co-occurrences  2" and not group.children
        tree.focus()
        await press(pilot, "down", "down", "down", "down", "down", "enter")
        assert group.is_expanded
        rows = [leaf.data for leaf in group.children]
        assert rows == [r for r in tree.rows if r.is_co_occurrence] and len(rows) == 2
        await press(pilot, "down")
        assert tree.current is rows[0]
        await pilot.press("up", "enter", "enter")  # closed and opened again: made once
        await settle(pilot)
        assert [leaf.data for leaf in group.children] == rows


async def test_fuzzy_jump_tolerates_typos_and_shows_the_alias(db: Path) -> None:
    async with started(db) as (app, pilot):
        screen = await opened(app, pilot, "ctrl+k", "beijing", JumpScreen)
        assert screen.hits[0].name == "Pékin" and screen.hits[0].alias == "Beijing"
        await press(pilot, "escape")
        assert shown_name(app) == "Interpol"
        for typed, expected in [
            ("xi jinpin", "Xi Jinping"),
            ("al raisi", "Ahmed Naser Al-Raisi"),
            ("securite publique", "Ministère de la Sécurité publique"),
        ]:
            await jump(pilot, typed)
            assert shown_name(app) == expected


async def test_enter_before_results_arrive_still_jumps_to_the_typed_name(db: Path) -> None:
    async with started(db) as (app, pilot):
        await press(pilot, "ctrl+k", "x", "i", "enter")
        assert shown_name(app) == "Xi Jinping"


async def test_command_palette_offers_entities(db: Path) -> None:
    async with started(db) as (app, pilot):
        await pilot.press("ctrl+p")
        await type_text(pilot, "raisi")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert shown_name(app) == "Ahmed Naser Al-Raisi"


async def test_full_text_search_highlights_and_opens_the_document(db: Path) -> None:
    async with started(db) as (app, pilot):
        screen = await opened(app, pilot, "ctrl+f", "securite publique", FindScreen)
        assert screen.result.total == 2
        hit = screen.result.hits[0]
        assert [hit.text[a:b].casefold() for a, b in hit.spans][:2] == ["sécurité", "publique"]
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, DocumentScreen)
        view = app.screen.query_one(DocumentText)
        assert view.passage is not None and view.passage.id == hit.passage_id


@pytest.mark.parametrize("typed", ['"', "AND", "NEAR(", "-x", "*", "[/]", "a OR"])
async def test_full_text_search_never_fails(db: Path, typed: str) -> None:
    async with started(db, (120, 40)) as (app, pilot):
        await pilot.press("ctrl+f")
        await type_text(pilot, typed)
        screen = app.screen
        assert isinstance(screen, FindScreen)
        assert screen.result.hits or screen.result.message


async def test_document_view_enter_on_a_mention_opens_its_entity(db: Path) -> None:
    async with started(db) as (app, pilot):
        await jump(pilot, "meng hongwei")
        app.main.query_one(ExcerptList).focus()
        await press(pilot, "enter")
        assert isinstance(app.screen, DocumentScreen)
        view = app.screen.query_one(DocumentText)
        assert view.passage is not None and "est élu président" in view.passage.text
        names = [m.entity_name for m in view.passage.mentions]
        assert view.mention is not None and view.mention.entity_name == names[0]
        target = names.index("Xi Jinping")
        for _ in range(target):
            await pilot.press("right")
        assert view.mention.entity_name == "Xi Jinping"
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "MainScreen"
        assert shown_name(app) == "Xi Jinping"


async def test_copy_excerpt_with_citation_in_few_keys(db: Path) -> None:
    async with started(db) as (app, pilot):
        keys = ["ctrl+k", "m", "e", "n", "g", "enter", "ctrl+c"]
        for key in keys:
            await press(pilot, key)
        assert len(keys) < 10
        assert app.clipboard.startswith("«La Chine a rejoint Interpol")
        assert "est élu président d'Interpol.»" in app.clipboard
        assert app.clipboard.endswith(
            "— La Chine et la sécurité mondiale, 001_chine_interpol.txt, line 3"
        )
        assert any("Copied excerpt" in n.message for n in app._notifications)


async def test_copy_card_lists_relations(db: Path) -> None:
    async with started(db) as (app, pilot):
        await jump(pilot, "meng")
        await press(pilot, "ctrl+e", "c")
        lines = app.clipboard.splitlines()
        assert lines[0] == "Meng Hongwei (person) — 3 mentions"
        assert any(line.strip().startswith("President of → Interpol") for line in lines)
        assert lines[-1].strip().startswith("Mentioned with: Xi Jinping (2)")


async def test_copy_refuses_more_than_500_kb(db: Path) -> None:
    async with started(db, (120, 40)) as (app, pilot):
        app.copy_text("x" * 600_000, "test")
        await pilot.pause()
        assert app.clipboard == ""
        assert any("over the 500 KB limit" in n.message for n in app._notifications)


async def test_back_and_forward_history(db: Path) -> None:
    async with started(db) as (app, pilot):
        await jump(pilot, "pekin")
        await jump(pilot, "raisi")
        app.main.query_one(RelationsTree).focus()
        await press(pilot, "backspace")
        assert shown_name(app) == "Pékin"
        await press(pilot, "alt+left")
        assert shown_name(app) == "Interpol"
        await press(pilot, "alt+right", "alt+right")
        assert shown_name(app) == "Ahmed Naser Al-Raisi"


async def test_tab_moves_between_panes(db: Path) -> None:
    async with started(db) as (app, pilot):
        seen = []
        for _ in range(5):
            await pilot.press("tab")
            seen.append(type(app.focused).__name__)
        assert "RelationsTree" in seen and "ExcerptList" in seen


async def test_mouse_click_selects_an_entity(db: Path) -> None:
    async with started(db) as (app, pilot):
        await pilot.click(EntityList, offset=(5, 2))
        await settle(pilot)
        assert shown_name(app) == "Xi Jinping"


async def test_help_lists_every_binding(db: Path) -> None:
    from filature.tui.screens.help import binding_rows, own_bindings

    async with started(db, (120, 60)) as (app, pilot):
        text = await help_text(pilot)
        declared = 0
        for section in app.screen.sections:
            for cls in section.classes:
                for binding in own_bindings(cls):
                    declared += 1
                    assert app.get_key_display(binding) in text, binding
        assert declared > 30
        assert binding_rows(app, [MainScreen])
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_help_explains_filature_not_textual(db: Path) -> None:
    """Issue 16: the help explains filature's keys, the arrows and glyphs and what only the
    command line does; Textual's internal bindings do not drown them."""
    async with started(db, (120, 60)) as (_app, pilot):
        text = await help_text(pilot)
        lines = text.splitlines()
        for internal in ("Cursor to next ancestor", "help quit", "Focus Next", "Scroll Left"):
            assert internal not in text, internal
        for glyph, meaning in (("→", "source"), ("←", "target"), ("~", "co-occurrence")):
            assert any(line.strip().startswith(glyph) and meaning in line for line in lines)
        for icon, name in (("●", "person"), ("■", "organisation"), ("▲", "place")):
            assert any(line.split() == [icon, name] for line in lines), icon
        assert "Only on the command line" in text and "filature export" in text
        for key, what in (("f2", "Zoom"), ("tab", "Next pane"), ("⏎", "counterpart")):
            assert any(line.strip().startswith(key) and what in line for line in lines), key


HELP_PHRASES = (
    # the curation keys
    "Merge the entity into another",
    "Rename the entity",
    "Change the entity's type",
    "Drop the entity",
    "Split an alias off",
    "Undo the last curation decision",
    "List every decision",
    "Revert the highlighted decision",
    "Undo the last decision or revert",
    "whatever you type goes to the name filter",
    # the workbench's views and their keys
    "Relations table (f3)",
    "Timeline (f4)",
    "Export view: the view on screen to CSV, Markdown or the clipboard",
    "Choose the relation type",
    "The selected entity or the corpus",
    "Network (f5)",
    "Notes (f6)",
    "Frequencies (f7)",
    "Star the highlighted excerpt",
    "Sort the entities",
    "footnote-only",
    "The previous centre",
    "Remove the highlighted note",
)


async def test_help_names_the_curation_keys_and_every_view(db: Path) -> None:
    async with started(db, (80, 24)) as (_app, pilot):
        text = await help_text(pilot)
    assert [phrase for phrase in HELP_PHRASES if phrase not in text] == []


async def test_light_and_dark_themes(db: Path) -> None:
    async with started(db, (80, 24)) as (app, pilot):
        assert app.theme == "filature-dark"
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.theme == "filature-light"
        assert not app.current_theme.dark


async def test_narrow_terminal_stacks_the_panes(db: Path) -> None:
    async with started(db, (80, 24)) as (app, _pilot):
        regions = [
            app.main.query_one(f"#{name}").region for name in ("entities", "relations", "excerpts")
        ]
        assert regions[0].y < regions[1].y < regions[2].y
        assert all(r.width >= 78 for r in regions)
    async with started(db) as (app, _pilot):
        regions = [
            app.main.query_one(f"#{name}").region for name in ("entities", "relations", "excerpts")
        ]
        assert regions[0].x < regions[1].x < regions[2].x


async def test_empty_database_shows_a_message(tmp_path: Path) -> None:
    from dbfactory import DbBuilder

    async with started(DbBuilder().write(tmp_path / "empty.db"), (80, 24)) as (app, pilot):
        assert app.main.query_one(EntityHeader).card is None
        assert "no entities" in str(app.main.query_one(ExcerptList).get_option_at_index(0).prompt)
        await jump(pilot, "anything")
        assert isinstance(app.screen, JumpScreen)
        assert app.screen.hits == []
        await press(pilot, "escape", "ctrl+c", "ctrl+e", "c")
        assert isinstance(app.screen, MainScreen)
        assert app.clipboard == ""
