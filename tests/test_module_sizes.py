"""Modules stay small enough to read: every module of filature is at most ``MAX_LINES`` lines
(a larger one is split along its responsibilities), and no function is more complex than
``[tool.ruff.lint.mccabe] max-complexity`` (``make lint`` checks it with ruff's C901)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "filature"
MAX_LINES = 300


def test_every_module_is_at_most_300_lines() -> None:
    sizes = {
        p.relative_to(SRC).as_posix(): len(p.read_bytes().splitlines()) for p in SRC.rglob("*.py")
    }
    assert len(sizes) > 100
    assert {path: n for path, n in sorted(sizes.items()) if n > MAX_LINES} == {}


def test_the_linter_caps_every_functions_complexity() -> None:
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"][
        "lint"
    ]
    assert "C90" in lint["select"]
    assert lint["mccabe"]["max-complexity"] <= 15
