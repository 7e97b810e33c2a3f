"""Typing never curates (issue 12, item 1): in a real terminal, every alias of the most
mentioned entities typed on the main screen, each followed by Enter and Escape, leaves the
curation file and the database byte for byte as they were; the names went to the filter."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from curationkit import curatable_copy
from reliability import Tmux, app_command

pytestmark = pytest.mark.slow
TOP = 50
PLACEHOLDER = "Filter names…"


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


def filter_box(tmux: Tmux) -> str:
    """What the name filter shows (the line under the type filter, inside the pane)."""
    lines = tmux.screen().splitlines()
    for number, line in enumerate(lines[:-1]):
        if "All (" in line:
            return lines[number + 1].split("│")[1].strip()
    return ""


def type_name(tmux: Tmux, alias: str) -> None:
    """Type ``alias``, Enter and Escape, each once the app has handled the keys before it:
    an Escape followed at once by a letter reads as alt+letter (or worse) to a terminal app."""
    tmux.type(alias)
    tail = alias[-8:].strip()
    tmux.wait(lambda: filter_box(tmux).endswith(tail), f"{alias!r} in the filter", 60)
    tmux.keys("Enter")
    tmux.keys("Escape")
    tmux.wait(lambda: filter_box(tmux) == PLACEHOLDER, f"the filter cleared after {alias!r}", 60)


def test_typing_every_alias_of_the_top_entities_changes_nothing(
    seed_db: Path, tmp_path: Path, tmux: Tmux
) -> None:
    copy = curatable_copy(seed_db, tmp_path)
    aliases = top_aliases(copy.db)
    assert len(aliases) >= TOP
    before = (digest(copy.db), digest(copy.curation))
    tmux.start(app_command(copy.db))
    tmux.wait_for(PLACEHOLDER)
    for alias in aliases:
        type_name(tmux, alias)
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
