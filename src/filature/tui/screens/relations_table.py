"""The relations table (f3): every relation of one type across the corpus, sortable by any
column, filtered by words, with the amounts totalled per source and year; Enter opens the
evidence of a row. Sorted and filtered in SQL and read a page at a time: the first page,
then every row's id in order (scrolling past the rows held reads the page there), then the
totals; the export streams every row."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Input, Select, Static

from filature.export.views import Record, View, relation_table_view
from filature.query import Relation
from filature.query.table_pages import CHUNK, table_rows
from filature.query.tables import COLUMNS
from filature.query.views import RelationTable
from filature.tui.explorer import explorer
from filature.tui.screens.evidence import EvidenceScreen
from filature.tui.screens.relations_table_pages import EVERY, RelationsTablePages
from filature.tui.widgets.key_footer import KeyFooter
from filature.tui.widgets.relation_grid import RelationGrid
from filature.vocabulary import relation_type


class RelationsTableScreen(RelationsTablePages):
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
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#table-totals-box").border_title = "Amounts per source and year"
        self.query_one(RelationGrid).focus()
        self._load()

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
        catalog = self.catalog

        def stream() -> Iterator[Record]:
            with catalog.reading() as conn:  # written from a worker: not closed under it
                for start in range(0, len(ids), CHUNK):
                    rows = table_rows(conn, ids[start : start + CHUNK])
                    view = relation_table_view(RelationTable(rtype, rows, ()))
                    yield from zip(view.rows, view.quotes, strict=True)

        view = self._view(())
        text = query.text.strip()
        title = view.title + (f" (filter: {text})" if text else "")
        return replace(view, title=title, stream=stream, size=len(ids))
