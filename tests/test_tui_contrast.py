"""Issue 16: both themes are readable. Every run of text the explorer draws, in every view
(entities, relations with the cursor, excerpts with their marks, the jump with a suggestion,
the search and its results, a document, the help, the entity menu), passes WCAG AA (4.5:1),
measured on the colours the terminal receives (``contrastkit``); a dialog is measured inside
its box (the screen behind it is faded on purpose)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input

from contrastkit import AA, contrast, hex_rgb, text_cells
from dbfactory import write_sample
from filature.tui.app import THEMES, FilatureApp
from pilotkit import jump, press, settle, started

pytestmark = pytest.mark.anyio


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "sample.db")


def test_the_measure_is_wcag() -> None:
    assert round(contrast(hex_rgb("#000000"), hex_rgb("#ffffff")), 1) == 21.0
    assert round(contrast(hex_rgb("#777777"), hex_rgb("#ffffff")), 2) == 4.48
    assert contrast(hex_rgb("#a86d1c"), hex_rgb("#d8d8d8")) < AA  # Textual light's accent


async def _type(app: FilatureApp, pilot: Pilot[None], box: str, text: str) -> None:
    app.screen.query_one(box, Input).value = text
    await settle(pilot)


async def views(app: FilatureApp, pilot: Pilot[None]) -> AsyncIterator[str]:
    """Walk through every view, yielding its name once it is drawn."""
    await jump(pilot, "Meng Hongwei")
    yield "entity list"
    await press(pilot, "tab", "down")
    yield "relations, cursor on a relation"
    await press(pilot, "tab", "down")
    yield "excerpts with marks"
    await press(pilot, "ctrl+k")
    await _type(app, pilot, "#jump-input", "meng")
    yield "jump"
    await _type(app, pilot, "#jump-input", "Interpolaris")
    yield "jump with a suggestion"
    await press(pilot, "escape", "ctrl+f")
    await _type(app, pilot, "#find-input", "Meng Hongwei")
    await press(pilot, "down")
    yield "find results"
    await press(pilot, "enter")
    yield "document"
    await press(pilot, "escape", "escape", "f1")
    yield "help"
    await press(pilot, "escape", "ctrl+e")
    yield "entity menu"
    await press(pilot, "escape", "f2")
    yield "zoomed pane"


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_every_text_passes_wcag_aa_in_both_themes(db: Path, size: tuple[int, int]) -> None:
    async with started(db, size) as (app, pilot):
        poor: list[str] = []
        measured = 0
        for theme in range(len(THEMES)):
            if theme:
                await press(pilot, "escape", "ctrl+t")  # the theme key, as a user switches
            async for view in views(app, pilot):
                region = None
                if isinstance(app.screen, ModalScreen):
                    region = app.screen.query_one(".dialog").region
                for cell in text_cells(app, region):
                    measured += 1
                    if cell.ratio < AA:
                        poor.append(f"{app.theme}, {view}: {cell}")
            await pilot.press("f2")  # back from the zoom
        assert app.theme == THEMES[1]
        assert measured > 500
        assert not poor, "\n".join(dict.fromkeys(poor))
