"""The header of the selected entity: name, type, aliases and mention counts."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from filature.query import EntityCard
from filature.tui.render import flat, type_badge

MAX_ALIASES = 12


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

    def show(self, card: EntityCard | None) -> None:
        """Show an entity (or a hint when there is none)."""
        self.card = card
        if card is None:
            self.update(Content("No entity selected: pick one on the left, or press ctrl+k."))
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
        self.update(Content.assemble(first, "\n", aliases))
