"""The main screen's zoom: the focused pane over the whole screen, and back (f2)."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget

ZOOMED = "-zoomed"
"""The screen's class while a pane is zoomed (``app.tcss`` hides the others and the header)."""
ZOOM = "-zoom"
"""The class of the pane shown alone."""


class PaneZoom(Screen[None]):
    """Zooms the pane holding the focus (the main screen derives from it); moving the focus to
    another pane while zoomed zooms that one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f2", "zoom", "Zoom", tooltip="Zoom the focused pane to the whole screen, and back"
        ),
    ]

    @property
    def zoomed(self) -> bool:
        """True while one pane fills the screen."""
        return self.has_class(ZOOMED)

    def action_zoom(self) -> None:
        """Zoom the focused pane, or show every pane again."""
        if self.zoomed:
            self.remove_class(ZOOMED)
            for pane in self.query_one("#panes").children:
                pane.remove_class(ZOOM)
        else:
            self._zoom(self._focused_pane())
        if self.focused is not None:
            self.call_after_refresh(self.focused.scroll_visible, animate=False)

    def _focused_pane(self) -> Widget:
        panes = self.query_one("#panes")
        node = self.focused
        while node is not None and node.parent is not panes:
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return node if node is not None else self.query_one("#entities")

    def _zoom(self, pane: Widget) -> None:
        for child in self.query_one("#panes").children:
            child.set_class(child is pane, ZOOM)
        self.add_class(ZOOMED)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The focus went to another pane (Enter on an entity, a click): zoom that one."""
        if self.zoomed:
            pane = self._focused_pane()
            if not pane.has_class(ZOOM):
                self._zoom(pane)
