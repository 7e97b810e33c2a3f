"""The app's screens over the whole map: the main screen's lookup, and the workbench's views
(relations table, timeline, network, notes, frequencies) with the export of the one shown."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from filature.tui.catalog import Catalog
from filature.tui.copying import CopyingApp
from filature.tui.exporting import ViewExporter
from filature.tui.screens.frequencies import FrequenciesScreen
from filature.tui.screens.main import MainScreen
from filature.tui.screens.network import NetworkScreen
from filature.tui.screens.notes import NotesScreen
from filature.tui.screens.relations_table import RelationsTableScreen
from filature.tui.screens.timeline import TimelineScreen


class WorkbenchApp(CopyingApp):
    """The views' actions (the explorer derives from it and sets ``catalog`` and
    ``exporter``)."""

    catalog: Catalog
    exporter: ViewExporter

    @property
    def main(self) -> MainScreen:
        """The main (three-pane) screen."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the main screen is not running")

    def _bring_up(self, kind: type[Screen[Any]]) -> bool:
        """Close the screens above an open screen of this kind; False if none is open.

        Dialogs are never stacked twice: a flood of keys would otherwise pile screens whose
        backgrounds render one another, until Python's recursion limit."""
        if not any(isinstance(screen, kind) for screen in self.screen_stack):
            return False
        while not isinstance(self.screen, kind):
            self.pop_screen()
        return True

    def action_relations_table(self) -> None:
        """Open the relations table (or go back to the one open)."""
        if not self._bring_up(RelationsTableScreen):
            self.push_screen(RelationsTableScreen(self.catalog))

    def action_timeline(self) -> None:
        """Open the timeline of the entity selected on the main screen (the corpus's if none);
        an open timeline is replaced."""
        if self._bring_up(TimelineScreen):
            self.pop_screen()
        entity_id = self.main.entity_id
        card = None if entity_id is None else self.catalog.card(entity_id)
        name = "" if card is None else card.name
        self.push_screen(TimelineScreen(self.catalog, None if card is None else entity_id, name))

    def action_export_view(self) -> None:
        """Export the view of the screen on top (CSV, Markdown or the clipboard)."""
        self.exporter.start()

    def _above_main(self) -> MainScreen:
        """Close every screen above the main one (a view replaces another)."""
        main = self.main
        while self.screen is not main:
            self.pop_screen()
        return main

    def action_network(self) -> None:
        """Open the network around the entity shown on the main screen."""
        main = self._above_main()
        if main.entity_id is None:
            self.notify("Select an entity first.", severity="warning", markup=False)
            return
        self.push_screen(NetworkScreen(self.catalog, main.entity_id))

    def action_notes(self) -> None:
        """Open the Notes view."""
        main = self._above_main()
        self.push_screen(NotesScreen(self.catalog, main.notary))

    def action_frequencies(self) -> None:
        """Open the frequency view (entities by type and by document)."""
        self._above_main()
        self.push_screen(FrequenciesScreen(self.catalog), self._show_type)

    def _show_type(self, etype: str | None) -> None:
        if etype is not None:
            self.main.post_message(MainScreen.ShowType(etype))

    def reload_views(self) -> None:
        """Show the database as it is now (after a rebuild, or decisions made elsewhere)."""
        try:
            main = self.main
        except LookupError:
            return
        main.post_message(MainScreen.Reload())
        for screen in self.screen_stack:
            if isinstance(
                screen,
                RelationsTableScreen
                | TimelineScreen
                | NetworkScreen
                | NotesScreen
                | FrequenciesScreen,
            ):
                screen.reload_data()
