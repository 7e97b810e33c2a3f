"""Pilot helpers shared by the explorer's curation tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from filature.tui.app import FilatureApp


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the app's workers, then for the screen to catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def jump(pilot: Pilot[None], name: str) -> None:
    """Jump to ``name`` with the fuzzy jump (ctrl+k, the name, Enter)."""
    await pilot.press("ctrl+k")
    pilot.app.screen.query_one("#jump-input", Input).value = name
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def ask_merge(pilot: Pilot[None], source: str, target: str) -> None:
    """Jump to ``source``, open its merge (ctrl+e m) and choose ``target``: the app then asks
    for confirmation."""
    await jump(pilot, source)
    await pilot.press("ctrl+e", "m")
    await settle(pilot)
    pilot.app.screen.query_one("#jump-input", Input).value = target
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def said(app: FilatureApp, text: str) -> bool:
    """True if a notification of ``app`` holds ``text``."""
    return any(text in n.message for n in app._notifications)
