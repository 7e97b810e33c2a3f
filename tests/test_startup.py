"""`filature` with no argument, as a new user runs it: build from seeds/ with a progress bar,
then the explorer on db/filature.db; the next start opens it at once."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from reliability import ROOT, Tmux

pytestmark = pytest.mark.slow


def test_no_argument_builds_the_seeds_with_progress_then_opens_the_explorer(
    tmp_path: Path,
) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    command = [
        "env", "-u", "COLUMNS", "-u", "LINES", f"PYTHONPATH={ROOT / 'src'}",
        sys.executable, "-m", "filature",
    ]  # fmt: skip
    tmux = Tmux()
    try:
        tmux.run("new-session", "-d", "-s", "main", "-x", "140", "-y", "40", "-c", str(tmp_path))
        tmux.run("set", "-g", "remain-on-exit", "on")
        tmux.run("respawn-pane", "-k", "-t", "main", "-c", str(tmp_path), " ".join(command))
        tmux.wait(lambda: "Analysing passages" in tmux.screen(), "the progress bar", 60)
        tmux.wait(lambda: "Entities" in tmux.screen(), "the explorer", 300)
        screen = tmux.screen()
        assert "Relations" in screen and "Excerpts" in screen
        assert "Chine" in screen
        assert (tmp_path / "db" / "filature.db").is_file()
        built = (tmp_path / "db" / "filature.db").stat().st_mtime
        tmux.keys("C-q")
        tmux.wait(tmux.dead, "the app to quit", 20)
        tmux.run("respawn-pane", "-k", "-t", "main", "-c", str(tmp_path), " ".join(command))
        tmux.wait(lambda: "Entities" in tmux.screen(), "the explorer again", 30)
        assert (tmp_path / "db" / "filature.db").stat().st_mtime == built
    finally:
        tmux.kill()
