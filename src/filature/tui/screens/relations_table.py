"""The relations table (f3): every relation of one type across the corpus, sortable by any
column, filtered by words, with the amounts totalled per source and year; Enter opens the
evidence of a row. Sorted and filtered in SQL and read a page at a time: the first page,
then every row's id in order (scrolling past the rows held reads the page there), then the
totals; the export streams every row."""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterator
from dataclasses import replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Footer, Input, Select, Static
from textual.worker import get_current_worker

from filature.export.views import Record, View, relation_table_view
from filature.query import Relation
from filature.query.table_pages import CHUNK, TableQuery, table_rows
from filature.query.tables import COLUMNS
from filature.query.views import RelationTable, SourceTotal, TableRow
from filature.tui.catalog import Catalog
from filature.tui.explorer import explorer
from filature.tui.render import flat
from filature.tui.screens.evidence import EvidenceScreen, facts_content, relation_line
from filature.tui.screens.relation_screen import RelationScreen
from filature.tui.table_text import shown_view, totals_content
from filature.tui.widgets.relation_grid import RelationGrid, used_columns
from filature.vocabulary import relation_type

EVERY = "*"
PAGE = 100
"""Rows held by the grid at a time (the table is read a page at a time)."""
PAINT_WAIT = 1.0
"""Seconds the reads after the first page wait for it to be drawn, at most."""


def _cancelled() -> bool:
    """True when the worker running this was cancelled (a newer read replaced it)."""
    return get_current_worker().is_cancelled


