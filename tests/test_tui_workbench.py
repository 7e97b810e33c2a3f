"""The workbench's views in the explorer (issue 16): the relations table (f3), the timeline
(f4), the evidence behind a row, and the export of the current view (ctrl+o); driven with
Textual's Pilot on a small real database."""

from __future__ import annotations

import csv
import io
from functools import partial
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select

from dbfactory import workbench_builder
from filature.export.views import md_cell
from filature.query.tables import relation_table
from filature.store.connect import open_readonly
from filature.tui.app import FilatureApp
from filature.tui.screens.evidence import EvidenceScreen
from filature.tui.screens.frequencies import FrequenciesScreen
from filature.tui.screens.main import MainScreen
from filature.tui.screens.prompts import ChoicePrompt, TextPrompt
from filature.tui.screens.relations_table import RelationsTableScreen
from filature.tui.screens.timeline import TimelineScreen
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.excerpt_list import ExcerptList
from filature.tui.widgets.relation_grid import RelationGrid
from filature.tui.widgets.year_chart import YearChart, bar_lines
from pilotkit import from_palette, press, said, settle
from pilotkit import started as started_quietly

pytestmark = pytest.mark.anyio


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    (tmp_path / "work").mkdir()
    return workbench_builder().write(tmp_path / "work" / "filature.db")


started = partial(started_quietly, notifications=True)
"""The explorer as the other tests start it, its notifications shown on screen."""


def table_of(app: FilatureApp) -> RelationsTableScreen:
    screen = app.screen
    assert isinstance(screen, RelationsTableScreen), type(screen).__name__
    return screen


def cells(app: FilatureApp) -> list[list[str]]:
    grid = app.screen.query_one(RelationGrid)
    return [[str(c) for c in grid.get_row_at(i)] for i in range(grid.row_count)]


async def funds_table(pilot: Pilot[None]) -> RelationsTableScreen:
    """f3, then the type chosen by typing its first letters: f3 t f u Enter."""
    await press(pilot, "f3")
    for key in ("t", "f", "u", "enter"):
        await press(pilot, key)
    return table_of(pilot.app)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_f3_lists_every_stated_relation_then_one_type(
    db: Path, size: tuple[int, int]
) -> None:
    expected = relation_table(open_readonly(db))
    async with started(db, size) as (app, pilot):
        await press(pilot, "f3")
        table = table_of(app)
        assert len(table.shown) == len(expected.rows) == 6  # the co-occurrence is left out
        assert {r.relation.type for r in table.shown} == {
            "funds",
            "holds_role",
            "member_of",
            "hosts",
        }
        await funds_table(pilot)
        assert table.rtype == "funds"
        assert {r.relation.type for r in table.shown} == {"funds"}
        grid = table.query_one(RelationGrid)
        assert grid.columns_shown[:2] == ("source", "target")
        assert "relation" not in grid.columns_shown  # one type: its name is the title
        assert "role" not in grid.columns_shown  # no funding has a role: no empty column
        rows = cells(app)
        amounts = {r[grid.columns_shown.index("amount")] for r in rows}
        assert {"2 047 000", "500 000", "1 000"} <= amounts
        dates = {r[grid.columns_shown.index("date")] for r in rows}
        assert dates == {"2015", "2017-09", "2017"}  # partial dates as the text gives them
        assert grid.region.right <= size[0]


async def test_totals_per_funder_and_year(db: Path) -> None:
    async with started(db) as (app, pilot):
        table = await funds_table(pilot)
        totals = str(table.query_one("#table-totals").render())
        assert "Fonds Alpha (EUR) 2017: 2 047 000 · total 2 047 000 EUR" in totals
        assert "Fonds Alpha (USD) 2015: 500 000" in totals  # never added across currencies
        assert "Fonds [/] Bêta (EUR) 2017: 1 000" in totals  # a name holding markup, as data
        await press(pilot, "slash")
        table.query_one("#table-filter", Input).value = "frontieres"
        await settle(pilot)
        assert [r.relation.target.name for r in table.shown] == ["Programme Frontières"]
        totals = str(table.query_one("#table-totals").render())
        assert "USD" in totals and "EUR" not in totals  # the totals follow the filter
        await press(pilot, "escape")
        assert isinstance(app.focused, RelationGrid)  # Esc leaves the filter, not the table
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_sorting_by_any_column_and_reversing(db: Path) -> None:
    async with started(db) as (_, pilot):
        table = await funds_table(pilot)
        assert table.sort == "source"
        seen = []
        for _ in range(len(table.query_one(RelationGrid).columns_shown)):
            await press(pilot, "s")
            seen.append(table.sort)
            if table.sort == "amount":
                break
        assert seen[0] == "target" and table.sort == "amount"
        assert [r.relation.amount for r in table.shown] == [1000, 500_000, 2_047_000]
        await press(pilot, "r")
        assert [r.relation.amount for r in table.shown] == [2_047_000, 500_000, 1000]
        header = str(table.query_one(RelationGrid).ordered_columns[3].label)
        assert header == "amount ▼"
        table.post_message(RelationGrid.Sort("date"))  # what a click on a header posts
        await settle(pilot)
        assert [r.relation.date for r in table.shown] == ["2015", "2017", "2017-09"]


