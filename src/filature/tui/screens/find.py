"""Full-text search over every passage; Enter opens the passage in its document."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from filature.query import FullTextResult
from filature.text import counted
from filature.tui.catalog import Catalog
from filature.tui.screens.excerpt_host import ExcerptHost
from filature.tui.screens.search_box import SearchBox
from filature.tui.widgets.excerpt_list import ExcerptList

LIMIT = 200


class FindScreen(ExcerptHost, SearchBox[None, FullTextResult]):
    """A search box and the matching passages, matched words highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "focus_hits", "Results", show=False),
        Binding(
            "ctrl+c,c", "copy_excerpt", "Copy excerpt", tooltip="Copy the passage with its citation"
        ),
    ]

    def __init__(self, catalog: Catalog, text: str = "") -> None:
        """A search over ``catalog``'s passages, optionally started with ``text``."""
        super().__init__()
        self.catalog = catalog
        self.initial = text
        self.result = FullTextResult((), "")

    def compose(self) -> ComposeResult:
        with Vertical(id="find-box", classes="dialog"):
            yield Input(self.initial, placeholder="Find words in the passages…", id="find-input")
            yield Static(
                Content("Type words; every one must appear."), id="find-status", markup=False
            )
            yield ExcerptList(id="find-hits")

    def on_mount(self) -> None:
        self.query_one("#find-box").border_title = "Find text"
        self.query_one("#find-input").focus()

    @on(Input.Changed, "#find-input")
    def _changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#find-input")
    def _submitted(self) -> None:
        self.action_focus_hits()

    def find(self, text: str) -> FullTextResult:
        """The passages that hold every word of ``text``."""
        return self.catalog.full_text(text, LIMIT)

    def show(self, text: str, result: FullTextResult) -> None:
        """The passages found, and how many there are (or why there are none)."""
        hits = self.query_one("#find-hits", ExcerptList)
        status = self.query_one("#find-status", Static)
        self.result = result
        if result.hits:
            hits.show(list(result.hits), len(result.hits))
            more = f" (showing {len(result.hits):,})" if result.total > len(result.hits) else ""
            status.update(
                Content(
                    f"{counted(result.total, 'passage')}{more} · ↓ to the results · Enter opens"
                )
            )
        else:
            hits.show_message("")  # the status line says why there is none, once
            status.update(Content(result.message))

    def action_focus_hits(self) -> None:
        hits = self.excerpt_list()
        if hits is not None and hits.excerpts:
            hits.focus()
