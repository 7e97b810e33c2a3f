"""Item 7: databases are opened with trusted_schema off, extensions off and read-only; a
database carrying views and triggers that call functions runs none of them when the app and
the CLI open it, and nothing is written."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dbfactory import write_sample
from filature.cli import app as cli_app
from filature.store.connect import DatabaseProblem, open_readonly
from filature.tui.app import make_app
from filature.tui.catalog import Catalog
from filature.tui.screens.document import DocumentScreen

runner = CliRunner()

EVIL_VIEWS = {
    "evil_function": "SELECT fts5_source_id() AS x",  # any function not marked innocuous
    "evil_vtab": "SELECT count(*) AS x FROM sqlite_stmt",  # a virtual table
    "evil_load": "SELECT load_extension('libc.so.6') AS x",  # loading native code
    "evil_tokenizer": "SELECT fts3_tokenizer('simple') AS x",  # the fts3 pointer trick
}


def hostile_db(path: Path) -> Path:
    write_sample(path)
    conn = sqlite3.connect(path)
    for name, sql in EVIL_VIEWS.items():
        conn.execute(f"CREATE VIEW {name} AS {sql}")
    conn.execute("CREATE TABLE pwned (what TEXT)")
    conn.execute(
        "CREATE TRIGGER evil_insert AFTER INSERT ON meta BEGIN "
        "INSERT INTO pwned SELECT fts5_source_id(); END"
    )
    conn.execute(
        "CREATE TRIGGER evil_update AFTER UPDATE ON entities BEGIN "
        "INSERT INTO pwned VALUES ('updated'); DELETE FROM passages; END"
    )
    conn.commit()
    conn.close()
    return path


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_the_schema_code_would_run_on_a_default_connection(tmp_path: Path) -> None:
    """The control: without hardening, opening and reading runs the database's own code."""
    db = hostile_db(tmp_path / "hostile.db")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 1
    assert conn.execute("SELECT x FROM evil_function").fetchone()[0].startswith("fts5:")
    assert conn.execute("SELECT x FROM evil_vtab").fetchone()[0] > 0
    conn.execute("INSERT INTO meta VALUES ('x', 'y')")
    assert conn.execute("SELECT count(*) FROM pwned").fetchone()[0] == 1
    conn.rollback()
    conn.close()


def refuses_everything(conn: sqlite3.Connection) -> list[str]:
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    assert conn.execute("PRAGMA query_only").fetchone()[0] == 1
    errors = []
    for name in EVIL_VIEWS:
        with pytest.raises(sqlite3.OperationalError) as info:
            conn.execute(f"SELECT x FROM {name}").fetchall()
        errors.append(str(info.value))
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|unsafe use"):
        conn.execute("INSERT INTO meta VALUES ('x', 'y')")
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only"):
        conn.execute("UPDATE entities SET name = name")
    with pytest.raises(sqlite3.OperationalError, match="not authorized"):
        conn.execute("SELECT load_extension('libc.so.6')")
    return errors


def test_the_app_connection_runs_none_of_it(tmp_path: Path) -> None:
    db = hostile_db(tmp_path / "hostile.db")
    before = digest(tmp_path)
    catalog = Catalog(db)
    errors = refuses_everything(catalog.conn)
    assert all("unsafe use" in e for e in errors), errors
    from_worker: list[list[str]] = []
    worker = threading.Thread(target=lambda: from_worker.append(refuses_everything(catalog.conn)))
    worker.start()
    worker.join()
    assert from_worker == [errors]
    catalog.close()
    assert open_readonly(db).execute("SELECT count(*) FROM pwned").fetchone()[0] == 0
    assert digest(tmp_path) == before


@pytest.mark.anyio
async def test_browsing_a_hostile_database_does_nothing(tmp_path: Path) -> None:
    db = hostile_db(tmp_path / "hostile.db")
    before = digest(tmp_path)
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+k", *"meng", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+f", *"interpol", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DocumentScreen)
        refuses_everything(app.catalog.conn)
    assert digest(tmp_path) == before


def test_every_command_on_a_hostile_database_does_nothing(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    db = hostile_db(tmp_path / "data" / "hostile.db")
    before = digest(db.parent)
    out = tmp_path / "out"
    for args in (
        ["entities"],
        ["relations"],
        ["search", "meng"],
        ["find", "interpol"],
        ["show", "Meng Hongwei"],
        ["dossier", "Meng Hongwei", "--out", str(out / "d.html"), "--format", "html"],
        *(["export", "--format", f, "--out", str(out / f)] for f in ("json", "csv", "graphml")),
    ):
        result = runner.invoke(cli_app, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output)
    assert digest(db.parent) == before


def test_a_table_replaced_by_a_view_is_refused(tmp_path: Path) -> None:
    db = write_sample(tmp_path / "swapped.db")
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE entities RENAME TO entities_real")
    conn.execute("CREATE VIEW entities AS SELECT *, fts5_source_id() AS x FROM entities_real")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseProblem, match="lacks tables: entities"):
        open_readonly(db)
    result = runner.invoke(cli_app, ["entities", "--db", str(db)])
    assert result.exit_code == 2 and "lacks tables: entities" in result.stderr
