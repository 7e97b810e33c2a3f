"""The relations table (f3): every relation of one type across the corpus, sortable by any
column, filtered by words, with the amounts totalled per source and year; Enter opens the
evidence of a row."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Footer, Input, Select, Static

from filature.export.views import View, relation_table_view
from filature.query import Relation
from filature.query.tables import COLUMNS, filter_rows, sort_rows, source_totals
from filature.query.views import RelationTable, TableRow
from filature.tui.catalog import Catalog
from filature.tui.explorer import explorer
from filature.tui.render import flat
from filature.tui.screens.evidence import EvidenceScreen, facts_content, relation_line
from filature.tui.screens.relation_screen import RelationScreen
from filature.tui.table_text import shown_view, totals_content
from filature.tui.widgets.relation_grid import RelationGrid, used_columns
from filature.vocabulary import relation_type

EVERY = "*"


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
        self.table = RelationTable(rtype, (), ())
        self.shown: tuple[TableRow, ...] = ()
        self.reading = True

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
        self.reading = True
        grid = self.query_one(RelationGrid)
        grid.border_title = Content(f"Relations table: {self._type_name()}")
        grid.border_subtitle = "reading…"
        rtype = self.rtype
        self.read(lambda: self.catalog.relation_table(rtype), self._loaded)

    def _loaded(self, table: RelationTable) -> None:
        self.table = table
        self.reading = False
        self.refresh_rows()

    def _type_name(self) -> str:
        return "every stated type" if self.rtype is None else relation_type(self.rtype).label

    def refresh_rows(self) -> None:
        """Filter, sort and show the rows, the totals of the rows shown, the detail line."""
        text = self.query_one("#table-filter", Input).value
        rows = filter_rows(self.table.rows, text)
        self.shown = sort_rows(rows, self.sort, self.descending)
        everything = self._view(self.table.rows)
        keep = used_columns(everything, ("source", "target"))
        if self.rtype is not None:
            keep = tuple(c for c in keep if c != "relation")
        grid = self.query_one(RelationGrid)
        grid.show(
            shown_view(self._view(self.shown), self.shown),
            keep=keep,
            sort=self.sort,
            descending=self.descending,
            width=self.size.width,
        )
        total = len(self.table.rows)
        count = f"{len(self.shown):,} of {total:,}" if len(self.shown) != total else f"{total:,}"
        arrow = "▼" if self.descending else "▲"
        plural = "s" if total != 1 else ""
        grid.border_subtitle = (
            f"{count} relation{plural} · sort: {self.sort} {arrow} · Enter: evidence"
        )
        totals = source_totals(self.shown)
        box = self.query_one("#table-totals-box")
        box.display = bool(totals)
        self.query_one("#table-totals", Static).update(totals_content(totals))
        self._show_detail()

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
        self.refresh_rows()

    @on(Select.Changed, "#table-type")
    def _type_changed(self, event: Select.Changed) -> None:
        rtype = None if event.value == EVERY else str(event.value)
        if rtype != self.rtype:
            self.rtype = rtype
            self._load()
            self.query_one(RelationGrid).focus()

    @on(Input.Changed, "#table-filter")
    def _filter_changed(self) -> None:
        if not self.reading:
            self.refresh_rows()

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
        self.refresh_rows()

    def action_reverse(self) -> None:
        """Reverse the sort order."""
        self.descending = not self.descending
        self.refresh_rows()

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
        """The rows as shown (filtered, sorted), every column, quotes cited."""
        view = self._view(self.shown)
        text = self.query_one("#table-filter", Input).value.strip()
        title = view.title + (f" (filter: {text})" if text else "")
        return replace(view, title=title)
