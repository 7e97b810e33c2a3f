"""The workbench's questions answered in a real terminal (tmux, 80×24) on the seeds: who funds
which programmes, how much and when (the relations table), and what happened around Meng
Hongwei (the timeline). Each key waits for the screen to show its effect, as a reader would."""

from __future__ import annotations

from pathlib import Path

import pytest

from reliability import Tmux, app_command

pytestmark = pytest.mark.slow


def send(tmux: Tmux, keys: list[str], key: str, then: str) -> None:
    """Press ``key`` (a tmux key name, or text typed as is when ``-l`` prefixed), count it,
    and wait for ``then`` on the screen."""
    if key.startswith("-l "):
        tmux.type(key[3:])
        keys.extend(key[3:])
    else:
        tmux.keys(key)
        keys.append(key)
    tmux.wait_for(then, timeout=60)


def test_funding_question_in_five_keys_shows_the_2017_amounts(seed_db: Path, tmux: Tmux) -> None:
    tmux.start(app_command(seed_db), 80, 24)
    tmux.wait_for("Entities", timeout=60)
    keys: list[str] = []
    send(tmux, keys, "F3", "Relations table: every stated type")
    send(tmux, keys, "t", "holds a role at (")  # the type chooser is open
    send(tmux, keys, "-l fu", "funds (")
    send(tmux, keys, "Enter", "Relations table: funds")
    assert len(keys) <= 10, keys
    tmux.wait_for("shared", timeout=30)
    tmux.wait_for("2017: 2 047 000", timeout=30)  # the totals are read after the first page
    screen = tmux.screen()
    assert "Bureau chinois" in screen  # who
    assert "Combattants étra" in screen  # which programmes (clipped at 80 columns)
    rows = [line for line in screen.splitlines() if "2017" in line and "2 047 000" in line]
    assert rows, screen  # how much, when: the 2017 rows with their amount
    assert "2017: 2 047 000" in screen  # and the funder's total for 2017, with the rows
    tmux.keys("Down")  # the first 2017 row (rows are sorted by funder, then programme)
    tmux.wait_for("→ funds →  Combattants étrangers", timeout=30)  # the detail line follows
    send(tmux, keys, "Enter", "Evidence: funds")
    tmux.wait_for("EUR 2 047 000", timeout=30)  # the quote behind the amount


def test_timeline_around_meng_hongwei_shows_his_2016_election(seed_db: Path, tmux: Tmux) -> None:
    tmux.start(app_command(seed_db), 80, 24)
    tmux.wait_for("Entities", timeout=60)
    keys: list[str] = []
    send(tmux, keys, "C-k", "Type a few letters")
    send(tmux, keys, "-l meng", "Enter jumps")
    send(tmux, keys, "Enter", "Meng Hongwei  ●")
    send(tmux, keys, "F4", "Timeline of Meng Hongwei")
    assert len(keys) <= 10, keys
    tmux.wait_for("2016-11-10", timeout=30)
    screen = tmux.screen()
    line = next(line for line in screen.splitlines() if "2016-11-10" in line)
    assert "Meng Hongwei → holds a role at → Interpol" in line and "président" in line
    assert "── 2016 · " in screen
    tmux.keys("End")
    send(tmux, keys, "Enter", "Evidence: holds a role at")
    tmux.wait_for("élu", timeout=30)
