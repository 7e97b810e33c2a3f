"""SVG snapshots of the main screen (pytest-textual-snapshot); update with --snapshot-update."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from dbfactory import write_sample
from filature.tui.app import make_app


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "sample.db")


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _show_meng(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    await pilot.press("down")
    await _settle(pilot)


def test_main_screen_80x24(snap_compare: Any, db: Path) -> None:
    assert snap_compare(
        make_app(db, system_clipboard=False), terminal_size=(80, 24), run_before=_show_meng
    )


def test_main_screen_160x48(snap_compare: Any, db: Path) -> None:
    assert snap_compare(
        make_app(db, system_clipboard=False), terminal_size=(160, 48), run_before=_show_meng
    )


def test_jump_dialog_160x48(snap_compare: Any, db: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _settle(pilot)
        await pilot.press("ctrl+k", *"pekin")
        await _settle(pilot)

    assert snap_compare(
        make_app(db, system_clipboard=False), terminal_size=(160, 48), run_before=run_before
    )


async def _meng_relation(pilot: Pilot[None]) -> None:
    """Meng Hongwei's first stated relation under the cursor (the detail line shown)."""
    await _settle(pilot)
    await pilot.press("down", "tab", "down")
    await _settle(pilot)


def test_relation_detail_80x24(snap_compare: Any, db: Path) -> None:
    assert snap_compare(
        make_app(db, system_clipboard=False), terminal_size=(80, 24), run_before=_meng_relation
    )


def test_zoomed_relations_80x24(snap_compare: Any, db: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _meng_relation(pilot)
        await pilot.press("f2")
        await _settle(pilot)

    assert snap_compare(
        make_app(db, system_clipboard=False), terminal_size=(80, 24), run_before=run_before
    )


def test_jump_suggestion_160x48(snap_compare: Any, db: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _settle(pilot)
        await pilot.press("ctrl+k", *"interpolaris")
        await _settle(pilot)

    assert snap_compare(
        make_app(db, system_clipboard=False), terminal_size=(160, 48), run_before=run_before
    )
