"""Full-text search over every passage; Enter opens the passage in its document."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from filature.query import FullTextResult
from filature.text import counted
from filature.tui.catalog import Catalog
from filature.tui.explorer import explorer
from filature.tui.widgets.excerpt_list import ExcerptList

LIMIT = 200


class FindScreen(ModalScreen[None]):
    """A search box and the matching passages, matched words highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "focus_hits", "Results", show=False),
        Binding(
            "ctrl+c,c", "copy_hit", "Copy excerpt", tooltip="Copy the passage with its citation"
        ),
    ]

    def __init__(self, catalog: Catalog, text: str = "") -> None:
        """A search over ``catalog``'s passages, optionally started with ``text``."""
        super().__init__()
        self.catalog = catalog
        self.initial = text
        self.result = FullTextResult((), "")
        self._generation = 0

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
        self._generation += 1
        self._search(event.value, self._generation)

    @on(Input.Submitted, "#find-input")
    def _submitted(self) -> None:
        self.action_focus_hits()

    @work(thread=True, exclusive=True, group="find")
    def _search(self, text: str, generation: int) -> None:
        result = self.catalog.full_text(text, LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, result, generation)

    def _show(self, result: FullTextResult, generation: int) -> None:
        if generation != self._generation:
            return
        try:
            hits = self.query_one("#find-hits", ExcerptList)
            status = self.query_one("#find-status", Static)
        except NoMatches:  # the screen was closed while the search ran
            return
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
        hits = self.query_one("#find-hits", ExcerptList)
        if hits.excerpts:
            hits.focus()

    def action_copy_hit(self) -> None:
        explorer(self).copy_excerpt(self.query_one("#find-hits", ExcerptList).current)

    @on(ExcerptList.Open)
    def _open(self, event: ExcerptList.Open) -> None:
        explorer(self).open_document(event.excerpt)
