"""Issue 12, section 3: a build that cannot finish says why and keeps the previous database.
A really full filesystem (a small tmpfs, mounted by the test as root), a database written by a
newer filature, and Ctrl-C at any moment, from the first tenths of a second on."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dbfactory import sample_builder, write_sample
from filature.store.schema import SCHEMA_VERSION
from reliability import ROOT, env_without_size, filature, small_tmpfs

SEEDS = ROOT / "seeds"
Popen = subprocess.Popen[str]


def without_progress(stderr: str) -> str:
    """``stderr`` without the progress lines ("Reading files…") of a build off a terminal."""
    return "\n".join(line for line in stderr.splitlines() if not line.endswith("…"))


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real filesystem of 8 MB (tmpfs), unmounted afterwards."""
    with small_tmpfs(tmp_path / "disk", "8m") as point:
        yield point


def fill(folder: Path, leave: int) -> None:
    """Fill the filesystem of ``folder`` until only about ``leave`` bytes are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with open(folder / "filler", "wb") as handle:
        handle.write(b"\0" * max(0, free - leave))
    stats = os.statvfs(folder)
    assert stats.f_bavail * stats.f_frsize <= leave + stats.f_frsize


def test_disk_full_during_a_build_is_named_and_loses_nothing(
    seed_db: Path, small_disk: Path
) -> None:
    db = small_disk / "filature.db"
    write_sample(db)
    cache = seed_db.with_name(seed_db.name + ".cache")
    shutil.copyfile(cache, db.with_name(db.name + ".cache"))  # no analysis: straight to writing
    before = db.read_bytes()
    needed = seed_db.stat().st_size
    fill(small_disk, needed // 3)
    done = filature("build", str(SEEDS), "--db", str(db))
    assert done.returncode != 0
    message = one_line(without_progress(done.stderr))
    assert "Disk full" in message and str(small_disk) in message, message
    assert "could not be read" not in message and "intact" in message
    assert db.read_bytes() == before
    leftovers = [p.name for p in small_disk.iterdir() if p.name.startswith(".filature.db.tmp")]
    assert leftovers == []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_database_of_a_newer_schema_is_never_overwritten(tmp_path: Path) -> None:
    db = sample_builder().write(tmp_path / "filature.db", schema_version=SCHEMA_VERSION + 1)
    conn = sqlite3.connect(db)
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("filature_version", "9.4.1"), ("pipeline_version", "fr-md-3.8/rules-77")],
    )
    conn.commit()
    conn.close()
    before = db.read_bytes()
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "vide.txt").write_bytes(b"")  # nothing to analyse: a build would be quick
    done = filature("build", str(source), "--db", str(db))
    assert done.returncode != 0
    message = one_line(done.stderr)
    assert f"schema version {SCHEMA_VERSION + 1}" in message, message
    assert "9.4.1" in message and "rules-77" in message and "Fix:" in message, message
    assert db.read_bytes() == before
    opened = filature("entities", "--db", str(db))
    assert opened.returncode == 2
    message = one_line(opened.stderr)
    assert "newer" in message and "9.4.1" in message, message
    assert "Fix: filature build" not in message  # that would be refused (or lose the file)


def start(db: Path, command: tuple[str, ...] = (sys.executable, "-m", "filature")) -> Popen:
    env = env_without_size()
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.Popen(
        [*command, "build", str(SEEDS), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def interrupted(proc: Popen, db: Path, before: bytes) -> str:
    """Interrupt, then check the exit status, the one line printed and the database."""
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    frames = [line for line in stderr.splitlines() if line.strip().startswith('File "')]
    if proc.returncode != 130 and not any("/filature/" in line for line in frames):
        pytest.skip(f"the interrupt landed before Python ran any filature code: {frames[-1:]}")
    assert proc.returncode == 130, (proc.returncode, stderr)
    message = one_line(without_progress(stderr))
    assert message.startswith("Interrupted"), message
    assert db.read_bytes() == before
    return message


def test_ctrl_c_during_a_build_says_the_previous_database_is_kept(tmp_path: Path) -> None:
    db = write_sample(tmp_path / "filature.db")
    before = db.read_bytes()
    proc = start(db)
    assert proc.stderr is not None
    for line in proc.stderr:  # the analysis (spaCy loading) has begun
        if line.startswith("Analysing"):
            break
    message = interrupted(proc, db, before)
    assert f"the previous {db} is kept" in message, message


SCRIPT = Path(sys.executable).with_name("filature")  # the installed console script


@pytest.mark.parametrize(
    ("delay", "script"), [(0.25, False), (0.4, False), (0.6, False), (0.4, True)]
)
def test_ctrl_c_while_the_command_starts_is_one_line(
    tmp_path: Path, delay: float, script: bool
) -> None:
    import time

    if script and not SCRIPT.exists():
        pytest.skip(f"no console script at {SCRIPT}")
    db = write_sample(tmp_path / "filature.db")
    before = db.read_bytes()
    proc = start(db, (str(SCRIPT),)) if script else start(db)
    time.sleep(delay)
    message = interrupted(proc, db, before)
    assert "database" in message or str(db) in message, message  # what became of it
