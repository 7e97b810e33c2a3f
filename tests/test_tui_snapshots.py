"""SVG snapshots of the main screen (pytest-textual-snapshot); update with --snapshot-update."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from dbfactory import workbench_builder, write_sample
from filature.notes.edit import append_note, new_note
from filature.tui.app import make_app
from test_tui_workbench_views import curatable


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
    await _settle(pilot)  # the evidence screen starts its reading once mounted: wait for it too
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


# --- Issue 16: the network (F5), notes (F6), frequencies (F7), the list sorted by name ---

SIZES = [(80, 24), (160, 48)]


def _press(*keys: str) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        await _show_meng(pilot)
        await pilot.press(*keys)
        await _settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_network_view(snap_compare: Any, db: Path, size: tuple[int, int]) -> None:
    app = make_app(db, system_clipboard=False)
    assert snap_compare(app, terminal_size=size, run_before=_press("f5", "down", "down", "right"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_notes_view(
    snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    monkeypatch.chdir(tmp_path)
    db = curatable(write_sample(tmp_path / "sample.db"))
    notes = db.with_name("notes.toml")
    append_note(
        notes, new_note("entity", name="Meng Hongwei", note="[b]not bold[/b]", date="2026-12-01")
    )
    quote = "est élu président d'Interpol"
    append_note(
        notes,
        new_note("excerpt", document="001_chine_interpol.txt", quote=quote, date="2026-12-02"),
    )
    append_note(notes, new_note("entity", name="Nobody", note="gone", date="2026-12-03"))
    app = make_app(db, system_clipboard=False)
    assert snap_compare(app, terminal_size=size, run_before=_press("f6"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_frequencies_view(snap_compare: Any, db: Path, size: tuple[int, int]) -> None:
    app = make_app(db, system_clipboard=False)
    assert snap_compare(app, terminal_size=size, run_before=_press("f7"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_entities_sorted_by_name(snap_compare: Any, db: Path, size: tuple[int, int]) -> None:
    app = make_app(db, system_clipboard=False)
    assert snap_compare(app, terminal_size=size, run_before=_press("alt+s"))
