"""Item 6: every command, and the app, on every kind of broken database: one line on stderr
naming the problem and the command that fixes it, a non-zero exit, never a traceback. A
read-only database (file and folder) is read normally; a build into a read-only folder fails
with a clear message. Permission cases run as nobody when the suite runs as root."""

from __future__ import annotations

import random
import shlex
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dbfactory import write_sample
from filature.cli import app as cli_app
from filature.store.schema import SCHEMA_VERSION
from reliability import as_nobody as nobody
from reliability import env_without_size, filature

runner = CliRunner()


def truncate(fraction: float) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        write_sample(path)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    return make


def last_page_missing(path: Path) -> None:
    write_sample(path)
    data = path.read_bytes()
    path.write_bytes(data[:-4096])


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(8).randbytes(64 * 1024))


def other_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos VALUES (1, 'x')")
    conn.commit()
    conn.close()


def older_schema(path: Path) -> None:
    write_sample(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION - 1,))
    conn.commit()
    conn.close()


# Each case: how to make it, and a word of the message that names the problem.
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing": (lambda path: None, "No database at"),
    "empty": (lambda path: path.touch(), "is empty"),
    "truncated-half": (truncate(0.5), "truncated"),
    "truncated-last-page": (last_page_missing, "truncated"),
    "random-bytes": (random_bytes, "not a database"),
    "other-sqlite": (other_sqlite, "not a filature database"),
    "older-schema": (older_schema, f"schema version {SCHEMA_VERSION - 1}"),
    "folder": (lambda path: path.mkdir(), "is a folder"),
}


def commands(db: Path, out: Path) -> dict[str, list[str]]:
    """Every command that reads a database, with the arguments that make it read ``db``."""
    d = ["--db", str(db)]
    return {
        "entities": ["entities", *d],
        "relations": ["relations", *d],
        "search": ["search", "meng", *d],
        "find": ["find", "interpol", *d],
        "show": ["show", "Meng Hongwei", *d],
        "dossier": ["dossier", "Meng Hongwei", "--out", str(out / "d.md"), *d],
        "export": ["export", "--format", "json", "--out", str(out / "e.json"), *d],
        "browse": ["browse", *d],
    }


def one_line_with_fix(stderr: str, problem: str, fix: str) -> None:
    progress = ("Reading files…", "Analysing passages…", "Writing database…")
    lines = [line for line in stderr.splitlines() if line.strip() and line not in progress]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1, stderr
    assert problem in lines[0], (problem, lines[0])
    assert f"Fix: {fix}" in lines[0], (fix, lines[0])


@pytest.mark.parametrize("case", CASES)
def test_every_command_on_a_broken_database(tmp_path: Path, case: str) -> None:
    make, problem = CASES[case]
    db = tmp_path / "broken.db"
    make(db)
    fix = f"filature build --db {shlex.quote(str(db / 'filature.db' if case == 'folder' else db))}"
    for name, args in commands(db, tmp_path).items():
        result = runner.invoke(cli_app, args)
        assert result.exit_code == 2, (name, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), name
        assert result.stdout == "", name
        one_line_with_fix(result.stderr, problem, fix)
    assert not (tmp_path / "d.md").exists() and not (tmp_path / "e.json").exists()


@pytest.mark.parametrize("case", CASES)
def test_the_app_and_the_bare_command_on_a_broken_database(tmp_path: Path, case: str) -> None:
    """``filature browse`` and ``filature`` alone (db/filature.db in the current folder) as
    real processes: the app's path, before anything is drawn."""
    make, problem = CASES[case]
    (tmp_path / "db").mkdir()
    db = tmp_path / "db" / "filature.db"
    make(db)
    fix = "filature build" + (" --db db/filature.db/filature.db" if case == "folder" else "")
    bare = filature(cwd=tmp_path)
    assert bare.returncode != 0
    if case == "missing":  # builds first: the seeds folder is missing here
        one_line_with_fix(bare.stderr, "No folder at seeds", "filature build")
    else:
        one_line_with_fix(bare.stderr, problem, fix)
    browse = filature("browse", "--db", str(db))
    assert browse.returncode == 2
    one_line_with_fix(browse.stderr, problem, "filature build --db")


def test_every_command_as_a_process(tmp_path: Path) -> None:
    """The same contract through the real entry point (``python -m filature``)."""
    db = tmp_path / "broken.db"
    random_bytes(db)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(
            zip(
                commands(db, tmp_path),
                pool.map(lambda args: filature(*args), commands(db, tmp_path).values()),
                strict=True,
            )
        )
    for name, result in results.items():
        assert result.returncode == 2, name
        one_line_with_fix(result.stderr, "not a database", f"filature build --db {db}")


