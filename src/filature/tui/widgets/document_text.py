"""A whole document, passage by passage, with a cursor on the mentions of the current passage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from filature.cite import lines_label, pages_label
from filature.query import DocumentPassage, DocumentView, MentionRef
from filature.tui.render import MARK_STYLE, flat

MENTION_STYLE = "underline $text-accent"


class DocumentText(OptionList):
    """Passages of one document; ←/→ pick a mention of the current passage, Enter opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("right,l,n", "mention(1)", "Next mention", tooltip="Next mention in the passage"),
        Binding("left,h,p", "mention(-1)", "Prev mention", show=False),
        Binding("enter", "open_mention", "Open entity", tooltip="Open the entity of the mention"),
    ]
    DEFAULT_CSS = """
    DocumentText { height: 1fr; max-height: 100%; }
    DocumentText > .option-list--option { padding: 0 1; }
    """

    @dataclass
    class OpenEntity(Message):
        """Open the entity of a mention."""

        entity_id: int

    def __init__(self, document: DocumentView, *, id: str | None = None) -> None:
        """A view of ``document``."""
        self.document = document
        self.mention_index = 0
        self._painted: int | None = None
        super().__init__(
            *[Option(self._passage_content(i, None)) for i in range(len(document.passages))],
            id=id,
        )

    def _new_page(self, index: int) -> int | None:
        """The page a passage starts when it is not the page the previous one ends on."""
        passage = self.document.passages[index]
        if passage.page_start is None or index == 0:
            return None
        before = self.document.passages[index - 1].page_end
        return passage.page_start if passage.page_start != before else None

    def _passage_content(self, index: int, current: int | None) -> Content:
        passage = self.document.passages[index]
        label = lines_label(passage.line_start, passage.line_end)
        if passage.page_start is not None:
            label = f"{pages_label(passage.page_start, passage.page_end)} · {label}"
        zone = "" if passage.zone == "body" else f" · {passage.zone}"
        head = Content(f"{label}{zone}").stylize("$text-muted")
        page = self._new_page(index)
        if page is not None:
            head = Content.assemble(
                Content(f"── page {page} ──").stylize("bold $text-warning"), "\n", head
            )
        body = Content(flat(passage.text))
        for number, mention in enumerate(passage.mentions):
            style = MARK_STYLE if number == current else MENTION_STYLE
            body = body.stylize(style, mention.start, mention.end)
        if passage.zone == "heading":
            body = body.stylize("bold")
        return Content.assemble(head, "\n", body)

    @property
    def passage(self) -> DocumentPassage | None:
        """The passage under the cursor."""
        index = self.highlighted
        if index is None or not self.document.passages:
            return None
        return self.document.passages[index]

    @property
    def mention(self) -> MentionRef | None:
        """The mention picked in the current passage."""
        passage = self.passage
        if passage is None or not passage.mentions:
            return None
        return passage.mentions[self.mention_index % len(passage.mentions)]

    def go_to_passage(self, passage_id: int) -> None:
        """Move the cursor to a passage and scroll it to the top."""
        for index, passage in enumerate(self.document.passages):
            if passage.id == passage_id:
                self.highlighted = index
                self.scroll_to_highlight(top=True)
                return

    def _repaint(self, index: int | None, current: int | None) -> None:
        if index is None:
            return
        self.replace_option_prompt_at_index(index, self._passage_content(index, current))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        old, new = self._painted, highlighted
        self._painted = new
        if old is not None and old != new and old < len(self.document.passages):
            self._repaint(old, None)
        self.mention_index = 0
        passage = self.passage
        if passage is not None and passage.mentions:
            self._repaint(new, 0)

    def action_mention(self, step: int) -> None:
        passage = self.passage
        if passage is None or not passage.mentions:
            return
        self.mention_index = (self.mention_index + step) % len(passage.mentions)
        self._repaint(self.highlighted, self.mention_index)

    def action_open_mention(self) -> None:
        mention = self.mention
        if mention is None:
            self.notify("This passage mentions no entity.", timeout=2, markup=False)
            return
        self.post_message(self.OpenEntity(mention.entity_id))
