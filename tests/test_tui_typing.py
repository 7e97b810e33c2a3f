"""Typing never curates (issue 12, item 1): in a real terminal, every alias of the most
mentioned entities typed on the main screen, each followed by Enter and Escape, leaves the
curation file and the database byte for byte as they were; the names went to the filter."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pytest

from curationkit import curatable_copy
from reliability import Tmux, app_command

pytestmark = pytest.mark.slow
TOP = 50
BATCH = 12
SYNC = "zqzq"  # typed after each batch: once the filter shows it, every key before was handled


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def top_aliases(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        ids = [
            int(r[0])
            for r in conn.execute(
                "SELECT id FROM entities ORDER BY mention_count DESC, id LIMIT ?", (TOP,)
            )
        ]
        marks = ", ".join("?" * len(ids))
        rows = conn.execute(f"SELECT alias FROM aliases WHERE entity_id IN ({marks})", ids)
        return sorted({str(r[0]) for r in rows})
    finally:
        conn.close()


def handled(tmux: Tmux) -> None:
    """Wait until the app has handled every key sent so far (and the filter is empty again)."""
    tmux.type(SYNC)
    tmux.wait_for(SYNC, timeout=60)
    tmux.keys("Escape")
    tmux.wait_for("Filter names…", timeout=60)


def test_typing_every_alias_of_the_top_entities_changes_nothing(
    seed_db: Path, tmp_path: Path, tmux: Tmux
) -> None:
    copy = curatable_copy(seed_db, tmp_path)
    aliases = top_aliases(copy.db)
    assert len(aliases) >= TOP
    before = (digest(copy.db), digest(copy.curation))
    tmux.start(app_command(copy.db))
    tmux.wait_for("Filter names…")
    for start in range(0, len(aliases), BATCH):
        for alias in aliases[start : start + BATCH]:
            tmux.type(alias)
            tmux.keys("Enter")
            tmux.keys("Escape")
            time.sleep(0.05)  # Escape then a letter in one read is alt+letter to a terminal app
        handled(tmux)
        assert not tmux.dead(), tmux.screen()
    tmux.type("meng hong")  # the names went to the filter: this one selects Meng Hongwei
    tmux.keys("Enter")
    tmux.wait_for("Meng Hongwei  ● person")
    tmux.type("xi jinping")  # typed from the relations pane, in one go: a new filter
    tmux.keys("Enter")
    tmux.wait_for("Xi Jinping  ● person")
    tmux.keys("C-q")
    tmux.wait(tmux.dead, "the app to quit on ctrl+q")
    assert (digest(copy.db), digest(copy.curation)) == before
    assert not list(copy.seeds.glob(".curation.toml.tmp-*"))
