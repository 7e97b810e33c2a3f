"""Real build processes: kill -9 at several points never harms the previous database."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import SEEDS

from reliability import start_build

TABLES = ("documents", "passages", "entities", "aliases", "mentions", "relations", "evidence")


@pytest.fixture()
def db(seed_db: Path, tmp_path: Path) -> Path:
    """A writable copy of the seed database, for builds to replace."""
    copy = tmp_path / "filature.db"
    shutil.copyfile(seed_db, copy)
    copy.chmod(0o644)
    return copy


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


@pytest.mark.slow
def test_kill_9_at_any_point_leaves_the_previous_database_intact(db: Path, tmp_path: Path) -> None:
    before = counts(db)
    assert before["passages"] > 0
    for delay in (0.3, 1.5, 3.0, 5.0):
        proc = start_build(db)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert counts(db) == before, f"after a kill at {delay}s"
    stray = tmp_path / ".filature.db.tmp-999999-deadbeef"
    stray.write_bytes(b"left by a killed build")
    proc = start_build(db)
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr.decode()
    assert counts(db) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".filature.db.tmp")) == []


@pytest.mark.slow
def test_a_second_build_at_the_same_time_is_refused_with_a_message(db: Path) -> None:
    first = start_build(db)
    try:
        assert first.stderr is not None
        assert first.stderr.readline().startswith(b"Reading files")  # the lock is held
        second = subprocess.run(
            [sys.executable, "-m", "filature", "build", str(SEEDS), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        _, stderr = first.communicate(timeout=600)
    assert first.returncode == 0, stderr.decode()
    assert second.returncode == 3
    assert "Another build" in second.stderr
    assert "Traceback" not in second.stderr
    counts(db)
