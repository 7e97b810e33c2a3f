"""SVG snapshots of the main screen (pytest-textual-snapshot); update with --snapshot-update."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from dbfactory import workbench_builder, write_sample
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


async def _funds_table(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    for key in ("f3", "t", "f", "u", "enter"):
        await pilot.press(key)
        await _settle(pilot)


async def _corpus_timeline(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    for key in ("f4", "a"):
        await pilot.press(key)
        await _settle(pilot)


async def _evidence(pilot: Pilot[None]) -> None:
    await _funds_table(pilot)
    await pilot.press("down", "enter")
    await _settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("view", ["table", "timeline", "evidence"])
def test_workbench_views(
    snap_compare: Any, tmp_path: Path, view: str, size: tuple[int, int]
) -> None:
    db = workbench_builder().write(tmp_path / "workbench.db")
    run_before = {"table": _funds_table, "timeline": _corpus_timeline, "evidence": _evidence}
    assert snap_compare(
        make_app(db, system_clipboard=False), terminal_size=size, run_before=run_before[view]
    )
