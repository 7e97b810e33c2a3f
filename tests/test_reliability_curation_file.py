"""Issue 12, section 3: an invalid curation file is one message (file, line, column, what is
wrong, the fix), never a traceback; a byte-order mark is accepted; the explorer still opens the
existing database, read-only, with a warning. Every case runs the real command line."""

from __future__ import annotations

import codecs
import os
import shlex
import shutil
import sqlite3
import sys
from pathlib import Path

import anyio
import pytest

from dbfactory import write_sample
from filature.tui.app import make_app
from reliability import Tmux, filature, screen_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

# name -> (bytes of curation.toml, line, column, words the message must hold)
BAD_FILES: dict[str, tuple[bytes, int | None, int | None, tuple[str, ...]]] = {
    "syntax error": (b'[[merge]]\ninto = Beijing\nnames = ["P\xc3\xa9kin"]\n', 2, 8, ("TOML",)),
    "unclosed bracket": (
        b'[[merge]]\ninto = "Beijing"\nnames = ["P\xc3\xa9kin"\n\n',
        3,
        17,
        ("TOML", "end of the file"),
    ),
    "unknown key": (
        b'[[drop]]\nname = "x"\n\n[[rename]]\nnmae = "a"\nto = "b"\n',
        5,
        1,
        ("unknown key", "'nmae'", "'name'"),
    ),
    "unknown section": (b'[[drop]]\nname = "x"\n\n[[mergee]]\ninto = "a"\n', 4, 1, ("mergee",)),
    "unknown type": (
        b'[[retype]]\nname = "Interpol"\n  to = "organisation"\n',
        3,
        3,
        ("unknown type", "'organisation'", "organization"),
    ),
    "not UTF-8": (b'[[drop]]\nname = "caf\xe9"\n', 2, 12, ("UTF-8",)),
}


def check_message(stderr: str, path: Path, line: int | None, column: int | None) -> str:
    """The one line the command printed, checked for the file, the place and the fix."""
    assert "Traceback" not in stderr, stderr
    lines = [text for text in stderr.splitlines() if text.strip()]
    assert len(lines) == 1, stderr
    (message,) = lines
    assert str(path) in message and "Fix:" in message, message
    if line is not None:
        assert f"line {line}" in message, message
    if column is not None:
        assert f"column {column}" in message, message
    return message


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_an_invalid_curation_file_stops_the_build_with_one_located_message(
    case: str, tmp_path: Path
) -> None:
    data, line, column, words = BAD_FILES[case]
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "note.txt").write_text("Interpol coopère avec la police de Lyon.\n")
    curation = source / "curation.toml"
    curation.write_bytes(data)
    db = write_sample(tmp_path / "filature.db")
    before = db.read_bytes()
    done = filature("build", str(source), "--db", str(db))
    assert done.returncode == 2, done.stderr
    message = check_message(done.stderr, curation, line, column)
    for word in words:
        assert word in message, message
    assert db.read_bytes() == before and curation.read_bytes() == data


def test_a_folder_in_place_of_the_curation_file_is_named(tmp_path: Path) -> None:
    source = tmp_path / "corpus"
    (source / "curation.toml").mkdir(parents=True)
    (source / "note.txt").write_text("Interpol coopère avec la police de Lyon.\n")
    done = filature("build", str(source), "--db", str(tmp_path / "filature.db"))
    assert done.returncode == 2, done.stderr
    message = check_message(done.stderr, source / "curation.toml", None, None)
    assert "folder" in message
    assert not (tmp_path / "filature.db").exists()


