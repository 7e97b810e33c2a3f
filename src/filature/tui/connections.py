"""The app's connections to its database: opened together, on the same file."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from filature.query import table_pages
from filature.store.connect import open_readonly


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def open_pair(path: Path) -> tuple[sqlite3.Connection, sqlite3.Connection]:
    """Two read-only connections on the same file (DatabaseProblem if it cannot be opened):
    one for every thread, and one given the Python SQL functions of the relations table and
    the timeline, for one thread at a time (see ``Catalog.computing``)."""
    for _ in range(3):
        before = _identity(path)
        conn = open_readonly(path, shared=True)
        try:
            calc = open_readonly(path, shared=True)
        except BaseException:
            conn.close()
            raise
        if _identity(path) == before:  # not replaced between the two opens
            break
        conn.close()
        calc.close()
    table_pages.register_functions(calc)
    return conn, calc
