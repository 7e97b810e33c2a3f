"""The relations table (f3) on more rows than it holds at a time: the grid keeps a page,
scrolling reaches the last row, sorting and filtering show the rows of the whole table in
its order, and the export writes every row; the corpus's timeline (f4) listed a page at a
time."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from dbfactory import PAGING_ROWS, paging_builder
from filature.export.views import view_csv, view_size, write_view
from filature.query.tables import filter_rows, relation_table, sort_rows
from filature.query.timeline import timeline
from filature.query.types import EndPoint
from filature.query.views import SourceTotal
from filature.store.connect import open_readonly
from filature.tui.app import make_app
from filature.tui.screens import timeline as timeline_screen
from filature.tui.screens.relations_table import RelationsTableScreen
from filature.tui.screens.relations_table_pages import PAGE
from filature.tui.table_text import TOTALS_SHOWN, totals_content
from filature.tui.widgets.relation_grid import RelationGrid
from pilotkit import press, settle

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paging") / "work"
    folder.mkdir()
    return paging_builder().write(folder / "filature.db")


@asynccontextmanager
async def table(db: Path) -> AsyncIterator[tuple[RelationsTableScreen, Pilot[None]]]:
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f3")
        screen = app.screen
        assert isinstance(screen, RelationsTableScreen)
        yield screen, pilot


def expected(db: Path, sort: str = "source", descending: bool = False, text: str = "") -> list[int]:
    conn = open_readonly(db)
    try:
        rows = filter_rows(relation_table(conn).rows, text)
        return [r.relation.id for r in sort_rows(rows, sort, descending)]
    finally:
        conn.close()


def held(screen: RelationsTableScreen) -> list[int]:
    return [r.relation.id for r in screen.shown]


def under_cursor(screen: RelationsTableScreen) -> int:
    grid = screen.query_one(RelationGrid)
    assert grid.current is not None
    return screen.shown[grid.current].relation.id


async def test_the_grid_holds_a_page_and_scrolling_reaches_the_last_row(db: Path) -> None:
    ids = expected(db)
    assert len(ids) > PAGE
    async with table(db) as (screen, pilot):
        grid = screen.query_one(RelationGrid)
        assert held(screen) == ids[:PAGE] and grid.row_count == PAGE
        assert f"{len(ids):,} relations" in str(grid.border_subtitle)
        seen = [under_cursor(screen)]
        for _ in range(len(ids) + 5):  # down, one row at a time, past the rows held
            await pilot.press("down")
            seen.append(under_cursor(screen))
        assert list(dict.fromkeys(seen)) == ids  # every row, in order, then stays on the last
        assert grid.row_count <= PAGE
        await press(pilot, "ctrl+home")
        assert under_cursor(screen) == ids[0]
        await press(pilot, "ctrl+end")
        assert under_cursor(screen) == ids[-1]
        for _ in range(PAGING_ROWS):
            await press(pilot, "pageup")
            if under_cursor(screen) == ids[0]:
                break
        assert under_cursor(screen) == ids[0]


async def test_sorting_and_filtering_show_the_rows_of_the_whole_table(db: Path) -> None:
    async with table(db) as (screen, pilot):
        for column in ("date", "amount", "target"):
            screen.post_message(RelationGrid.Sort(column))
            await settle(pilot)
            await press(pilot, "r")
            want = expected(db, column, True)
            assert held(screen) == want[:PAGE], column
            await press(pilot, "ctrl+end")
            assert under_cursor(screen) == want[-1], column
        await press(pilot, "slash")
        screen.query_one("#table-filter", Input).value = "ecole"
        await settle(pilot)
        want = expected(db, "target", True, "ecole")
        assert len(want) > 0 and held(screen)[: len(want)] == want[:PAGE]


async def test_the_export_writes_every_row_not_only_those_held(db: Path, tmp_path: Path) -> None:
    ids = expected(db, "passages")
    async with table(db) as (screen, pilot):
        screen.post_message(RelationGrid.Sort("passages"))
        await settle(pilot)
        assert len(screen.shown) == PAGE
        view = screen.current_view()
        assert view_size(view) == len(ids)
        out = write_view(view, tmp_path / "all.csv")
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert len(rows) == len(ids)
        assert [int(r["passages"]) for r in rows] == sorted(int(r["passages"]) for r in rows)
        assert rows == list(csv.DictReader(io.StringIO(view_csv(view))))
        markdown = write_view(view, tmp_path / "all.md").read_text(encoding="utf-8")
        assert markdown.count("\n| ") == len(ids) + 2  # the header, its rule and every row


async def test_the_corpus_timeline_lists_a_page_then_the_next_and_exports_all(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timeline_screen, "PAGE", 40)
    conn = open_readonly(db)
    whole = timeline(conn)
    conn.close()
    assert len(whole.entries) > 80
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f4")
        screen = app.screen
        assert isinstance(screen, timeline_screen.TimelineScreen)
        if screen.scope is not None:
            await press(pilot, "a")
        assert screen.timeline.entries == whole.entries[:40]
        assert screen.counts == whole.counts and screen.undated == whole.undated
        options = screen.query_one("#timeline-entries", OptionList)
        last = options.get_option_at_index(options.option_count - 1)
        assert last.id == timeline_screen.MORE and "more dated relations" in str(last.prompt)
        options.highlighted = options.option_count - 1
        await press(pilot, "enter")
        assert screen.timeline.entries == whole.entries[:80]
        headings = [
            str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)
            if options.get_option_at_index(i).disabled
        ]
        assert len(headings) == len({e.date.year for e in whole.entries[:80]})  # none twice
        view = screen.current_view()
        assert view_size(view) == len(whole.entries)
        rows = list(csv.DictReader(io.StringIO(view_csv(view))))
        assert [r["date"] for r in rows] == [
            e.date.text + (" (period)" if e.from_period else "") for e in whole.entries
        ]


async def test_columns_fit_their_cells_as_soon_as_the_rows_are_shown_again(db: Path) -> None:
    """The later reads show the rows again; a frame drawn before the grid's idle measuring
    had every column cut to its header ("500 00" for 500 000: seen in CI under load)."""
    async with table(db) as (screen, _pilot):
        screen.refresh_rows()  # no await: nothing measured since
        grid = screen.query_one(RelationGrid)
        for column in grid.columns.values():
            cells = [grid.get_cell(row, column.key) for row in grid.rows]
            widest = max([column.label.cell_len, *(cell.cell_len for cell in cells)])
            assert column.get_render_width(grid) - 2 * grid.cell_padding >= widest, column.label


def test_the_totals_box_holds_a_bounded_number_of_lines() -> None:
    """The box is laid out whole: at 31,500 sources (the 1M benchmark) each layout of the
    table's screen took seconds, and the evidence opened over it as long."""
    totals = tuple(
        SourceTotal(EndPoint(n, f"Fonds {n}", "organisation"), "EUR", 10.0, 1, ((2017, 10.0),))
        for n in range(TOTALS_SHOWN + 57)
    )
    lines = totals_content(totals).plain.splitlines()
    assert len(lines) == TOTALS_SHOWN + 1
    assert lines[0].startswith("Fonds 0 (EUR) 2017: 10")
    assert lines[-1].startswith("… 57 more sources and currencies")
    few = totals_content(totals[:3]).plain.splitlines()
    assert [line.split(" (")[0] for line in few] == ["Fonds 0", "Fonds 1", "Fonds 2"]
