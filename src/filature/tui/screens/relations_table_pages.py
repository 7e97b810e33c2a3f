"""The paging behind the relations table (f3): the rows asked for (type, sort, filter) are
sorted and filtered in SQL and read a page at a time: the first page, then every row's id in
order (scrolling past the rows held reads the page there), then the totals."""

from __future__ import annotations

import threading
from array import array

from textual import on, work
from textual.content import Content
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from filature.export.views import View, relation_table_view
from filature.query.table_pages import TableQuery
from filature.query.views import RelationTable, SourceTotal, TableRow
from filature.tui.catalog import Catalog
from filature.tui.render import flat
from filature.tui.screens.evidence import facts_content, relation_line
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


class RelationsTablePages(RelationScreen):
    """The relations table's rows, read a page at a time, and how they are shown in its grid,
    count and detail line (the screen adds its keys and its export)."""

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
