"""The explorer's reads from several threads never hang one another.

The relations table and the timeline sort with Python SQL functions. SQLite holds a
connection's lock while it calls one, and the function waits for Python's lock; a thread
reading rows from the same connection holds Python's lock and waits for SQLite's. With both
on the one shared connection the explorer hung for good (seen in CI: a flood of keys opened
the table while other panes read). The case runs in its own interpreter, so a hang fails the
test after a timeout instead of stopping the suite."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dbfactory import write_sample
from filature.tui.catalog import Catalog

SCRIPT = textwrap.dedent(
    """
    import sys, threading, time
    from pathlib import Path
    from filature.query.table_pages import TableQuery
    from filature.tui.catalog import Catalog

    catalog = Catalog(Path(sys.argv[1]))
    until = time.monotonic() + float(sys.argv[2])
    rounds = {"functions": 0, "rows": 0}

    def functions():
        while time.monotonic() < until:
            for sort in ("role", "date", "amount", "source"):
                catalog.table_ids(TableQuery(sort=sort))
            catalog.timeline_head(None, 0)
            rounds["functions"] += 1

    def rows():
        while time.monotonic() < until:
            for row in catalog.entities():
                catalog.relations(row.id)
            rounds["rows"] += 1

    threads = [threading.Thread(target=f, daemon=True) for f in (functions, functions, rows)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("finished", rounds["functions"], rounds["rows"])
    """
)


def test_reads_with_and_without_python_functions_run_side_by_side(tmp_path: Path) -> None:
    db = write_sample(tmp_path / "sample.db")
    try:
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(db), "4"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the threads hung one another (no round finished in 60 s)")
    assert done.returncode == 0, done.stderr
    word, functions, rows = done.stdout.split()
    assert word == "finished" and int(functions) > 0 and int(rows) > 0, done.stdout


def test_the_shared_connection_has_no_python_functions(tmp_path: Path) -> None:
    """Every read that needs one (the table, the timeline, a dossier) goes to the other."""
    catalog = Catalog(write_sample(tmp_path / "sample.db"))
    try:
        assert catalog.timeline_head(None, 0)[0]
        with pytest.raises(sqlite3.OperationalError, match="no such function"):
            catalog.conn.execute("SELECT fl_key('x')").fetchone()
        with catalog.computing() as conn:
            assert tuple(conn.execute("SELECT fl_key('X')").fetchone()) == ("x",)
    finally:
        catalog.close()
