"""Pilot helpers shared by the explorer's tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from filature.tui.app import FilatureApp, make_app
from filature.tui.screens.help import HelpScreen


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the app's workers, then for the screen to catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press ``keys``, then settle."""
    await pilot.press(*keys)
    await settle(pilot)


@asynccontextmanager
async def started(
    db: Path,
    size: tuple[int, int] = (160, 48),
    *,
    showing: str | None = None,
    notifications: bool = False,
) -> AsyncIterator[tuple[FilatureApp, Pilot[None]]]:
    """Run the explorer on ``db`` (no system clipboard) at ``size`` and wait for its first
    screen; then, given ``showing``, jump to that entity. ``notifications`` shows the app's
    notifications (hidden by default in tests)."""
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await settle(pilot)
        if showing is not None:
            await jump(pilot, showing)
        yield app, pilot


async def jump(pilot: Pilot[None], name: str) -> None:
    """Jump to ``name`` with the fuzzy jump (ctrl+k, the name, Enter)."""
    await pilot.press("ctrl+k")
    pilot.app.screen.query_one("#jump-input", Input).value = name
    await settle(pilot)
    await press(pilot, "enter")


async def ask_merge(pilot: Pilot[None], source: str, target: str) -> None:
    """Jump to ``source``, open its merge (ctrl+e m) and choose ``target``: the app then asks
    for confirmation."""
    await jump(pilot, source)
    await press(pilot, "ctrl+e", "m")
    pilot.app.screen.query_one("#jump-input", Input).value = target
    await settle(pilot)
    await press(pilot, "enter")


async def help_text(pilot: Pilot[None]) -> str:
    """Open the help (f1) and return its whole text, plain."""
    await press(pilot, "f1")
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen), type(screen).__name__
    return screen.help_content().plain


async def from_palette(pilot: Pilot[None], command: str) -> None:
    """Type ``command`` into the command palette (ctrl+p) and run what it offers first."""
    await press(pilot, "ctrl+p")
    await pilot.press(*command)
    await settle(pilot)
    await pilot.pause(0.3)
    await press(pilot, "enter")


def said(app: FilatureApp, text: str) -> bool:
    """True if a notification of ``app`` holds ``text``."""
    return any(text in n.message for n in app._notifications)
