"""Workarounds for Textual bugs that end the app on ordinary, fast input.

- ``OptionList`` page up/down reads its line map before the list has been laid out (just
  opened, or squeezed to zero height by a small terminal) and raises KeyError: PageDown as
  the command palette or a Select opens ended the app. Moving by a page is then a no-op.
- ``Screen.dismiss`` pops whatever screen is on top, not the screen dismissed: a screen that
  handles a second queued Enter or Escape after it was closed (the command palette does, on a
  double Enter) popped the screen below it too, and then the app had no screen left. A screen
  that is no longer on top now cannot dismiss another one.
- The command palette's search worker queries its list after the palette was closed (a key
  typed just before Escape), and a second palette could be pushed while one is open under
  another screen (two widgets with one id): both ended the app. ``SafeCommandPalette`` is
  the palette the app opens.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import OptionList

_original_move_page: Any = getattr(OptionList, "_move_page", None)
_original_dismiss: Any = Screen.dismiss


def _move_page(self: OptionList, direction: Any) -> None:
    try:
        _original_move_page(self, direction)
    except (KeyError, IndexError):
        return


def _dismiss(self: Screen[Any], result: Any = None) -> AwaitComplete:
    try:
        on_top = self.app.screen is self
    except Exception:  # no app or no screen left: nothing to dismiss
        on_top = False
    if not on_top:
        done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
        return done
    popped: AwaitComplete = _original_dismiss(self, result)
    return popped


def install() -> None:
    """Patch OptionList and Screen once (idempotent)."""
    if _original_move_page is not None and OptionList._move_page is not _move_page:
        OptionList._move_page = _move_page  # type: ignore[method-assign]
    if Screen.dismiss is not _dismiss:
        Screen.dismiss = _dismiss  # type: ignore[method-assign]


_gather_commands: Any = getattr(CommandPalette._gather_commands, "__wrapped__", None)


class SafeCommandPalette(CommandPalette):
    """Textual's command palette, whose search stops quietly once the palette is closed."""

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            await _gather_commands(self, search_value)
        except NoMatches:
            return


def palette_open(app: App[Any]) -> bool:
    """Whether a command palette (of any kind) is on the screen stack."""
    return any(isinstance(screen, CommandPalette) for screen in app.screen_stack)


def open_command_palette(app: App[Any]) -> None:
    """Open the palette unless one is already on the screen stack."""
    if app.use_command_palette and not palette_open(app):
        palette = SafeCommandPalette(id="--command-palette") if _gather_commands else None
        app.push_screen(palette or CommandPalette(id="--command-palette"))
