"""SVG snapshots of the main screen (pytest-textual-snapshot); update with --snapshot-update."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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


async def _still(pilot: Pilot[None], quiet: float = 0.25, limit: float = 20.0) -> None:
    """Settle, then wait until the screen stays the same for ``quiet`` seconds: a view whose
    later reads (every id, the totals) redraw it after its first page, on a loaded machine."""
    await _settle(pilot)
    for field in pilot.app.screen.query("Input, TextArea"):
        field.cursor_blink = False  # type: ignore[attr-defined]  # a blink is not a change
    await pilot.pause()
    last = pilot.app.export_screenshot()
    for _ in range(int(limit / quiet)):
        await pilot.pause(quiet)
        now = pilot.app.export_screenshot()
        if now == last:
            return
        last = now


RunBefore = Callable[[Pilot[None]], Awaitable[None]]


def _then(before: RunBefore, *keys: str) -> RunBefore:
    """``before``, then ``keys`` pressed and the app settled."""

    async def run_before(pilot: Pilot[None]) -> None:
        await before(pilot)
        await pilot.press(*keys)
        await _still(pilot)

    return run_before


def _snap(snap_compare: Any, db: Path, size: tuple[int, int], run_before: RunBefore) -> bool:
    """The app on ``db`` at ``size`` after ``run_before`` matches its snapshot."""
    app = make_app(db, system_clipboard=False)
    return bool(snap_compare(app, terminal_size=size, run_before=run_before))


_show_meng = _then(_settle, "down")
_meng_relation = _then(_settle, "down", "tab", "down")
"""Meng Hongwei's first stated relation under the cursor (the detail line shown)."""


def test_main_screen_80x24(snap_compare: Any, db: Path) -> None:
    assert _snap(snap_compare, db, (80, 24), _show_meng)


def test_main_screen_160x48(snap_compare: Any, db: Path) -> None:
    assert _snap(snap_compare, db, (160, 48), _show_meng)


def test_jump_dialog_160x48(snap_compare: Any, db: Path) -> None:
    assert _snap(snap_compare, db, (160, 48), _then(_settle, "ctrl+k", *"pekin"))


def test_relation_detail_80x24(snap_compare: Any, db: Path) -> None:
    assert _snap(snap_compare, db, (80, 24), _meng_relation)


def test_zoomed_relations_80x24(snap_compare: Any, db: Path) -> None:
    assert _snap(snap_compare, db, (80, 24), _then(_meng_relation, "f2"))


def test_jump_suggestion_160x48(snap_compare: Any, db: Path) -> None:
    assert _snap(snap_compare, db, (160, 48), _then(_settle, "ctrl+k", *"interpolaris"))


async def _funds_table(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    for key in ("f3", "t", "f", "u", "enter"):
        await pilot.press(key)
        await _settle(pilot)
    await _still(pilot)


async def _corpus_timeline(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    for key in ("f4", "a"):
        await pilot.press(key)
        await _settle(pilot)
    await _still(pilot)


async def _evidence(pilot: Pilot[None]) -> None:
    await _funds_table(pilot)
    await pilot.press("down", "enter")
    await _still(pilot)  # the evidence screen starts its reading once mounted: wait for it too


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("view", ["table", "timeline", "evidence"])
def test_workbench_views(
    snap_compare: Any, tmp_path: Path, view: str, size: tuple[int, int]
) -> None:
    db = workbench_builder().write(tmp_path / "workbench.db")
    run_before = {"table": _funds_table, "timeline": _corpus_timeline, "evidence": _evidence}
    assert _snap(snap_compare, db, size, run_before[view])


# --- Issue 16: the network (F5), notes (F6), frequencies (F7), the list sorted by name ---

SIZES = [(80, 24), (160, 48)]


def _press(*keys: str) -> RunBefore:
    return _then(_show_meng, *keys)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_network_view(snap_compare: Any, db: Path, size: tuple[int, int]) -> None:
    assert _snap(snap_compare, db, size, _press("f5", "down", "down", "right"))


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
    assert _snap(snap_compare, db, size, _press("f6"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_frequencies_view(snap_compare: Any, db: Path, size: tuple[int, int]) -> None:
    assert _snap(snap_compare, db, size, _press("f7"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_entities_sorted_by_name(snap_compare: Any, db: Path, size: tuple[int, int]) -> None:
    assert _snap(snap_compare, db, size, _press("alt+s"))
