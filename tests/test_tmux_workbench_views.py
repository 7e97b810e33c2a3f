"""Issue 16 in a real terminal, on the seeds: the network around Interpol lists its stated
relations before its co-occurrences (8 keys from launch), and a note made in the app is still
there after ``filature build`` has rebuilt the database."""

from __future__ import annotations

import re
from pathlib import Path

from curationkit import curatable_copy
from filature.notes.entries import load_notes
from reliability import Tmux, app_command, filature

GROUP = re.compile(r"[▼▶] (.+?)  \d+\s*│?\s*$")


def headings(screen: str) -> list[str]:
    """The group headings of the network tree, top to bottom."""
    found = []
    for line in screen.splitlines():
        text = line.strip("│ ")
        match = GROUP.match(text)
        if match and not text.startswith(("└", "├")):
            found.append(match.group(1))
    return found


def test_the_network_around_interpol_lists_stated_relations_first(
    seed_db: Path, tmp_path: Path, tmux: Tmux
) -> None:
    copy = curatable_copy(seed_db, tmp_path)
    tmux.start(app_command(copy.db), width=120, height=40)
    tmux.wait_for("Entities")
    tmux.keys("C-k")
    tmux.wait_for("Type a few letters")
    tmux.type("inter")
    tmux.wait_for("Interpol  ■ organisation")
    tmux.keys("Enter")
    tmux.wait_for("Has as officer")  # Interpol's relations on the main screen
    tmux.keys("F5")
    tmux.wait_for("Network of Interpol")
    screen = tmux.screen()
    groups = headings(screen)
    assert groups, screen
    co = "Mentioned with (co-occurrence)"
    assert co in groups, screen
    stated = groups[: groups.index(co)]
    assert {"Has as officer", "Has as member"} <= set(stated), screen
    assert groups[-1] == co, screen
    assert "Meng Hongwei" in screen.split("Has as officer", 1)[1].split(co)[0], screen
    tmux.keys("q")  # printable keys do nothing harmful here
    tmux.keys("Escape")
    tmux.wait_for("Excerpts")
    tmux.keys("M-s")  # alt+s as a terminal sends it (ESC s): the order, not the filter
    tmux.wait_for("Entities · by name")
    tmux.keys("M-b")
    tmux.wait_for("Entities · by name · named in")  # the title is clipped to the pane
    assert "Filter names…" in tmux.screen()


def test_a_note_made_in_the_app_survives_a_rebuild(
    seed_db: Path, tmp_path: Path, tmux: Tmux
) -> None:
    copy = curatable_copy(seed_db, tmp_path)
    notes = copy.seeds / "notes.toml"
    tmux.start(app_command(copy.db), width=120, height=40)
    tmux.wait_for("Entities")
    tmux.keys("C-k")
    tmux.wait_for("Type a few letters")
    tmux.type("meng")
    tmux.wait_for("Meng Hongwei  ● person")
    tmux.keys("Enter")
    tmux.wait(  # the jump dialog closed (a key sent before reached it: seen in CI under load)
        lambda: "Type a few letters" not in tmux.screen() and "5 mentions in" in tmux.screen(),
        "Meng Hongwei shown on the main screen",
    )
    tmux.keys("C-n")
    tmux.wait_for("Star the entity Meng Hongwei")
    tmux.type("élu en 2016 [b]x[/b]")
    tmux.keys("Enter")
    tmux.wait(lambda: notes.exists() and len(load_notes(notes)) == 1, "the note on disk")
    assert load_notes(notes)[0].text == "élu en 2016 [b]x[/b]"
    tmux.keys("C-q")
    tmux.wait_exit("the app to quit")

    rebuilt = filature("build", str(copy.seeds), "--db", str(copy.db))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert [n.text for n in load_notes(notes)] == ["élu en 2016 [b]x[/b]"]

    tmux.respawn(app_command(copy.db))
    tmux.wait_for("Entities")
    tmux.keys("F6")
    tmux.wait_for("élu en 2016 [b]x[/b]")
    screen = tmux.screen()
    assert "not found in this database" not in screen, screen
    assert "Meng Hongwei" in screen, screen
    tmux.keys("Enter")
    tmux.wait_for("Relations")
    tmux.wait(
        lambda: any(
            "Meng Hongwei" in line and "mentions" in line for line in tmux.screen().splitlines()
        ),
        "Meng Hongwei in the header",
    )
