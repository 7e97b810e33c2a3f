"""The command line: versions, help, and one-line errors with their fix, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from filature import __version__
from filature.cli import app

runner = CliRunner()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "filature", *args], capture_output=True, text=True, timeout=300
    )


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"filature {__version__}"


@pytest.mark.parametrize("command", [[], ["build"], ["entities"]])
def test_help_everywhere(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_missing_database_gives_one_line_and_the_fix(tmp_path: Path) -> None:
    result = run("entities", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "No database at" in lines[0]
    assert "filature build --db" in lines[0]


def test_garbage_database_gives_one_line_and_the_fix(tmp_path: Path) -> None:
    db = tmp_path / "garbage.db"
    db.write_bytes(b"this is not sqlite" * 100)
    result = run("entities", "--db", str(db))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "filature build --db" in result.stderr


def test_build_of_a_missing_folder_is_a_clean_error(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert "No folder at" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_type_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["entities", "--type", "planet", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "Unknown type" in result.output


@pytest.mark.slow
def test_entities_json_on_the_seeds(seed_db: Path) -> None:
    result = runner.invoke(app, ["entities", "--db", str(seed_db), "--json", "--type", "person"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["type"] == "person" for r in rows)
    assert rows == sorted(rows, key=lambda r: -r["mention_count"])
    assert all(r["name"] in r["aliases"] for r in rows)
