"""The explorer in a real terminal (tmux): keys typed, the screen read, the clipboard checked."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dbfactory import hostile_builder, write_sample
from reliability import Tmux, app_command

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def test_fuzzy_jump_and_copy_in_a_real_terminal(tmux: Tmux, tmp_path: Path) -> None:
    db = write_sample(tmp_path / "sample.db")
    tmux.start(app_command(db), 120, 36)
    tmux.wait_for("Entities")
    tmux.keys("C-k")
    tmux.wait_for("Jump to entity")
    tmux.type("meng hong wei")
    tmux.wait_for("Enter jumps")
    tmux.keys("Enter")
    tmux.wait(
        lambda: tmux.screen().splitlines()[0].strip().startswith("Meng Hongwei"), "the header"
    )
    assert tmux.run("list-buffers") == ""
    tmux.keys("C-c")
    tmux.wait(lambda: "est élu président" in tmux.run("show-buffer"), "the copied excerpt")
    copied = tmux.run("show-buffer")
    assert copied.startswith("«La Chine a rejoint Interpol")
    assert copied.endswith("— La Chine et la sécurité mondiale, 001_chine_interpol.txt, line 3")
    tmux.wait_for("Copied excerpt")


def test_hostile_text_is_shown_literally_and_never_reaches_the_terminal(
    tmux: Tmux, tmp_path: Path
) -> None:
    db = hostile_builder().write(tmp_path / "hostile.db")
    tmux.start(app_command(db), 200, 50)
    tmux.wait_for("Operation Hostile quoted [@click=app.quit]x[/] in the report")
    screen = tmux.screen()
    for shown in (
        "quoted [/] in",
        "quoted foo [/ in",
        "quoted [$accent] in",
        "␛]52;c;aGFja2Vk␇",
        "␛[2J",
    ):
        assert shown in screen, shown
    tmux.keys("C-k")
    tmux.wait_for("Jump to entity")
    tmux.type("click")
    tmux.wait_for("matched")
    tmux.keys("Escape")
    time.sleep(1)
    screen = tmux.screen()
    assert screen.splitlines()[0].strip() != ""
    assert "Entities" in screen
    assert tmux.run("list-buffers") == ""
    assert "Pane is dead" not in screen
