"""Textual's footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` rebuilds its keys (one widget each, styled anew) every time the screen's
bindings may have changed: a screen that opens and moves the focus rebuilds them three or four
times with the same keys, which costs more than drawing the view. This one compares what it
would show with what it shows and rebuilds only on a difference."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """The keys of the screen's bindings, as ``Footer`` shows them."""

    def __init__(self) -> None:
        """A footer with nothing shown yet."""
        super().__init__()
        self.shown: Hashable = None
        """What the keys shown stand for (None before they are first shown)."""
        self.rebuilds = 0
        """How many times the keys were built."""

    def keys(self) -> Hashable:
        """Everything the footer's keys are made of: each shown binding with whether it is
        enabled and its tooltip, the command palette's key, the footer's options."""
        return (
            tuple(
                (b.key, b.key_display, b.action, b.description, b.group, enabled, tooltip)
                for (_, b, enabled, tooltip) in self.screen.active_bindings.values()
                if b.show or b.key == self.app.COMMAND_PALETTE_BINDING
            ),
            self.show_command_palette,
            self.app.ENABLE_COMMAND_PALETTE,
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self.shown = self.keys()
            self.rebuilds += 1
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        if self.is_attached and self.keys() != self.shown:
            await self.recompose()
