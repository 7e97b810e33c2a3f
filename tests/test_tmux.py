"""The explorer in a real terminal (tmux): keys typed, the screen read, the clipboard checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dbfactory import hostile_builder, write_sample

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ROOT = Path(__file__).resolve().parents[1]


class Tmux:
    """A private tmux server running one pane."""

    def __init__(self, name: str) -> None:
        self.name = name

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.name, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        return done.stdout

    def start(self, command: list[str], width: int, height: int) -> None:
        self.run(
            "new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), "-c", str(ROOT)
        )
        self.run("resize-window", "-t", "main", "-x", str(width), "-y", str(height))
        self.run("set", "-s", "set-clipboard", "on")
        self.run("set", "-g", "remain-on-exit", "on")
        self.run("respawn-pane", "-k", "-t", "main", " ".join(command))

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "main", "-l", text)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "main")

    def wait(self, check: Callable[[], bool], what: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; screen:\n{self.screen()}")

    def wait_for(self, text: str, timeout: float = 15) -> None:
        self.wait(lambda: text in self.screen(), repr(text), timeout)


@pytest.fixture()
def tmux() -> Iterator[Tmux]:
    server = Tmux(f"filature-test-{os.getpid()}-{time.monotonic_ns()}")
    yield server
    server.run("kill-server")


def app_command(db: Path) -> list[str]:
    # Textual sizes itself from COLUMNS/LINES when set (pytest may set them): use the pane's size.
    return ["env", "-u", "COLUMNS", "-u", "LINES", sys.executable, "-m", "filature.tui", str(db)]


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
    tmux.keys("c")
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