async def test_enter_opens_the_evidence_and_c_copies_it_cited(db: Path) -> None:
    async with started(db) as (app, pilot):
        table = await funds_table(pilot)
        await press(pilot, "down")
        row = table.shown[1]
        assert str(table.query_one("#table-detail").render()).startswith(
            f"{row.relation.source.name}  → funds →  {row.relation.target.name}"
        )
        await press(pilot, "enter")
        evidence = app.screen
        assert isinstance(evidence, EvidenceScreen)
        assert evidence.relation == row.relation
        hits = evidence.query_one(ExcerptList)
        assert len(hits.excerpts) == 1
        await press(pilot, "c")
        assert "Programme Sécurité pour EUR 2 047 000" in app.clipboard
        assert "— Financements de la coopération, 010_financement.txt, line 1" in app.clipboard
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "DocumentScreen"
        await press(pilot, "escape")
        await press(pilot, "escape")
        assert app.screen is table


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_timeline_of_the_selected_entity_and_of_the_corpus(
    db: Path, size: tuple[int, int]
) -> None:
    async with started(db, size, showing="Meng Hongwei") as (app, pilot):
        await press(pilot, "f4")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        assert [e.relation.type for e in screen.timeline.entries] == ["holds_role"]
        assert screen.timeline.undated == 1  # member_of has no date: counted, not placed
        options = screen.query_one("#timeline-entries", OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert lines[0].startswith("── 2016 · 1")
        assert (
            lines[1].startswith("2016-11-10")
            and "Meng Hongwei → holds a role at → Interpol" in lines[1]
        )
        assert "président" in lines[1]
        assert "without a date" in lines[-1]
        await press(pilot, "a")
        years = [y.year for y in screen.timeline.years]
        assert years == [2015, 2016, 2017]
        dates = [e.date.text for e in screen.timeline.entries]
        assert dates == [
            "2015",
            "2016-11-10",
            "2017",
            "2017",
            "2017-09",
        ]  # a year before its months
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(line.startswith("2015") and "(year only)" in line for line in lines)
        assert any(line.startswith("2017-09") and "(month only)" in line for line in lines)
        assert any("◆" in line and "Assemblée générale" in line for line in lines)  # an event
        chart = screen.query_one(YearChart)
        assert chart.counts == {2015: 1, 2016: 1, 2017: 3}
        assert chart.region.right <= size[0] and options.region.bottom <= size[1]
        assert options.highlighted is not None
        entry = screen.entries[options.highlighted]
        await press(pilot, "enter")
        assert isinstance(app.screen, EvidenceScreen) and entry is not None
        assert app.screen.relation == entry.relation


def test_the_year_chart_keeps_empty_years_and_fits() -> None:
    lines = bar_lines({2004: 1, 2016: 4, 2017: 2}, 80)
    assert all(len(line) <= 80 for line in lines)
    assert lines[1].count("·") == 11 * 4  # the 11 years without any are drawn, not skipped
    assert "2004" in lines[2] and "2017" in lines[2]
    wide = bar_lines({1950 + i: i for i in range(70)}, 60)
    assert all(len(line) <= 60 for line in wide) and "years per bar" in wide[2]
    assert bar_lines({}, 40)[1] == "No dated relation."


@pytest.mark.parametrize(("choice", "suffix"), [(0, ".csv"), (1, ".md")])
async def test_ctrl_o_writes_the_view_beside_the_database(
    db: Path, choice: int, suffix: str
) -> None:
    async with started(db) as (app, pilot):
        await funds_table(pilot)
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, ChoicePrompt)
        await press(pilot, *(["down"] * choice), "enter")
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        path = Path(prompt.query_one(Input).value)
        assert path == db.parent / f"relations-funds{suffix}"
        await press(pilot, "enter")
        assert path.exists()
        assert said(app, f"Wrote {path} (3 rows, quotes cited)")
        text = path.read_text(encoding="utf-8-sig")
        if suffix == ".csv":
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0][:3] == ["source", "relation", "target"] and rows[0][-1] == "quotes"
            assert len(rows) == 4
            assert any(
                "EUR 2 047 000 » — Financements de la coopération, 010_financement.txt, line 1"
                in r[-1]
                for r in rows
            )
        else:
            assert text.startswith("# Relations: funds\n")
            assert "Fonds \\[/\\] Bêta" in text  # markup characters escaped
        await press(pilot, "ctrl+o", "enter")
        again = app.screen
        assert isinstance(again, TextPrompt)
        assert Path(again.query_one(Input).value).name == f"relations-funds-2{suffix}"


