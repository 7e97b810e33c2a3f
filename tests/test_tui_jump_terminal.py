"""Issue 16: after a jump the entity list's cursor is on the entity jumped to, in a real
terminal: `ctrl+k meng Enter` typed in one go (Enter right behind the letters) shows Meng
Hongwei even though the name filter hid him, and Down then shows the entity listed after him."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from filature.query import list_entities
from reliability import Tmux, app_command

pytestmark = pytest.mark.slow


def header(tmux: Tmux) -> str:
    """The entity shown: the first line of the screen, up to its type."""
    return tmux.screen().splitlines()[0].split("  ")[0].strip()


def test_the_cursor_follows_a_jump(seed_db: Path, tmux: Tmux) -> None:
    conn = sqlite3.connect(seed_db)
    try:
        names = [row.name for row in list_entities(conn, None, None)]
    finally:
        conn.close()
    after = names[names.index("Meng Hongwei") + 1]
    tmux.start(app_command(seed_db), 120, 40)
    tmux.wait_for("Filter names…")
    tmux.type("xi jin")  # a name filter that hides Meng Hongwei
    tmux.wait_for("│ ● Xi Jinping")
    tmux.wait(lambda: header(tmux) == "Xi Jinping", "Xi Jinping shown")
    tmux.keys("C-k")
    tmux.wait_for("Jump to entity")
    tmux.type("meng")
    tmux.keys("Enter")  # at once: it must not overtake the letters
    tmux.wait(lambda: header(tmux) == "Meng Hongwei", "Meng Hongwei shown after the jump")
    tmux.keys("Down")
    tmux.wait(lambda: header(tmux) == after, f"{after} shown after Down")
    tmux.keys("Up")
    tmux.wait(lambda: header(tmux) == "Meng Hongwei", "Meng Hongwei again after Up")
