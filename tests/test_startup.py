"""`filature` with no argument, as a new user runs it: build from seeds/ showing each stage,
the build summary kept on screen until Enter, then the explorer on db/filature.db; the next
start opens it at once. ``filature build`` without a terminal prints one line per stage."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
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
        tmux.wait(lambda: "Building db/filature.db from seeds/" in tmux.screen(), "why", 60)
        tmux.wait(lambda: "Loading the language model" in tmux.screen(), "the model stage", 120)
        tmux.wait(lambda: "Analysing passages" in tmux.screen(), "the progress bar", 120)
        screen = tmux.screen()
        assert screen.index("Reading files") < screen.index("Loading the language model")
        assert screen.index("Loading the language model") < screen.index("Analysing passages")
        tmux.wait(lambda: "Press Enter to open the explorer" in tmux.screen(), "the summary", 300)
        time.sleep(1)
        screen = tmux.screen()
        assert "Built db/filature.db: 5 documents" in screen
        assert all(f.name in screen for f in (ROOT / "seeds").glob("*.txt"))
        assert "Entities" not in screen
        tmux.keys("Enter")
        tmux.wait(lambda: "Entities" in tmux.screen(), "the explorer", 60)
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
        tmux.keys("C-q")
        tmux.wait(tmux.dead, "the app to quit again", 20)
        tmux.run("clear-history", "-t", "main")
        next((tmp_path / "seeds").glob("*.txt")).touch()
        tmux.run("respawn-pane", "-k", "-t", "main", "-c", str(tmp_path), " ".join(command))
        tmux.wait(lambda: "Press Enter to open the explorer" in tmux.screen(), "a rebuild", 120)
        screen = tmux.screen()
        assert "filature.db is older than the documents" in screen
        assert "5 documents analysed" not in screen and "Loading the language model" not in screen
        tmux.keys("Enter")
        tmux.wait(lambda: "Entities" in tmux.screen(), "the explorer after the rebuild", 60)
    finally:
        tmux.kill()


def test_build_without_a_terminal_prints_each_stage_and_loads_the_model_only_when_needed(
    tmp_path: Path,
) -> None:
    source = tmp_path / "docs"
    source.mkdir()
    (source / "note.txt").write_text(
        "Meng Hongwei est élu président d'Interpol à Bali en 2016.\n", encoding="utf-8"
    )
    command = [
        sys.executable,
        "-m",
        "filature",
        "build",
        str(source),
        "--db",
        str(tmp_path / "f.db"),
    ]
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    first = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=600, check=True
    )
    stages = [line for line in first.stderr.splitlines() if line.endswith("…")]
    assert stages == [
        "Reading files…", "Loading the language model…", "Analysing passages…", "Writing database…"
    ]  # fmt: skip
    again = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=600, check=True
    )
    assert "Loading the language model" not in again.stderr
    assert "Analysing passages…" in again.stderr