def test_a_curation_file_with_a_byte_order_mark_is_applied(seed_db: Path, tmp_path: Path) -> None:
    source = tmp_path / "seeds"
    shutil.copytree(SEEDS, source)
    shipped = (SEEDS / "curation.toml").read_bytes()
    (source / "curation.toml").write_bytes(codecs.BOM_UTF8 + shipped)
    db = tmp_path / "filature.db"
    shutil.copyfile(seed_db.with_name(seed_db.name + ".cache"), db.with_name(db.name + ".cache"))
    done = filature("build", str(source), "--db", str(db))
    assert done.returncode == 0, done.stderr

    def names(path: Path) -> list[str]:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return [r[0] for r in conn.execute("SELECT name FROM entities ORDER BY name, id")]
        finally:
            conn.close()

    assert names(db) == names(seed_db)  # the same decisions as the shipped file without a BOM


def test_bare_filature_opens_the_existing_database_read_only_with_a_warning(
    seed_db: Path, tmp_path: Path, tmux: Tmux
) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "db").mkdir()
    db = tmp_path / "db" / "filature.db"
    shutil.copyfile(seed_db.with_name(seed_db.name + ".cache"), db.with_name(db.name + ".cache"))
    built = filature("build", "seeds", cwd=tmp_path)  # the database of this folder's seeds
    assert built.returncode == 0, built.stderr
    curation = tmp_path / "seeds" / "curation.toml"
    os.utime(db, (db.stat().st_atime - 60, db.stat().st_mtime - 60))
    data = curation.read_bytes() + b'\n[[rename]]\nname = "Interpol"\nto = "OIPC"\nwhy = "x"\n'
    curation.write_bytes(data)  # newer than the database: a plain `filature` would rebuild
    bad_line = data.decode().splitlines().index('why = "x"') + 1
    before = db.read_bytes()
    command = ["env", "-u", "COLUMNS", "-u", "LINES", "PYTHONPATH=" + str(ROOT / "src")]
    command += [sys.executable, "-m", "filature"]
    tmux.start(["sh", "-c", f"cd {shlex.quote(str(tmp_path))} && exec {shlex.join(command)}"])
    tmux.wait_for("Entities", timeout=120)
    tmux.wait(lambda: f"line {bad_line}" in tmux.screen(), "the warning about the curation file")
    screen = tmux.screen()
    assert "curation.toml" in screen and "read-only" in screen, screen
    assert "Traceback" not in tmux.history()
    tmux.keys("C-q")
    tmux.wait(tmux.dead, "the explorer to quit")
    assert db.read_bytes() == before and curation.read_bytes() == data


def test_browse_warns_when_the_curation_file_of_the_database_is_invalid(tmp_path: Path) -> None:
    db = write_sample(tmp_path / "filature.db")
    curation = tmp_path / "curation.toml"
    curation.write_bytes(b'[[drop]]\nname = "Interpol"\ntype = "persn"\n')
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO meta VALUES ('curation_path', ?)", (str(curation),))
    conn.commit()
    conn.close()

    async def run() -> str:
        app = make_app(db, system_clipboard=False)
        async with app.run_test(size=(160, 45), notifications=True) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
            return screen_text(app)

    screen = anyio.run(run)
    assert "line 3" in screen and "persn" in screen and "read-only" in screen, screen


def test_a_pipe_in_place_of_the_curation_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "note.txt").write_text("Interpol coopère avec la police de Lyon.\n")
    os.mkfifo(source / "curation.toml")  # reading it would wait for a writer forever
    done = filature("build", str(source), "--db", str(tmp_path / "filature.db"), timeout=120)
    assert done.returncode == 2, done.stderr
    assert "not a regular file" in check_message(done.stderr, source / "curation.toml", None, None)


def test_a_curation_file_named_on_the_command_line_must_exist(tmp_path: Path) -> None:
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "note.txt").write_text("Interpol coopère avec la police de Lyon.\n")
    missing = tmp_path / "decisions.toml"
    db = tmp_path / "filature.db"
    done = filature("build", str(source), "--db", str(db), "--curation", str(missing))
    assert done.returncode == 2, done.stderr
    assert "no such file" in check_message(done.stderr, missing, None, None)
    assert not db.exists()
