"""The entities pane: a type filter with counts, a filter-as-you-type box and the entity list."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Select

from filature.models import ENTITY_TYPES
from filature.query import EntityRow
from filature.query.facets import ORDERS, SCOPE_LABELS, SCOPES, EntityFacts, Order, Scope
from filature.tui.render import type_filter_label
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.filter_box import FilterBox

ALL = "all"


class EntityPane(Vertical):
    """Type filter, name filter and the list; asks the app for rows through ``load_rows``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("alt+t", "cycle_type(1)", "Type", show=False, tooltip="Show the next entity type"),
        Binding("alt+T,alt+shift+t", "cycle_type(-1)", "Previous type", show=False),
        Binding(
            "alt+s",
            "cycle_order",
            "Sort",
            show=False,
            tooltip="Sort the entities by mentions, name, documents, first date (cycles)",
        ),
        # A terminal sends alt+b as ESC b, which Textual reads as ctrl+left (a word left, as
        # readline does): both show the next scope (the filter box keeps its own ctrl+left).
        Binding(
            "alt+b,ctrl+left",
            "cycle_scope",
            "Body/footnotes",
            show=False,
            tooltip="Show every entity, those named in the body, or footnote-only ones (cycles)",
        ),
    ]
    DEFAULT_CSS = """
    EntityPane { height: 1fr; }
    EntityPane > #entity-type { width: 1fr; }
    EntityPane > #entity-filter { width: 1fr; }
    """

    def __init__(
        self,
        counts: dict[str, int],
        facts: Callable[[], dict[int, EntityFacts]] = dict,
        *,
        id: str | None = None,
    ) -> None:
        """A pane for a database holding ``counts`` entities per type; ``facts`` reads what
        the other orders and the body filter need (on first use)."""
        super().__init__(id=id)
        self.facts = facts
        self.counts = counts
        self.types: list[str] = [ALL, *[t for t in ENTITY_TYPES if counts.get(t)]]

    def compose(self) -> ComposeResult:
        total = sum(self.counts.values())
        options = [(type_filter_label(None, total), ALL)] + [
            (type_filter_label(t, self.counts[t]), t) for t in self.types[1:]
        ]
        yield Select(options, value=ALL, allow_blank=False, compact=True, id="entity-type")
        yield FilterBox(
            placeholder="Filter names…", compact=True, select_on_focus=False, id="entity-filter"
        )
        yield EntityList(id="entity-list")

    @property
    def entity_list(self) -> EntityList:
        """The list widget."""
        return self.query_one(EntityList)

    @property
    def etype(self) -> str | None:
        """The type shown, or None for all."""
        value = self.query_one("#entity-type", Select).value
        return None if value == ALL or not isinstance(value, str) else value

    def set_type(self, etype: str | None, *, quiet: bool = False) -> None:
        """Show one type (None for all); an open drop-down closes first, so that it cannot
        choose its highlighted type again after this one. ``quiet``: no Changed message (the
        caller reads the rows itself, at once)."""
        select = self.query_one("#entity-type", Select)
        select.expanded = False
        if quiet:
            with select.prevent(Select.Changed):
                select.value = etype or ALL
        else:
            select.value = etype or ALL

    def set_rows(self, rows: list[EntityRow], keep_id: int | None) -> None:
        """Fill the list (the app fetches the rows for the current type)."""
        self.entity_list.set_rows(rows, keep_id)

    def set_counts(self, counts: dict[str, int]) -> None:
        """New counts per type (after curation): relabel the type filter, keep its value (and
        read the facts again if the order or the body filter uses them)."""
        self.counts = counts
        entity_list = self.entity_list
        if entity_list.order in ("documents", "first date") or entity_list.scope != "all":
            entity_list.facts = self.facts()
        self.types = [ALL, *[t for t in ENTITY_TYPES if counts.get(t)]]
        select = self.query_one("#entity-type", Select)
        current = select.value
        total = sum(counts.values())
        options = [(type_filter_label(None, total), ALL)] + [
            (type_filter_label(t, counts[t]), t) for t in self.types[1:]
        ]
        with select.prevent(Select.Changed):
            select.set_options(options)
            select.value = current if current in self.types else ALL

    def heading(self) -> str:
        """The pane's title: "Entities", then the order and scope when not the default."""
        entity_list = self.entity_list
        parts = ["Entities"]
        if entity_list.order != "mentions":
            parts.append(f"by {entity_list.order}")
        if entity_list.scope != "all":
            parts.append(SCOPE_LABELS[entity_list.scope])
        return " · ".join(parts)

    def action_cycle_order(self) -> None:
        """Sort by the next order: mentions, name, documents, first date."""
        entity_list = self.entity_list
        order = ORDERS[(ORDERS.index(entity_list.order) + 1) % len(ORDERS)]
        self._arrange(order, entity_list.scope)

    def action_cycle_scope(self) -> None:
        """Show every entity, those named in the body, or those named only in footnotes."""
        entity_list = self.entity_list
        scope = SCOPES[(SCOPES.index(entity_list.scope) + 1) % len(SCOPES)]
        self._arrange(entity_list.order, scope)

    def _arrange(self, order: Order, scope: Scope) -> None:
        entity_list = self.entity_list
        needed = order in ("documents", "first date") or scope != "all"
        facts = self.facts() if needed else entity_list.facts
        entity_list.order_rows(order, scope, facts, entity_list.current_id)
        self.border_title = self.heading()
        self.border_subtitle = f"{len(entity_list.rows):,}"

    def action_cycle_type(self, step: int) -> None:
        current = self.etype or ALL
        index = (self.types.index(current) + step) % len(self.types)
        self.set_type(None if self.types[index] == ALL else self.types[index])

    @on(Input.Changed, "#entity-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.entity_list.set_filter(event.value)

    @on(Input.Submitted, "#entity-filter")
    def _submit(self) -> None:
        entity_id = self.entity_list.current_id
        if entity_id is None:
            self.entity_list.focus()
        else:
            self.post_message(EntityList.Chosen(entity_id))

    def type_ahead(self, character: str, *, fresh: bool = False) -> None:
        """A character typed in a list: add it to the name filter (or, ``fresh``, start the
        filter again with it); the filter box takes the focus."""
        box = self.query_one("#entity-filter", Input)
        self.screen.set_focus(box)  # at once: the next key may already be waiting
        if fresh:
            box.value = character
            box.cursor_position = len(character)
        else:
            box.insert_text_at_cursor(character)

    def clear_filter(self, *, focus: bool = True) -> None:
        """Empty the name filter (the entity under the cursor stays) and focus the list (unless
        not ``focus``)."""
        box = self.query_one("#entity-filter", Input)
        if box.value:
            box.value = ""
            self.entity_list.set_filter("")
        if focus:
            self.entity_list.focus()

    def key_down(self) -> None:
        if self.query_one("#entity-filter", Input).has_focus:
            self.entity_list.focus()