class RelationsTableScreen(RelationScreen):
    """The relations of one type (or of every stated type) as a table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "close", "Back", tooltip="Back (from the filter or the type: to the table)"
        ),
        Binding("t", "choose_type", "Type", tooltip="Choose the relation type (type to search)"),
        Binding("slash", "focus_filter", "Filter", tooltip="Filter the rows by words"),
        Binding("s", "next_sort", "Sort", tooltip="Sort by the next column (or click a header)"),
        Binding("r", "reverse", "Reverse", tooltip="Reverse the sort order"),
        Binding("enter", "evidence", "Evidence", tooltip="The passages behind the relation"),
        Binding("e", "open_source", "Go to", tooltip="Show the row's source on the main screen"),
    ]

    def __init__(self, catalog: Catalog, rtype: str | None = None) -> None:
        """The table of ``rtype`` (None: every stated type) over ``catalog``."""
        super().__init__()
        self.catalog = catalog
        self.rtype = rtype
        self.sort = "source"
        self.descending = False
        self.shown: tuple[TableRow, ...] = ()
        """The rows held by the grid: a window of at most ``PAGE`` rows from ``offset``."""
        self.start = 0
        self.count: int | None = None
        """The number of rows, when counted before their ids are read (no filter)."""
        self.ids: array[int] | None = None
        """Every row's id in the table's order, once read (the first page comes before)."""
        self.totals: tuple[SourceTotal, ...] = ()
        self.columns: frozenset[str] = frozenset()
        self.reading = True

    @property
    def table_query(self) -> TableQuery:
        """The rows asked for: the type, the sort and the filter's words."""
        text = self.query_one("#table-filter", Input).value
        return TableQuery(self.rtype, self.sort, self.descending, text)

    @property
    def total(self) -> int | None:
        """How many rows the table has (None until counted)."""
        if self.ids is not None:
            return len(self.ids)
        if self.count is not None:
            return self.count
        return len(self.shown) if not self.reading and len(self.shown) < PAGE else None

    def compose(self) -> ComposeResult:
        counts = self.catalog.relation_type_counts()
        options = [(f"every stated type ({sum(counts.values()):,})", EVERY)]
        options += [
            (f"{relation_type(t).label} ({n:,})", t)
            for t, n in counts.items()
            if n or t == self.rtype
        ]
        with Horizontal(id="table-bar"):
            yield Select(options, value=self.rtype or EVERY, allow_blank=False, id="table-type")
            yield Input(placeholder="Filter: words in any cell (/)", id="table-filter")
        yield RelationGrid(id="table-rows")
        yield Static(Content(""), id="table-detail", markup=False)
        with VerticalScroll(id="table-totals-box"):
            yield Static(Content(""), id="table-totals", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#table-totals-box").border_title = "Amounts per source and year"
        self.query_one(RelationGrid).focus()
        self._load()

    def reload_data(self) -> None:
        """Read the database again (it was rebuilt, or decisions were made elsewhere)."""
        self._load()

    def _load(self) -> None:
        """Read the first page of the rows asked for, then every row's id and the totals."""
        self._generation += 1
        self.reading = True
        self.ids = self.count = None
        self.columns = frozenset()
        grid = self.query_one(RelationGrid)
        grid.border_title = Content(f"Relations table: {self._type_name()}")
        grid.border_subtitle = "reading…"
        self._read_pages(self.table_query, self._generation)

    @work(thread=True, exclusive=True, group="relations-table")
    def _read_pages(self, query: TableQuery, generation: int) -> None:
        ids = self.catalog.table_ids(query, PAGE) or array("q")
        first = self.catalog.table_rows(ids)
        # without a filter the count comes from the type index at once (with one, from the ids)
        count = None if query.text.strip() else self.catalog.table_count(query)
        if _cancelled():
            return
        painted = threading.Event()
        self.app.call_from_thread(self._first_page, first, count, generation, painted)
        painted.wait(PAINT_WAIT)  # the page drawn before the long reads take their share
        columns = self.catalog.table_columns(query.rtype)
        every = self.catalog.table_ids(query) if len(first) == PAGE else ids
        if _cancelled():
            return
        self.app.call_from_thread(self._counted, every, columns, generation)
        totals = self.catalog.table_totals(query)
        if not _cancelled():
            self.app.call_from_thread(self._totalled, totals, generation)

    def _current_generation(self, generation: int) -> bool:
        return generation == self._generation and self.is_attached

    def _first_page(
        self,
        rows: tuple[TableRow, ...],
        count: int | None,
        generation: int,
        painted: threading.Event,
    ) -> None:
        self.call_after_refresh(painted.set)
        if self._current_generation(generation):
            self.count = count
            self.reading = False
            self.start = 0
            self.shown = rows
            self.refresh_rows(cursor=0)

    def _counted(self, ids: array[int] | None, columns: frozenset[str], generation: int) -> None:
        if not self._current_generation(generation):
            return
        self.ids, self.columns = ids, columns
        grid = self.query_one(RelationGrid)
        if set(self._keep(self._view(self.shown))) != set(grid.columns_shown):
            self.refresh_rows()  # a column holds values past the first page
        else:
            self._edges()
            self._show_count()

    def _totalled(self, totals: tuple[SourceTotal, ...], generation: int) -> None:
        if self._current_generation(generation):
            self.totals = totals
            box = self.query_one("#table-totals-box")
            box.display = bool(totals)
            self.query_one("#table-totals", Static).update(totals_content(totals))

    def _type_name(self) -> str:
        return "every stated type" if self.rtype is None else relation_type(self.rtype).label

    def refresh_rows(self, cursor: int | None = None) -> None:
        """Show the rows held (the cursor on row ``cursor`` of them, else where it was),
        the count, the sort and the detail line."""
        view = self._view(self.shown)
        grid = self.query_one(RelationGrid)
        grid.show(
            shown_view(view, self.shown),
            keep=self._keep(view),
            sort=self.sort,
            descending=self.descending,
            width=self.size.width,
            cursor=cursor,
        )
        self._edges()
        self._show_count()
        self._show_detail()

    def _keep(self, view: View) -> tuple[str, ...]:
        """The columns to show: those holding a value in the rows held or in any row."""
        keep = tuple(c for c in view.columns if c in self.columns) + used_columns(view)
        return keep if self.rtype is None else tuple(c for c in keep if c != "relation")

    def _edges(self) -> None:
        """Tell the grid whether rows come before or after those it holds."""
        grid = self.query_one(RelationGrid)
        total = self.total
        grid.more_before = self.start > 0
        grid.more_after = total is None or self.start + len(self.shown) < total

    def _show_count(self) -> None:
        grid = self.query_one(RelationGrid)
        total = self.total
        where = ""
        if self.shown and (self.start or total is None or len(self.shown) < total):
            row = self.start + (grid.current or 0) + 1
            where = f"{row:,} of " if total is not None else f"{row:,} of more, counting… · "
        count = "" if total is None else f"{total:,} relation{'s' if total != 1 else ''}"
        arrow = "▼" if self.descending else "▲"
        text = self.query_one("#table-filter", Input).value.strip()
        matched = " matching" if text else ""
        grid.border_subtitle = (
            f"{where}{count}{matched} · sort: {self.sort} {arrow} · Enter: evidence"
        )

    def _move(self, target: int) -> None:
        """Put the cursor on row ``target`` of the whole table, reading the page around it."""
        if self.ids is None or not self.ids:
            return
        target = max(0, min(target, len(self.ids) - 1))
        offset = max(0, min(target - PAGE // 2, len(self.ids) - PAGE))
        if offset != self.start or not self.shown:
            self.shown = self.catalog.table_rows(self.ids[offset : offset + PAGE])
            self.start = offset
        self.refresh_rows(cursor=target - self.start)

    @on(RelationGrid.Edge)
    def _edge(self, event: RelationGrid.Edge) -> None:
        event.stop()
        if self.ids is None:
            self.notify("Still reading the order of every row…", timeout=2, markup=False)
            return
        here = self.start + (self.query_one(RelationGrid).current or 0)
        page = self.query_one(RelationGrid).page_height
        moves = {
            "down": here + 1,
            "up": here - 1,
            "page_down": here + page,
            "page_up": here - page,
            "top": 0,
            "bottom": len(self.ids) - 1,
        }
        self._move(moves.get(event.move, here))

    def _view(self, rows: tuple[TableRow, ...]) -> View:
        return relation_table_view(RelationTable(self.rtype, rows, ()))

    def _show_detail(self) -> None:
        detail = self.query_one("#table-detail", Static)
        row = self._current()
        if row is None:
            message = "Reading the relations…" if self.reading else "No relation to show."
            detail.update(Content(message).stylize("italic $text-muted"))
            return
        r = row.relation
        parts = [relation_line(r), Content("  "), facts_content(r)]
        if row.shared_amount is not None:
            shared = row.shared_amount
            parts.append(
                Content(f" · amount (shared with the row's other relations): {shared.text}")
            )
        docs = "; ".join(row.documents)
        parts.append(Content(f" · {row.passages} passage{'s' if row.passages != 1 else ''} in "))
        parts.append(Content(flat(docs)).stylize("italic"))
        detail.update(Content.assemble(*parts))

    def _current(self) -> TableRow | None:
        index = self.query_one(RelationGrid).current
        if index is None or index >= len(self.shown):
            return None
        return self.shown[index]

    @on(RelationGrid.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_count()
        self._show_detail()

    @on(RelationGrid.Chosen)
    def _chosen(self, event: RelationGrid.Chosen) -> None:
        if event.index < len(self.shown):
            self.app.push_screen(EvidenceScreen(self.catalog, self.shown[event.index].relation))

    @on(RelationGrid.Sort)
    def _sort_clicked(self, event: RelationGrid.Sort) -> None:
        if event.column not in COLUMNS:
            self.notify(
                "Rows of every type are sorted by source; choose one type with t.",
                timeout=3,
                markup=False,
            )
            return
        self.descending = not self.descending if event.column == self.sort else False
        self.sort = event.column
        self._load()

    @on(Select.Changed, "#table-type")
    def _type_changed(self, event: Select.Changed) -> None:
        rtype = None if event.value == EVERY else str(event.value)
        if rtype != self.rtype:
            self.rtype = rtype
            self._load()
            self.query_one(RelationGrid).focus()

    @on(Input.Changed, "#table-filter")
    def _filter_changed(self) -> None:
        self._load()

    @on(Input.Submitted, "#table-filter")
    def _filter_done(self) -> None:
        self.query_one(RelationGrid).focus()

    def on_resize(self, event: Resize) -> None:
        if not self.reading:
            self.refresh_rows()

    def action_close(self) -> None:
        """Esc: from the filter or the type back to the table, from the table back to where
        f3 was pressed."""
        grid = self.query_one(RelationGrid)
        if not grid.has_focus:
            grid.focus()
        else:
            self.dismiss(None)

    def action_choose_type(self) -> None:
        """Open the type chooser."""
        select = self.query_one("#table-type", Select)
        select.focus()
        select.expanded = True

    def action_focus_filter(self) -> None:
        """Move to the filter."""
        self.query_one("#table-filter", Input).focus()

    def action_next_sort(self) -> None:
        """Sort by the next shown column (ascending)."""
        shown = [c for c in self.query_one(RelationGrid).columns_shown if c in COLUMNS]
        if not shown:
            return
        position = shown.index(self.sort) if self.sort in shown else -1
        self.sort = shown[(position + 1) % len(shown)]
        self.descending = False
        self._load()

    def action_reverse(self) -> None:
        """Reverse the sort order."""
        self.descending = not self.descending
        self._load()

    def current_relation(self) -> Relation | None:
        """The relation of the row under the cursor."""
        row = self._current()
        return None if row is None else row.relation

    def action_open_source(self) -> None:
        """Show the row's source entity on the main screen."""
        row = self._current()
        if row is not None:
            explorer(self).open_entity(row.relation.source.id)

    def current_view(self) -> View:
        """Every row as sorted and filtered (not only the rows held), every column, quotes
        cited: streamed from the database a chunk at a time when written."""
        query, rtype = self.table_query, self.rtype
        ids = self.ids
        if ids is None:
            ids = self.catalog.table_ids(query) or array("q")
        conn = self.catalog.conn

        def stream() -> Iterator[Record]:
            for start in range(0, len(ids), CHUNK):
                rows = table_rows(conn, ids[start : start + CHUNK])
                view = relation_table_view(RelationTable(rtype, rows, ()))
                yield from zip(view.rows, view.quotes, strict=True)

        view = self._view(())
        text = query.text.strip()
        title = view.title + (f" (filter: {text})" if text else "")
        return replace(view, title=title, stream=stream, size=len(ids))
