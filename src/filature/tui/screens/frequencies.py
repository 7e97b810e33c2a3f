"""The frequency view (F7), as VisiData's frequency sheet: entities counted by type and by
document, with their share and a bar; Enter on a type lists that type on the main screen,
on a document opens it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from filature.export.views import View
from filature.query import TYPE_LABELS
from filature.query.facets import Frequency
from filature.tui.catalog import Catalog
from filature.tui.render import flat
from filature.tui.screens.document import DocumentScreen
from filature.tui.widgets.key_footer import KeyFooter

BAR = 16
COLUMNS = ("entities", "share", "mentions", "")


def bar(count: int, most: int, width: int = BAR) -> str:
    """A histogram bar of ``count`` against ``most`` (eighths of a cell)."""
    if most <= 0 or count <= 0:
        return ""
    eighths = max(1, round(count * width * 8 / most))
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def share(count: int, total: int) -> str:
    """``count`` as a percentage of ``total``, one decimal."""
    return f"{100 * count / total:.1f} %" if total else ""


class FrequenciesScreen(Screen[str | None]):
    """Two frequency tables; Tab moves between them. Dismissed with the type chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f7", "dismiss(None)", "Close", tooltip="Back to the main screen"),
    ]

    def __init__(self, catalog: Catalog) -> None:
        """The frequencies of ``catalog``'s database."""
        super().__init__()
        self.catalog = catalog
        found = catalog.frequencies()
        self.by_type = found.by_type
        self.by_document = found.by_document

    def compose(self) -> ComposeResult:
        yield Static(
            Content("Entities by type and by document · Enter lists or opens · Tab switches"),
            id="freq-title",
            markup=False,
        )
        yield DataTable(id="freq-types", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="freq-documents", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        total = sum(f.entities for f in self.by_type)
        self._fill("#freq-types", "type", self.by_type, total)
        self._fill("#freq-documents", "document", self.by_document, total)
        types = self.query_one("#freq-types", DataTable)
        types.border_title = "By type"
        types.border_subtitle = f"{total:,} entities"
        documents = self.query_one("#freq-documents", DataTable)
        documents.border_title = "By document"
        documents.border_subtitle = f"{len(self.by_document):,} documents naming an entity"
        types.focus()

    def reload_data(self) -> None:
        """Count again (the database was rebuilt, or decisions were made)."""
        found = self.catalog.frequencies()
        self.by_type, self.by_document = found.by_type, found.by_document
        total = sum(f.entities for f in self.by_type)
        for selector, what, rows in (
            ("#freq-types", "type", self.by_type),
            ("#freq-documents", "document", self.by_document),
        ):
            self.query_one(selector, DataTable).clear(columns=True)
            self._fill(selector, what, rows, total)

    def _label(self, what: str, frequency: Frequency) -> str:
        return TYPE_LABELS.get(frequency.key, frequency.key) if what == "type" else frequency.label

    def _fill(self, selector: str, what: str, rows: tuple[Frequency, ...], total: int) -> None:
        table = self.query_one(selector, DataTable)
        table.add_column(what, key="value")
        for name in COLUMNS:
            table.add_column(name or "histogram", key=name or "bar")
        most = max((f.entities for f in rows), default=0)
        for f in rows:
            table.add_row(
                Text(flat(self._label(what, f))),
                Text(f"{f.entities:,}", justify="right"),
                Text(share(f.entities, total), justify="right"),
                Text(f"{f.mentions:,}", justify="right"),
                Text(bar(f.entities, most), style="cyan"),
                key=f.key,
            )

    @on(DataTable.RowSelected, "#freq-types")
    def _type_chosen(self, event: DataTable.RowSelected) -> None:
        self.dismiss(str(event.row_key.value))

    @on(DataTable.RowSelected, "#freq-documents")
    def _document_chosen(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(DocumentScreen(self.catalog, int(str(event.row_key.value))))

    def current_view(self) -> View:
        """Both tables as one view (a ``by`` column says which), for export."""
        total = sum(f.entities for f in self.by_type)
        rows = tuple(
            (what, self._label(what, f), str(f.entities), share(f.entities, total), str(f.mentions))
            for what, found in (("type", self.by_type), ("document", self.by_document))
            for f in found
        )
        columns = ("by", "value", "entities", "share", "mentions")
        return View("Entity frequencies", columns, rows, tuple(() for _ in rows))
