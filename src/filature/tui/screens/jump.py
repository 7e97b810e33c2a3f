"""The fuzzy jump: type a few letters of any name or alias, Enter shows that entity."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from filature.query import FuzzyHit
from filature.text import counted
from filature.tui.catalog import Catalog
from filature.tui.render import flat, type_badge
from filature.tui.screens.search_box import SearchBox

LIMIT = 30


def hit_content(hit: FuzzyHit) -> Content:
    """One line per hit: its score, name, type, mentions, and the alias that matched if not
    the name (the score of a mere suggestion in the warning colour)."""
    parts: list[Content | str] = [
        Content(f"{hit.score:>3.0f}").stylize("$text-muted" if hit.close else "$text-warning"),
        "  ",
        Content(flat(hit.name)).stylize("bold"),
        "  ",
        type_badge(hit.type),
        Content(f"  {counted(hit.mention_count, 'mention')}").stylize("$text-muted"),
    ]
    if hit.alias != hit.name:
        parts.append(Content(f"  matched “{flat(hit.alias)}”").stylize("italic $text-muted"))
    return Content.assemble(*parts)


def suggestion_status(text: str, best: FuzzyHit) -> Content:
    """What the status line says when no name is close to ``text``: these are suggestions."""
    return Content.assemble(
        Content("No name is close to “"),
        Content(flat(text.strip())).stylize("bold"),
        Content("”: suggestions only (nearest: "),
        Content(flat(best.name)).stylize("bold"),
        Content(f", {best.score:.0f}) · ↓ picks one, Enter jumps to it · Esc closes"),
    )


class JumpScreen(SearchBox[int | None, list[FuzzyHit]]):
    """A search box over the fuzzy index; dismisses with the chosen entity id (or None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        # Not a priority binding: Enter then reaches the box after the letters typed before it.
        Binding("enter", "choose", "Jump", show=False),
    ]

    def __init__(self, catalog: Catalog, *, title: str = "Jump to entity") -> None:
        """A jump over ``catalog``'s names and aliases (``title`` on its border)."""
        super().__init__()
        self.catalog = catalog
        self.title_text = title
        self.hits: list[FuzzyHit] = []
        self._shown = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="jump-box", classes="dialog"):
            yield Input(placeholder="Jump to… (any name or alias, typos welcome)", id="jump-input")
            yield OptionList(id="jump-hits")
            yield Static(Content("Type a few letters of a name."), id="jump-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#jump-box").border_title = Content(self.title_text)
        self.query_one("#jump-input").focus()

    @on(Input.Changed, "#jump-input")
    def _changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    def find(self, text: str) -> list[FuzzyHit]:
        """The entities whose name or alias is nearest ``text``."""
        return self.catalog.fuzzy(text, LIMIT) if text.strip() else []

    def show(self, text: str, hits: list[FuzzyHit]) -> None:
        """The entities found, the first highlighted, and what Enter does."""
        options = self.query_one("#jump-hits", OptionList)
        status = self.query_one("#jump-status", Static)
        self._shown = self.searched
        self.hits = hits
        options.clear_options()
        options.add_options([Option(hit_content(hit)) for hit in hits])
        # Only a close match is the answer Enter takes: a mere suggestion (ASEAN for
        # "ASEANAPOL") waits to be picked.
        options.highlighted = 0 if hits and hits[0].close else None
        if not text.strip():
            status.update(Content("Type a few letters of a name."))
        elif hits and hits[0].close:
            found = counted(len(hits), "match", "matches")
            status.update(Content(f"{found} (score 0–100) · Enter jumps · Esc closes"))
        elif hits:
            status.update(suggestion_status(text, hits[0]))
        else:
            status.update(Content("No entity matches; try fewer letters."))

    def action_move(self, step: int) -> None:
        options = self.query_one("#jump-hits", OptionList)
        if self.hits:
            current = options.highlighted or 0
            options.highlighted = max(
                0, min(len(self.hits) - 1, current + step if options.highlighted is not None else 0)
            )

    def action_choose(self) -> None:
        if self.app.screen is not self:  # an Enter queued behind the one that closed it
            return
        if self._shown != self.searched:
            text = self.query_one("#jump-input", Input).value
            self.show(text, self.find(text))
        index = self.query_one("#jump-hits", OptionList).highlighted
        if index is not None and index < len(self.hits):
            self.dismiss(self.hits[index].id)
        elif self.hits:
            self.app.bell()  # suggestions only: one must be picked (↓) before Enter jumps

    @on(Input.Submitted, "#jump-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    @on(OptionList.OptionSelected, "#jump-hits")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if self.app.screen is self and event.option_index < len(self.hits):
            self.dismiss(self.hits[event.option_index].id)
