"""Typing on the main screen: every character goes to the name filter, in the order typed,
and ctrl+e / ctrl+u open the entity menu and the decision list."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Input

from filature.tui.screens.entity_menu import EntityMenu
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.entity_pane import EntityPane
from filature.tui.widgets.excerpt_list import ExcerptList
from filature.tui.widgets.relations_tree import RelationsTree

MENU_KEYS = {"ctrl+e": "entity_menu", "ctrl+u": "curation_list"}


def typed(event: events.Key) -> bool:
    """True for a character typed as text: a terminal sends alt+s as ESC s, which Textual
    reads as the key alt+s with the character "s"; that is a command, not typing."""
    return event.is_printable and bool(event.character) and not event.key.startswith("alt+")


class TypeAhead(Screen[None]):
    """The main screen's keys typed in its lists and panes (the main screen derives from it)."""

    def on_key(self, event: events.Key) -> None:
        """A character typed in a list or pane goes to the name filter, never to a command
        (typed in the relations or the excerpts, it starts a new filter)."""
        if event.key in MENU_KEYS:
            # Here rather than through the bindings, which the app checks after this screen
            # has seen the next keys: the letter typed right after ctrl+e must reach the menu.
            # The filter box's own ctrl+e and ctrl+u (Input keys) yield too.
            event.stop()
            event.prevent_default()
            if self.app.screen is self:
                getattr(self, f"action_{MENU_KEYS[event.key]}")()
        elif typed(event) and event.character:
            event.stop()
            event.prevent_default()
            if isinstance(self.app.screen, EntityMenu):  # queued before the menu was open
                self.app.screen.press(event.character)
                return
            # Keys already queued for a pane arrive here after the first one moved the focus
            # to the filter box: those go on the filter too.
            fresh = isinstance(self.focused, RelationsTree | ExcerptList)
            self.query_one(EntityPane).type_ahead(event.character, fresh=fresh)

    def take_typing(self, event: events.Key) -> bool:
        """Put a character typed in a list or pane on the name filter at once, or open the
        entity menu or the decision list; True if taken.

        The app calls this before it forwards the key, in the order keys arrive: a key left to
        bubble from the focused widget up to this screen could be overtaken by the next one,
        which goes straight to the filter box once it has the focus (fast typing came out
        scrambled)."""
        if self.app.screen is not self:
            return False
        if event.key in MENU_KEYS:  # opened here too, so that the next key finds the menu open
            getattr(self, f"action_{MENU_KEYS[event.key]}")()
            return True
        if not (typed(event) and event.character):
            return False
        if not isinstance(self.focused, EntityList | RelationsTree | ExcerptList):
            return False
        fresh = isinstance(self.focused, RelationsTree | ExcerptList)
        self.query_one(EntityPane).type_ahead(event.character, fresh=fresh)
        return True

    def action_clear_filter(self) -> None:
        """Escape: empty the name filter (the selected entity stays) and go back to the list."""
        self.query_one(EntityPane).clear_filter()

    def _reveal(self, entity_id: int, etype: str) -> bool:
        """Put the list's cursor on an entity shown but not listed (after a jump): clear the
        name filter that hides it, or show every type; True when the caller must then read
        every row again (at once, so that no cursor move queued meanwhile lands after it)."""
        pane = self.query_one(EntityPane)
        focus = isinstance(self.focused, Input)  # the filter box: the list takes the arrows
        pane.clear_filter(focus=focus)
        if pane.entity_list.move_to(entity_id):
            return False
        if pane.etype not in (None, etype):
            pane.set_type(None, quiet=True)
            return True
        return False
