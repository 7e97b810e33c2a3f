"""A table of relations as the export writes them (``export.views.View`` cells): columns
with nothing in them left out, long cells clipped to fit narrow screens (the row under the
cursor is shown whole elsewhere), the sort column marked in its header."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from filature.export.views import View
from filature.query.text import printable_line

ALWAYS = ("source", "target")
RIGHT = ("amount", "documents", "passages")
NARROW = 110
"""Below this width, long cells are clipped (the detail line shows the row whole)."""


def clip(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    line = printable_line(text)
    return line if len(line) <= width else line[: max(1, width - 1)] + "…"


def _cell(column: str, value: str, long: int) -> Text:
    """A cell of ``column``: dates and periods cut to 12 characters, other cells to ``long``;
    numbers to the right."""
    width = 12 if column in ("date", "period") else long
    return Text(clip(value, width), justify="right" if column in RIGHT else "left")


class RelationGrid(DataTable[Text]):
    """The rows of a view, one per relation; Enter asks for the evidence of a row."""

    DEFAULT_CSS = "RelationGrid { height: 1fr; }"

    @dataclass
    class Chosen(Message):
        """Enter (or a click) on the row at ``index`` of the shown rows."""

        index: int

    @dataclass
    class Edge(Message):
        """A move past the rows held (``more_before``/``more_after``): ``up``, ``down``,
        ``page_up``, ``page_down``, ``top`` or ``bottom`` of the whole table."""

        move: str

    @dataclass
    class Sort(Message):
        """A click on the header of ``column``."""

        column: str

    def __init__(self, *, id: str | None = None) -> None:
        """An empty grid."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.columns_shown: tuple[str, ...] = ()
        self.more_before = False
        """Rows come before the first row held (the table is read a page at a time)."""
        self.more_after = False
        """Rows come after the last row held."""

    def show(
        self,
        view: View,
        *,
        keep: tuple[str, ...],
        sort: str,
        descending: bool,
        width: int,
        cursor: int | None = None,
    ) -> None:
        """Show ``view``'s rows, with the columns named in ``keep`` (in the view's order),
        ``sort`` marked as the sort column; cells clipped when ``width`` is narrow; the
        cursor on row ``cursor`` (by default where it was)."""
        cursor = self.cursor_row if cursor is None else cursor
        self.clear(columns=True)
        index = [i for i, name in enumerate(view.columns) if name in keep]
        self.columns_shown = tuple(view.columns[i] for i in index)
        long = 17 if width < NARROW else 48
        rows = [[_cell(view.columns[i], cells[i], long) for i in index] for cells in view.rows]
        for column, name in enumerate(self.columns_shown):
            mark = (" ▼" if descending else " ▲") if name == sort else ""
            label = Text(name + mark, style="bold")
            # measured here: DataTable measures new rows when idle, and a redraw before that
            # (rows shown again while the later reads arrive) left columns cut to their header
            fit = max([label.cell_len, *(row[column].cell_len for row in rows)])
            self.add_column(label, key=name, width=fit)
        for number, shown in enumerate(rows):
            self.add_row(*shown, key=str(number))
        if view.rows:
            self.move_cursor(row=min(cursor, len(view.rows) - 1))

    def _edge(self, move: str, before: bool) -> bool:
        at = self.cursor_row == 0 if before else self.cursor_row >= self.row_count - 1
        if at and (self.more_before if before else self.more_after):
            self.post_message(self.Edge(move))
            return True
        return False

    def action_cursor_down(self) -> None:
        """Down, or the next rows past the last one held."""
        if not self._edge("down", False):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Up, or the rows before the first one held."""
        if not self._edge("up", True):
            super().action_cursor_up()

    def action_page_down(self) -> None:
        """A page down, or the next rows past the last one held."""
        if not self._edge("page_down", False):
            super().action_page_down()

    def action_page_up(self) -> None:
        """A page up, or the rows before the first one held."""
        if not self._edge("page_up", True):
            super().action_page_up()

    def action_scroll_top(self) -> None:
        """The first row of the whole table."""
        if self.more_before:
            self.post_message(self.Edge("top"))
        else:
            super().action_scroll_top()

    def action_scroll_bottom(self) -> None:
        """The last row of the whole table."""
        if self.more_after:
            self.post_message(self.Edge("bottom"))
        else:
            super().action_scroll_bottom()

    @property
    def page_height(self) -> int:
        """How many rows fit on the screen."""
        return max(1, self.scrollable_content_region.height - 1)

    @property
    def current(self) -> int | None:
        """The index of the row under the cursor, if any."""
        return self.cursor_row if self.row_count else None

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.cursor_row))

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if event.column_key.value is not None:
            self.post_message(self.Sort(event.column_key.value))


def used_columns(view: View, always: tuple[str, ...] = ALWAYS) -> tuple[str, ...]:
    """The columns of ``view`` that hold something in at least one row (``always`` kept)."""
    return tuple(
        name
        for i, name in enumerate(view.columns)
        if name in always or any(row[i] for row in view.rows)
    )
