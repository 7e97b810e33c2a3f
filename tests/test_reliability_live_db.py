"""Issue 12, section 3: the database truncated or overwritten with garbage under a running
explorer. The explorer runs in a real terminal (tmux); it must end with a one-line message and
a non-zero exit status, never with a traceback and status 0."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from dbfactory import write_sample
from reliability import Tmux, app_command


def truncate(db: Path) -> None:
    os.truncate(db, 0)


def garbage(db: Path) -> None:
    size = db.stat().st_size
    with open(db, "r+b") as handle:  # in place: the explorer's open file changes under it
        handle.write(random.Random(12).randbytes(size))


@pytest.mark.parametrize("damage", [truncate, garbage], ids=["truncated", "garbage"])
def test_a_database_damaged_under_the_explorer_ends_it_with_a_message(
    damage: Callable[[Path], None], tmp_path: Path, tmux: Tmux
) -> None:
    db = write_sample(tmp_path / "filature.db")
    tmux.start(app_command(db))
    tmux.wait_for("Entities")
    tmux.wait_for("Interpol")
    damage(db)
    for key in ("Down", "Down", "Tab", "Down", "C-f"):
        if tmux.dead():
            break
        tmux.keys(key)
    if not tmux.dead():
        tmux.type("interpol")
    status = tmux.wait_exit("the explorer to end")
    history = tmux.history()
    assert "Traceback" not in history and "locals" not in history, history
    assert status == "2", history
    flat = " ".join(history.split())
    assert "can no longer be read" in flat and "Fix: filature build --db" in flat, flat
