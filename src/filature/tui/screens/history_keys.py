"""Back and forward through the entities shown (alt+left, backspace, alt+right); the main
screen derives from it."""

from __future__ import annotations

from textual.screen import Screen

from filature.tui.history import History


class HistoryKeys(Screen[None]):
    """The history's actions over ``history`` and the screen's ``show_entity``."""

    history: History

    def show_entity(
        self, entity_id: int, record: bool = True, browsing: bool = False, reveal: bool = False
    ) -> None:
        """Show an entity (the main screen's own)."""
        raise NotImplementedError

    def action_back(self) -> None:
        """Show the previous entity."""
        self._revisit(self.history.back(), "No earlier entity.")

    def action_forward(self) -> None:
        """Show the next entity."""
        self._revisit(self.history.forward(), "No later entity.")

    def _revisit(self, entity_id: int | None, none: str) -> None:
        """Show an entity of the history (not recorded again), or say there is ``none``."""
        if entity_id is None:
            self.notify(none, timeout=2, markup=False)
            return
        self.show_entity(entity_id, record=False)
