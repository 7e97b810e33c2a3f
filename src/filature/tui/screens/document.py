"""The whole cleaned document, scrolled to a passage, mentions marked and openable."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from filature.query import Excerpt
from filature.tui.catalog import Catalog
from filature.tui.explorer import explorer
from filature.tui.render import document_heading, flat, type_badge
from filature.tui.widgets.document_text import DocumentText
from filature.tui.widgets.key_footer import KeyFooter


class DocumentScreen(Screen[None]):
    """One document; Esc or backspace goes back to where it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace,alt+left", "app.pop_screen", "Back"),
        Binding(
            "ctrl+c,c", "copy_passage", "Copy passage", tooltip="Copy the passage with its citation"
        ),
    ]

    def __init__(self, catalog: Catalog, document_id: int, passage_id: int | None = None) -> None:
        """Show document ``document_id`` at ``passage_id``."""
        super().__init__()
        self.catalog = catalog
        self.document_id = document_id
        self.passage_id = passage_id

    def compose(self) -> ComposeResult:
        document = self.catalog.document(self.document_id)
        if document is None:
            yield Static(Content("This document is not in the database."), markup=False)
            yield KeyFooter()
            return
        heading = document_heading(
            document.title, document.path, document.label, len(document.passages)
        )
        yield Static(heading, id="doc-title", markup=False)
        yield Static(Content(""), id="doc-mention", markup=False)
        yield DocumentText(document, id="doc-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        text = self.query(DocumentText)
        if text:
            view = text.first()
            view.border_title = "Document"
            view.focus()
            if self.passage_id is not None:
                view.go_to_passage(self.passage_id)
            self._describe()

    def _describe(self) -> None:
        try:
            view = self.query_one(DocumentText)
            line = self.query_one("#doc-mention", Static)
        except NoMatches:  # closed before this ran (it runs after a refresh)
            return
        mention = view.mention
        passage = view.passage
        if mention is None or passage is None:
            line.update(Content("No mention in this passage.").stylize("$text-muted"))
            return
        count = len(passage.mentions)
        line.update(
            Content.assemble(
                Content(f"Mention {view.mention_index % count + 1}/{count}: ").stylize(
                    "$text-muted"
                ),
                Content(flat(mention.entity_name)).stylize("bold"),
                "  ",
                type_badge(mention.entity_type),
                Content("  ←/→ other mentions · Enter opens").stylize("$text-muted"),
            )
        )

    @on(DocumentText.OptionHighlighted)
    def _moved(self) -> None:
        self.call_after_refresh(self._describe)

    def on_key(self) -> None:
        self.call_after_refresh(self._describe)

    @on(DocumentText.OpenEntity)
    def _open(self, event: DocumentText.OpenEntity) -> None:
        explorer(self).open_entity(event.entity_id)

    def action_copy_passage(self) -> None:
        view = self.query_one(DocumentText)
        passage = view.passage
        if passage is None:
            return
        doc = view.document
        excerpt = Excerpt(
            passage.id,
            doc.id,
            doc.title,
            doc.path,
            passage.line_start,
            passage.line_end,
            passage.zone,
            passage.text,
            (),
            page_start=passage.page_start,
            page_end=passage.page_end,
            document_label=doc.label,
        )
        explorer(self).copy_excerpt(excerpt)
