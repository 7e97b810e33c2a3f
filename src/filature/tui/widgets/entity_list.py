"""A virtual list of entities: one line each, any length, nothing mounted per row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from filature.query import EntityRow
from filature.query.facets import EntityFacts, Order, Scope, in_scope, sort_entities
from filature.text import norm_key, norm_keys
from filature.tui.render import TYPE_ICON, flat


class EntityList(ScrollView, can_focus=True):
    """Entities most mentioned first; arrows move, Enter chooses (typed keys filter: the main
    screen sends them to the filter box)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entity-list--cursor",
        "entity-list--count",
        *(f"entity-list--{t}" for t in TYPE_ICON),
    }
    DEFAULT_CSS = """
    EntityList { height: 1fr; overflow-x: hidden; }
    EntityList > .entity-list--cursor { background: $block-cursor-blurred-background; }
    EntityList:focus > .entity-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    EntityList > .entity-list--count { color: $text-muted; background: $surface; }
    EntityList > .entity-list--person { color: $text-accent; }
    EntityList > .entity-list--organization { color: $text-primary; }
    EntityList > .entity-list--place { color: $text-success; }
    EntityList > .entity-list--agreement { color: $text-warning; }
    EntityList > .entity-list--operation { color: $text-error; }
    EntityList > .entity-list--event { color: $text-secondary; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto an entity."""

        entity_id: int

    @dataclass
    class Chosen(Message):
        """Enter (or a click) chose an entity."""

        entity_id: int

    def __init__(self, *, id: str | None = None) -> None:
        """An empty list."""
        super().__init__(id=id)
        self._given: list[EntityRow] = []
        self._all: list[EntityRow] = []
        self._folded: list[str] | None = None
        self.order: Order = "mentions"
        self.scope: Scope = "all"
        self.facts: dict[int, EntityFacts] = {}
        self.rows: list[EntityRow] = []
        self._filter = ""

    def set_rows(self, rows: list[EntityRow], keep_id: int | None = None) -> None:
        """Replace every row (then re-apply the current order, scope and filter)."""
        self._given = rows
        self._arrange(keep_id)

    def order_rows(
        self, order: Order, scope: Scope, facts: dict[int, EntityFacts], keep_id: int | None
    ) -> None:
        """List the rows in ``order``, only those of ``scope`` (``facts`` says which)."""
        self.order, self.scope, self.facts = order, scope, facts
        self._arrange(keep_id)

    def _arrange(self, keep_id: int | None) -> None:
        rows = self._given
        if self.order != "mentions":
            rows = sort_entities(rows, self.order, self.facts)
        self._all = in_scope(rows, self.scope, self.facts)
        self._folded = None
        self._apply(keep_id)

    def set_filter(self, text: str) -> None:
        """Keep only entities whose folded name contains every typed word."""
        self._filter = text
        self._apply(self.current_id)

    def _apply(self, keep_id: int | None) -> None:
        words = norm_key(self._filter).split()
        if words:
            if self._folded is None:
                self._folded = norm_keys([row.name for row in self._all])
            folded = self._folded
            self.rows = [
                row
                for row, name in zip(self._all, folded, strict=True)
                if all(w in name for w in words)
            ]
        else:
            self.rows = list(self._all)
        self.virtual_size = Size(self.size.width, len(self.rows))
        index = self.index_of(keep_id) if keep_id is not None else None
        self.cursor = index if index is not None else 0
        self.refresh()

    @property
    def current_id(self) -> int | None:
        """The entity under the cursor."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].id
        return None

    def index_of(self, entity_id: int) -> int | None:
        """The row of an entity, if listed."""
        for index, row in enumerate(self.rows):
            if row.id == entity_id:
                return index
        return None

    def move_to(self, entity_id: int) -> bool:
        """Put the cursor on an entity without announcing it; False if it is not listed."""
        index = self.index_of(entity_id)
        if index is None:
            return False
        with self.prevent(self.Highlighted):
            self.cursor = index
        return True

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)  # a scroll, if any, redraws the rest
        self.refresh_line(new)
        if self.rows:
            self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True)
            self.post_message(self.Highlighted(self.rows[new].id))

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_edge(self, end: int) -> None:
        self.cursor = len(self.rows) - 1 if end else 0

    def action_choose(self) -> None:
        if (entity_id := self.current_id) is not None:
            self.post_message(self.Chosen(entity_id))

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_offset.y)
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain > 1:
                self.action_choose()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def _figure(self, row: EntityRow) -> str:
        """The number shown right of a name: what the list is sorted by."""
        if self.order == "documents" and row.id in self.facts:
            n = self.facts[row.id].documents
            return f"{n:,} doc{'s' if n != 1 else ''}"
        if self.order == "first date" and row.id in self.facts:
            date = self.facts[row.id].first_date
            return flat(date.text)[:10] if date else "undated"
        return f"{row.mention_count:,}"

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        if index == self.cursor:
            base = base + self.get_component_rich_style("entity-list--cursor")
        icon_style = base + self.get_component_rich_style(f"entity-list--{row.type}", partial=True)
        count_style = base  # on the cursor the count takes the cursor's colours
        if index != self.cursor:
            # The full style: its "auto" colour is worked out against the pane's background
            # (the partial one turns $text-muted into plain white).
            muted = self.get_component_rich_style("entity-list--count").color
            count_style = base + Style(color=muted)
        count = f" {self._figure(row)} "
        name_width = max(0, width - 2 - cell_len(count))
        name = flat(row.name)
        if cell_len(name) > name_width:
            name = set_cell_size(name, max(0, name_width - 1)) + "…"
        segments = [
            Segment(" ", base),
            Segment(TYPE_ICON.get(row.type, "•"), icon_style),
            Segment(" " + set_cell_size(name, name_width - 1) if name_width else "", base),
            Segment(count, count_style),
        ]
        return Strip(segments).adjust_cell_length(width, base)
