"""The explorer's shared connection is never closed under a read another thread runs.

Seen in CI: the explorer quit (its database damaged under it) while a thread worker still
read, and closing the connection under that statement killed the process with SIGSEGV
instead of the one-line message. Each case runs in its own interpreter, so a crash fails the
test instead of ending the suite."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from dbfactory import write_sample

SLOW = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) "
    "SELECT sum(x) FROM c"
)

PRELUDE = f"""
import sys, threading, time
from pathlib import Path
from filature import query
from filature.tui.catalog import Catalog

catalog = Catalog(Path(sys.argv[1]))
started = threading.Event()
SLOW = {SLOW!r}

def close_while(target):
    # close the catalog once target, run in a thread, has started its read
    worker = threading.Thread(target=target)
    worker.start()
    started.wait()
    catalog.close()
    return worker
"""


def _prints(script: str, tmp_path: Path, expected: str) -> None:
    """``script`` run after PRELUDE over a sample database ends cleanly, printing ``expected``."""
    db = write_sample(tmp_path / "sample.db")
    code = PRELUDE + textwrap.dedent(script)
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert expected in done.stdout, done.stdout


def test_close_waits_for_a_read_in_the_block_of_reading(tmp_path: Path) -> None:
    _prints(
        """
        sums = []
        def read():
            with catalog.reading() as conn:
                started.set()
                for _ in range(5):
                    sums.append(conn.execute(SLOW).fetchone()[0])
        worker = close_while(read)
        assert len(sums) == 5, sums  # close returned only once the block had ended
        worker.join()
        print("closed after", len(sums), "reads")
        """,
        tmp_path,
        "closed after 5 reads",
    )


def test_close_waits_for_a_guarded_read_of_the_catalog(tmp_path: Path) -> None:
    _prints(
        """
        def slow_search(conn, text, limit, prefix):
            started.set()
            for _ in range(5):
                conn.execute(SLOW).fetchone()
            return "searched"
        query.full_text_search = slow_search
        results = []
        close_while(lambda: results.append(catalog.full_text("x"))).join()
        print(results)
        """,
        tmp_path,
        "['searched']",
    )


def test_a_read_after_close_is_refused_cleanly(tmp_path: Path) -> None:
    _prints(
        """
        import sqlite3
        catalog.close()
        try:
            catalog.full_text("interpol")
        except sqlite3.ProgrammingError as exc:
            print("refused:", exc)
        """,
        tmp_path,
        "refused: the catalog is closed",
    )
