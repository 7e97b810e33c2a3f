"""A list of excerpts (passages with marks), shown page by page as the cursor nears the end.

Wrapping an excerpt into lines costs about a millisecond, so only a first page is made at once
(a pane shows about ten excerpts); further pages are made, and fetched, as the cursor or the
scroll nears the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from filature.query import Excerpt
from filature.tui.render import excerpt_content

FIRST_PAGE = 15
PAGE = 25
PageLoader = Callable[[int, int], list[Excerpt]]


class ExcerptList(OptionList):
    """Excerpts with their citation line; Enter opens the passage in its document."""

    DEFAULT_CSS = """
    ExcerptList { height: 1fr; max-height: 100%; }
    ExcerptList > .option-list--option { padding: 0 1 0 1; }
    """

    @dataclass
    class Open(Message):
        """Open this excerpt in its document."""

        excerpt: Excerpt

    def __init__(self, *, id: str | None = None) -> None:
        """An empty list."""
        super().__init__(id=id)
        self.excerpts: list[Excerpt] = []
        self.total = 0
        self._pending: list[Excerpt] = []
        self._loader: PageLoader | None = None

    def show(self, excerpts: list[Excerpt], total: int, loader: PageLoader | None = None) -> None:
        """Replace the list with ``excerpts``, the first of ``total``; ``loader(offset, limit)``
        fetches the following ones. ``excerpts`` holds the excerpts shown so far."""
        self.excerpts = []
        self._pending = list(excerpts)
        self.total = total
        self._loader = loader
        self.clear_options()
        self._add(FIRST_PAGE)
        if not self.excerpts:
            self.add_option(
                Option(Content("No passage to show.").stylize("italic $text-muted"), disabled=True)
            )
        self.highlighted = 0 if self.excerpts else None
        self.scroll_home(animate=False)

    def show_message(self, message: str) -> None:
        """Show a message instead of excerpts (nothing at all for an empty message)."""
        self.excerpts = []
        self.total = 0
        self._pending = []
        self._loader = None
        self.clear_options()
        if message:
            self.add_option(Option(Content(message).stylize("italic $text-muted"), disabled=True))

    def _add(self, count: int) -> None:
        page = self._pending[:count]
        del self._pending[:count]
        self.excerpts.extend(page)
        self.add_options(self._options_for(page))

    @staticmethod
    def _options_for(excerpts: list[Excerpt]) -> list[Option]:
        options = []
        for excerpt in excerpts:
            option = Option(excerpt_content(excerpt))
            option._divider = True
            options.append(option)
        return options

    @property
    def current(self) -> Excerpt | None:
        """The excerpt under the cursor."""
        index = self.highlighted
        if index is None or index >= len(self.excerpts):
            return None
        return self.excerpts[index]

    def load_more(self) -> None:
        """Show the next page, if there is one (fetching it if need be)."""
        if not self._pending:
            if self._loader is None or len(self.excerpts) >= self.total:
                return
            self._pending = self._loader(len(self.excerpts), PAGE)
            if not self._pending:
                self.total = len(self.excerpts)
                return
        self._add(PAGE)

    @on(OptionList.OptionHighlighted)
    def _near_end(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index >= len(self.excerpts) - 5:
            self.load_more()

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.excerpts):
            self.post_message(self.Open(self.excerpts[event.option_index]))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.max_scroll_y and new_value >= self.max_scroll_y - 2:
            self.load_more()