async def test_ctrl_o_to_the_clipboard_and_from_the_timeline(db: Path) -> None:
    async with started(db) as (app, pilot):
        await press(pilot, "f4", "a")  # from the selected entity's timeline to the corpus's
        await press(pilot, "ctrl+o", "down", "down", "enter")
        assert app.clipboard.startswith("# Timeline of the corpus\n")
        assert "2016-11-10" in app.clipboard and "## Quotes" in app.clipboard
        await press(pilot, "ctrl+o", "up", "up", "enter")  # the clipboard was offered first
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        prompt.query_one(Input).value = "exports/timeline.csv"  # relative: beside the database
        await press(pilot, "enter")
        assert (db.parent / "exports" / "timeline.csv").exists()


async def test_ctrl_o_on_the_main_screen_exports_the_list_or_the_excerpts(db: Path) -> None:
    async with started(db) as (app, pilot):
        await press(pilot, "ctrl+o", "down", "down", "enter")  # the clipboard, Markdown
        assert app.clipboard.startswith("# Entities (all, by mentions)\n")
        shown = app.screen.query_one(EntityList).rows
        assert len(shown) > 1 and all(md_cell(row.name) in app.clipboard for row in shown)
        app.screen.query_one(ExcerptList).focus()
        await press(pilot, "ctrl+o", "enter")  # the last choice is offered first
        assert app.clipboard.startswith("# Excerpts of ")
        assert "## Quotes" in app.clipboard and ", line " in app.clipboard


async def test_an_export_that_cannot_be_written_says_why(db: Path) -> None:
    async with started(db) as (app, pilot):
        await press(pilot, "f3", "ctrl+o", "enter")
        app.screen.query_one(Input).value = str(db.parent)  # a folder
        await press(pilot, "enter")
        assert said(app, "is a folder")
        assert isinstance(app.screen, RelationsTableScreen)


@pytest.mark.parametrize(
    ("name", "screen"),
    [
        ("Relations table", RelationsTableScreen),
        ("Timeline", TimelineScreen),
        ("Export view", ChoicePrompt),
    ],
)
async def test_each_view_is_in_the_palette_by_its_name(db: Path, name: str, screen: type) -> None:
    async with started(db) as (app, pilot):
        if screen is ChoicePrompt:
            await press(pilot, "f3")
        await from_palette(pilot, name)
        assert isinstance(app.screen, screen)


async def test_the_type_chooser_counts_each_type(db: Path) -> None:
    async with started(db) as (app, pilot):
        await press(pilot, "f3")
        select = app.screen.query_one("#table-type", Select)
        labels = [str(prompt) for prompt, _ in select._options]
        assert labels[:2] == ["every stated type (6)", "holds a role at (1)"]
        assert "funds (3)" in labels and not any(label.startswith("trains") for label in labels)


async def test_e_shows_the_rows_source_on_the_main_screen(db: Path) -> None:
    async with started(db) as (app, pilot):
        table = await funds_table(pilot)
        await press(pilot, "down", "down")
        source = table.shown[2].relation.source
        await press(pilot, "e")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.entity_id == source.id


async def test_ctrl_o_on_the_evidence_exports_its_passages_cited(db: Path) -> None:
    async with started(db) as (app, pilot):
        await funds_table(pilot)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, EvidenceScreen)
        await press(pilot, "ctrl+o", "down", "down", "enter")
        copied = app.clipboard
        assert copied.startswith("# Evidence: Fonds Alpha funds Programme Sécurité\n")
        assert (
            "1. « le Fonds Alpha finance le Programme Sécurité pour EUR 2 047 000 » — "
            "*Financements de la coopération, 010\\_financement.txt, line 1*"
        ) in copied


async def test_escape_from_the_type_chooser_comes_back_to_the_table(db: Path) -> None:
    async with started(db) as (app, pilot):
        await press(pilot, "f3", "t")
        assert not isinstance(app.focused, RelationGrid)  # the chooser is open
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, RelationsTableScreen)
        assert isinstance(app.focused, RelationGrid)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_rebuild_while_the_table_is_open_shows_the_new_rows(db: Path) -> None:
    async with started(db) as (app, pilot):
        table = await funds_table(pilot)
        assert len(table.shown) == 3
        builder = workbench_builder()
        builder.relation(2, 4, "funds", date="2018", amount=7, currency="EUR")
        builder.write(db)  # a new file in place, as a rebuild leaves it
        app.watcher.check()
        await settle(pilot)
        assert len(table.shown) == 4
        assert table.rtype == "funds"  # the type, filter and sort are kept


async def test_a_rebuild_while_the_frequencies_are_open_counts_again(db: Path) -> None:
    async with started(db) as (app, pilot):
        await press(pilot, "f7")
        screen = app.screen
        assert isinstance(screen, FrequenciesScreen)
        before = sum(f.entities for f in screen.by_type)
        builder = workbench_builder()
        builder.entity("Europol", "organization")
        builder.write(db)  # a new file in place, as a rebuild leaves it
        app.watcher.check()
        await settle(pilot)
        assert sum(f.entities for f in screen.by_type) == before + 1
        assert screen.query_one("#freq-types", DataTable).row_count == len(screen.by_type)