def as_nobody(*args: str) -> subprocess.CompletedProcess[str]:
    env = env_without_size()
    env["COLUMNS"] = "250"
    return subprocess.run(
        nobody([sys.executable, "-m", "filature", *args]),
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


def test_unreadable_database_names_the_chmod_that_fixes_it(shared: Path) -> None:
    folder = shared
    db = write_sample(folder / "locked.db")
    db.chmod(0)
    out = folder / "out"
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    cases = list(commands(db, out).values())
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda args: as_nobody(*args), cases))
    for args, result in zip(cases, results, strict=True):
        assert result.returncode == 2, args
        one_line_with_fix(result.stderr, "cannot be read", f"chmod u+r {db}")


def test_a_read_only_database_in_a_read_only_folder_is_read_normally(shared: Path) -> None:
    folder = shared
    data = folder / "data"
    data.mkdir()
    db = write_sample(data / "filature.db")
    out = folder / "out"
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    db.chmod(0o444)
    data.chmod(0o555)
    before = db.read_bytes()
    cases = [args for name, args in commands(db, out).items() if name != "browse"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda args: as_nobody(*args), cases))
    for args, result in zip(cases, results, strict=True):
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert "Meng Hongwei" in results[0].stdout
    assert (out / "d.md").exists() and (out / "e.json").exists()
    # The app's own data layer, as nobody, on the same read-only file and folder.
    code = (
        "import sys; from pathlib import Path; from filature.tui.catalog import Catalog;"
        "c = Catalog(Path(sys.argv[1])); print(c.entities()[0].name, len(c.fuzzy('meng')),"
        " len(c.full_text('interpol').hits), c.conn.execute('PRAGMA query_only').fetchone()[0])"
    )
    shown = subprocess.run(
        nobody([sys.executable, "-c", code, str(db)]),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    name, fuzzy, found, query_only = shown.stdout.split()
    assert name == "Interpol" and int(fuzzy) > 0 and int(found) > 0 and query_only == "1"
    assert db.read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == ["filature.db"]  # no journal, no lock


def test_a_build_into_a_read_only_folder_or_onto_a_folder_fails_clearly(shared: Path) -> None:
    folder = shared
    source = folder / "source"
    source.mkdir(mode=0o755)
    (source / "a.txt").write_text("Interpol siège à Lyon.", encoding="utf-8")
    (source / "a.txt").chmod(0o644)
    source.chmod(0o755)
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    fix = "filature build --db PATH/TO/A/WRITABLE/FOLDER/filature.db"
    result = as_nobody("build", str(source), "--db", str(locked / "filature.db"))
    assert result.returncode == 2
    one_line_with_fix(result.stderr, "Cannot write in", fix)
    assert list(locked.iterdir()) == []
    (folder / "adir.db").mkdir()
    result = filature("build", str(source), "--db", str(folder / "adir.db"))
    assert result.returncode == 2
    one_line_with_fix(result.stderr, "is a folder", fix)


@pytest.mark.parametrize("case", [c for c in CASES if c not in ("missing", "folder")])
def test_a_build_replaces_a_broken_database(tmp_path: Path, case: str) -> None:
    """The fix each message gives works: the build over the broken file succeeds."""
    make, _ = CASES[case]
    db = tmp_path / "broken.db"
    make(db)
    source = tmp_path / "empty-corpus"
    source.mkdir()
    result = runner.invoke(cli_app, ["build", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli_app, ["entities", "--db", str(db)]).exit_code == 0


KILLED_MID_WRITE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA cache_size = 1")  # changed pages spill to the file before the commit
conn.execute("BEGIN IMMEDIATE")
conn.execute("DELETE FROM passages_fts")
conn.execute("UPDATE entities SET name = name || ' (half written)'")
conn.execute("DELETE FROM relations")
os.kill(os.getpid(), 9)
"""


def test_a_write_killed_midway_is_rolled_back_by_the_next_reader(tmp_path: Path) -> None:
    """A process killed in the middle of a write (a decision, an interrupted tool) leaves a
    hot journal; every reading command rolls it back and reads the last committed state,
    instead of refusing with "attempt to write a readonly database"."""
    db = write_sample(tmp_path / "filature.db")
    before = filature("entities", "--db", str(db), "--json")
    assert before.returncode == 0, before.stderr
    for name, args in commands(db, tmp_path).items():
        if name == "browse":
            continue
        killed = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, str(db)], check=False)
        assert killed.returncode == -9
        journal = db.with_name("filature.db-journal").read_bytes()
        assert journal.startswith(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7"), "no hot journal left"
        result = filature(*args)
        assert result.returncode == 0, (name, result.stderr)
        assert not db.with_name("filature.db-journal").exists(), name
    assert filature("entities", "--db", str(db), "--json").stdout == before.stdout
