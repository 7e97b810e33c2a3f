"""The header of the selected entity: name, type, aliases and mention counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.content import Content
from textual.widgets import Static

from filature.query import EntityCard
from filature.tui.render import flat, type_badge

if TYPE_CHECKING:
    from textual.css.styles import RulesMap  # what Textual itself passes its styles as

MAX_ALIASES = 12
MAX_LINES = 3


class EntityHeader(Static):
    """Two lines about the entity shown; every string is data, never markup."""

    DEFAULT_CSS = """
    EntityHeader {
        height: auto; max-height: 3; padding: 0 1;
        background: $boost;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        """A header showing nothing yet."""
        super().__init__(Content("No entity selected."), id=id, markup=False)
        self.card: EntityCard | None = None
        self._height = -1

    def show(self, card: EntityCard | None) -> None:
        """Show an entity (or a hint when there is none)."""
        self.card = card
        if card is None:
            self._update(Content("No entity selected: pick one on the left, or press ctrl+k."))
            return
        mentions = f"{card.mention_count:,} mention{'s' if card.mention_count != 1 else ''}"
        where = f" in {card.document_count:,} document{'s' if card.document_count != 1 else ''}"
        split = f" ({card.body_mentions:,} body, {card.footnote_mentions:,} notes)"
        first = Content.assemble(
            Content(flat(card.name)).stylize("bold $text"),
            "  ",
            type_badge(card.type),
            Content(f"  {mentions}{where}{split}").stylize("$text-muted"),
        )
        if card.aliases:
            shown = [flat(a) for a in card.aliases[:MAX_ALIASES]]
            more = f" +{len(card.aliases) - MAX_ALIASES}" if len(card.aliases) > MAX_ALIASES else ""
            aliases = Content.assemble(
                Content("aka ").stylize("$text-muted"), Content(" · ".join(shown) + more)
            )
        else:
            aliases = Content("no other name").stylize("italic $text-muted")
        self._update(Content.assemble(first, "\n", aliases))

    def on_resize(self) -> None:
        self._height = -1  # the lines the content takes depend on the width

    def _update(self, content: Content) -> None:
        """Show ``content``, with a layout pass only if it takes another number of lines (a
        layout redraws every pane, and most entities' headers take two lines)."""
        width = self.content_region.width
        height = (
            min(content.get_height(cast("RulesMap", self.styles), width), MAX_LINES)
            if width
            else -1
        )
        self.update(content, layout=height != self._height)
        self._height = height
