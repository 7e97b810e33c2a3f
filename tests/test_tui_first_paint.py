"""What the explorer does before its first screen is drawn (issue 17, target 6): what it
imports, and how often the footer is rebuilt while it starts. Counted, never timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen

from dbfactory import write_sample
from filature.tui.app import FilatureApp
from filature.tui.widgets.key_footer import KeyFooter
from pilotkit import settle, started

pytestmark = pytest.mark.anyio

NOT_AT_START = ("spacy", "rapidfuzz", "filature.extract", "filature.build", "filature.dossier")
"""Modules the first screen does not need: the dossier is imported when one is written, the
fuzzy matcher by the index built in a thread once the list is drawn, the rest never."""


def test_the_app_imports_nothing_its_first_screen_does_not_need() -> None:
    code = (
        "import sys, filature.tui.app\n"
        f"print(' '.join(m for m in {NOT_AT_START!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == []


async def test_the_footer_is_rebuilt_fewer_times_than_the_bindings_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main screen's bindings change several times as the app starts (mount, focus...):
    Textual's footer was recomposed once per change, a dozen keys mounted each time."""
    changes: list[str] = []
    changed = KeyFooter.bindings_changed

    def count_change(self: KeyFooter, screen: Screen[Any]) -> None:
        changes.append(type(screen).__name__)
        changed(self, screen)

    monkeypatch.setattr(KeyFooter, "bindings_changed", count_change)
    async with started(write_sample(tmp_path / "sample.db")) as (app, pilot):
        await settle(pilot)
        assert isinstance(app, FilatureApp)
        footer = app.main.query_one(KeyFooter)
        assert 1 <= footer.rebuilds < changes.count("MainScreen")
        keys = {str(key.key) for key in footer.query("FooterKey")}
        assert {"ctrl+k", "ctrl+f", "f1"} <= keys  # the keys in force once started
