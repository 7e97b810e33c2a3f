"""Without tmux the terminal tests skip with the reason, except under CI (CI=true), where they fail.

Each case runs pytest in a subprocess on one tmux test (through the ``tmux`` fixture) and one that
creates its ``Tmux`` directly, with a PATH that holds no tmux.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reliability import ROOT, TMUX_MISSING

TESTS = [
    "tests/test_tmux.py::test_fuzzy_jump_and_copy_in_a_real_terminal",
    "tests/test_startup.py::test_no_argument_builds_the_seeds_with_progress_then_opens_the_explorer",
]


def _pytest_without_tmux(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "bin"
    empty.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PATH"] = str(empty)
    if ci is not None:
        env["CI"] = ci
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *TESTS]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_tmux_tests_skip_with_the_reason_when_tmux_is_missing(tmp_path: Path) -> None:
    done = _pytest_without_tmux(tmp_path, None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 skipped" in done.stdout and "passed" not in done.stdout
    assert done.stdout.count(TMUX_MISSING) == 2, done.stdout


@pytest.mark.parametrize("ci", ["true", "1"])
def test_tmux_tests_fail_under_ci_when_tmux_is_missing(tmp_path: Path, ci: str) -> None:
    done = _pytest_without_tmux(tmp_path, ci)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "skipped" not in done.stdout
    assert done.stdout.count("under CI=true it is required") >= 2, done.stdout
