"""The network view (F5): the neighbours of an entity grouped by relation type, stated
relations before co-occurrences, each neighbour expandable to the second degree; Enter
recentres on a neighbour, backspace goes back to the previous centre."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from filature.export.views import View, network_view
from filature.query.types import EndPoint
from filature.tui.catalog import Catalog
from filature.tui.explorer import explorer
from filature.tui.render import flat, type_badge
from filature.tui.widgets.key_footer import KeyFooter
from filature.tui.widgets.network_tree import FIRST_CAP, Groups, NetworkTree


class NetworkScreen(Screen[None]):
    """Who is around one entity; Enter on a neighbour recentres, ``o`` shows the entity
    under the cursor on the main screen, Esc goes back there."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f5", "app.pop_screen", "Close", tooltip="Back to the main screen"),
        Binding("backspace,alt+left", "back", "Previous centre", tooltip="The previous centre"),
        Binding(
            "o",
            "open_entity",
            "Show entity",
            tooltip="Show the highlighted entity on the main screen",
        ),
    ]

    def __init__(self, catalog: Catalog, entity_id: int) -> None:
        """The network around ``entity_id``."""
        super().__init__()
        self.catalog = catalog
        self.entity_id = entity_id
        self.trail: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="network-title", markup=False)
        yield NetworkTree(self._groups, id="network-tree")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(NetworkTree).border_title = "Network"
        self.centre(self.entity_id, record=False)
        self.query_one(NetworkTree).focus()

    def _groups(self, entity_id: int, cap: int, exclude: frozenset[int]) -> Groups:
        return self.catalog.neighbours(entity_id, cap, exclude)

    def centre(self, entity_id: int, *, record: bool = True) -> None:
        """Show the network around ``entity_id`` (``record``: backspace comes back here)."""
        card = self.catalog.card(entity_id)
        if card is None:
            self.notify(f"No entity #{entity_id} in this database.", markup=False)
            return
        if record and entity_id != self.entity_id:
            self.trail.append(self.entity_id)
        self.entity_id = entity_id
        groups = self.catalog.neighbours(entity_id, FIRST_CAP, frozenset())
        tree = self.query_one(NetworkTree)
        tree.show(EndPoint(card.id, card.name, card.type), groups)
        stated = sum(g.count for g in groups if g.stated)
        co = sum(g.count for g in groups if not g.stated)
        tree.border_subtitle = f"{stated:,} stated · {co:,} co-occurring"
        self.query_one("#network-title", Static).update(
            Content.assemble(
                Content("Network of ").stylize("$text-muted"),
                Content(flat(card.name)).stylize("bold"),
                "  ",
                type_badge(card.type),
                Content("  Enter recentres · → its neighbours · o shows it · Esc").stylize(
                    "$text-muted"
                ),
            )
        )

    def reload_data(self) -> None:
        """Read the network again (the database was rebuilt, or decisions were made)."""
        self.centre(self.entity_id, record=False)

    @on(NetworkTree.Recentre)
    def _recentre(self, event: NetworkTree.Recentre) -> None:
        self.centre(event.entity_id)

    def action_back(self) -> None:
        """Go back to the previous centre (or close the view at the first)."""
        if not self.trail:
            self.app.pop_screen()
            return
        self.centre(self.trail.pop(), record=False)

    def action_open_entity(self) -> None:
        """Show the entity under the cursor (else the centre) on the main screen."""
        item = self.query_one(NetworkTree).current
        if item is not None and item.neighbour is not None:
            explorer(self).open_entity(item.neighbour.entity.id)
        else:
            explorer(self).open_entity(self.entity_id)

    def current_view(self) -> View:
        """The network as shown (the second degree opened so far), for export."""
        network = self.query_one(NetworkTree).view()
        if network is None:
            return View("Network", (), (), ())
        return network_view(network)
