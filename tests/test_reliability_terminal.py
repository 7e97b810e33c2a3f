"""Item 2: documents holding terminal control (OSC 52, OSC 2, clear screen, OSC 8, C1, NUL),
built by the real pipeline, then shown by the CLI and the app in a real terminal (tmux): the
pane's title, its screen and tmux's paste buffers stay as they were."""

from __future__ import annotations

import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest

from reliability import (
    HOSTILE_NAME,
    MARKUP,
    MAX_MB,
    Corpus,
    Tmux,
    app_command,
    as_nobody,
    hostile_corpus,
)

pytestmark = pytest.mark.slow

TITLE = "filature-test-title"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    built = hostile_corpus()
    assert built.result.returncode == 0, built.result.stderr
    return built


def cli(*args: str) -> str:
    return shlex.join([sys.executable, "-m", "filature", *args])


def untouched(tmux: Tmux) -> None:
    assert tmux.title() == TITLE, "a document changed the pane's title"
    assert tmux.buffers() == "", "a document wrote to the clipboard (a tmux buffer)"


def test_cli_and_app_in_tmux_leave_title_screen_and_clipboard_alone(
    corpus: Corpus, tmux: Tmux, shared: Path
) -> None:
    work = shared
    db = work / "filature.db"
    shutil.copyfile(corpus.db, db)
    shutil.copyfile(corpus.db.with_name("filature.db.cache"), work / "filature.db.cache")
    for path in work.iterdir():
        path.chmod(0o666)
    # A rebuild from the cache (no NLP), so the summary with the hostile file name is printed
    # on the terminal; then the commands that print passages and names; then the app.
    prefix = as_nobody([])
    build = shlex.join(prefix) + " " if prefix else ""
    steps = [
        "export COLUMNS=150; unset LINES",
        build + cli("build", str(corpus.source), "--db", str(db), "--max-mb", MAX_MB),
        "echo BEFORE-FIND",
        cli("find", "presse papiers", "--db", str(db)),
        cli("find", "lien c1", "--db", str(db)),
        cli("show", "Dupont", "--db", str(db)),
        "echo AFTER-CLI; read line",
        shlex.join(app_command(db)),
    ]
    tmux.start(["sh", "-c", "; ".join(steps)], 200, 60)
    tmux.wait_for("AFTER-CLI", timeout=120)
    screen = tmux.screen()
    assert "titre ␛]2;pwned-title␇.txt" in screen, screen  # the summary, controls made visible
    assert "BEFORE-FIND" in screen, "the screen was cleared"
    assert "presse-papiers ]52;c;aGFja2Vk" in screen, screen
    assert "]8;;https://evil.example/" in screen
    untouched(tmux)

    tmux.keys("Enter")
    tmux.wait_for("Entities")
    tmux.keys("C-k")
    tmux.wait_for("Jump to entity")
    tmux.type("interpol")
    tmux.wait_for("Enter jumps")
    tmux.keys("Enter")
    tmux.wait_for("Le balisage [@click=app.quit]q[/] cité par Interpol.")
    screen = tmux.screen()
    for markup in MARKUP:
        assert f"Le balisage {markup} cité par Interpol." in screen, markup
    tmux.keys("C-f")
    tmux.wait_for("every one must appear")
    tmux.type("presse papiers")
    tmux.wait_for("]52;c;aGFja2Vk")
    tmux.keys("Down")
    time.sleep(0.5)
    tmux.keys("Enter")
    tmux.wait_for("]8;;https://evil.example/")  # only the whole document shows that passage
    untouched(tmux)
    screen = tmux.screen()
    assert "pwned-title" in screen and "Rapport de l’agent Dupont" in screen
    tmux.keys("Escape", "Escape")
    tmux.wait_for("Entities")
    untouched(tmux)
    assert not tmux.dead()

    # The check can fail: the same sequences written raw do change the title and the buffers.
    probe = f"printf '{_printf_escape(HOSTILE_NAME)}\\033]52;c;aGk=\\007'; sleep 30"
    tmux.run("new-window", "-d", "-t", "main", "-n", "probe", probe)
    tmux.wait(lambda: tmux.title("main:probe") == "pwned-title", "the raw title to land")
    tmux.wait(lambda: tmux.buffers() != "", "the raw OSC 52 to land")


def _printf_escape(text: str) -> str:
    return "".join(f"\\{ord(c):03o}" if ord(c) < 0x20 else c for c in text)


def test_raw_control_in_the_database_never_reaches_the_terminal(tmp_path: Path, tmux: Tmux) -> None:
    """Defence in depth: a database written by another tool, with raw ESC and C1 in names,
    titles, paths and passages, shown in every view (and in a notification)."""
    from dbfactory import DbBuilder

    b = DbBuilder()
    hostile = f"Agent {hostile_name_text()} Smith"
    ids = b.document(
        f"doc {HOSTILE_NAME}",
        f"Titre {hostile_name_text()}",
        [("body", f"{hostile} parle à Interpol. {CLEAR_TEXT}"), ("body", f"Fin {OSC52_TEXT}.")],
    )
    smith = b.entity(hostile, "person")
    interpol = b.entity("Interpol", "organization")
    b.relation(smith, interpol, "member_of", role=OSC52_TEXT, evidence=((ids[0], "Interpol"),))
    db = b.write(tmp_path / "raw.db")
    tmux.start(app_command(db), 160, 45)
    tmux.wait_for("Entities")
    untouched(tmux)
    tmux.keys("C-e", "c")  # copy the card: the notification names the entity
    tmux.wait_for("Copied card of Agent")
    tmux.keys("C-f")
    tmux.wait_for("every one must appear")
    tmux.type("parle")
    tmux.wait_for("1 passage ")
    tmux.keys("Down")
    time.sleep(0.5)
    tmux.keys("Enter")
    tmux.wait_for("Titre ␛]2;pwned-title␇")
    screen = tmux.screen()
    assert "Agent ␛]2;pwned-title␇ Smith" in screen
    # The copy of the card went through OSC 52 with its control characters removed.
    copied = tmux.run("show-buffer")
    assert copied.startswith("Agent ]2;pwned-title Smith (person)"), copied
    assert tmux.title() == TITLE
    assert tmux.run("list-buffers").count("buffer") == 1


def hostile_name_text() -> str:
    return "\x1b]2;pwned-title\x07"


CLEAR_TEXT = "\x1b[2J\x1b[H\x9b2J"
OSC52_TEXT = "\x1b]52;c;aGFja2Vk\x07"
