"""The relations table read a page at a time (issue 17, the explorer at scale): filtered and
sorted in SQL, the same rows in the same order as the whole table read at once, on a
database holding more rows than a page; with the build's name keys and without them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dbfactory import paging_builder
from filature.query.table_pages import (
    TableQuery,
    iter_rows,
    prepare,
    table_count,
    table_ids,
    table_rows,
    table_totals,
)
from filature.query.tables import COLUMNS, filter_rows, relation_table, sort_rows, source_totals
from filature.store.connect import open_readonly


@pytest.fixture(scope="module", params=[True, False], ids=["keys", "no-keys"])
def conn(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    path = paging_builder(request.param).write(tmp_path_factory.mktemp("pages") / "pages.db")
    db = open_readonly(Path(path))
    assert prepare(db) is request.param
    yield db
    db.close()


def _before(conn: sqlite3.Connection, query: TableQuery) -> list[int]:
    rows = filter_rows(relation_table(conn, query.rtype).rows, query.text)
    return [r.relation.id for r in sort_rows(rows, query.sort, query.descending)]


@pytest.mark.parametrize("rtype", [None, "funds"])
@pytest.mark.parametrize("column", COLUMNS)
def test_every_sort_gives_the_rows_of_the_whole_table_in_its_order(
    conn: sqlite3.Connection, rtype: str | None, column: str
) -> None:
    for descending in (False, True):
        query = TableQuery(rtype, column, descending)
        expected = _before(conn, query)
        assert len(expected) > 50
        assert list(table_ids(conn, query)) == expected, (column, descending)
        assert list(table_ids(conn, query, limit=50)) == expected[:50]
        assert table_count(conn, query) == len(expected)


@pytest.mark.parametrize(
    "text",
    ["ecole", "ÉCOLE nat", "artagnan", "president", "2016", "annuel", "l'ecole", "eur", "zzz"],
)
def test_filters_give_the_rows_of_the_whole_table(conn: sqlite3.Connection, text: str) -> None:
    for rtype, column in ((None, "source"), ("holds_role", "date"), (None, "amount")):
        query = TableQuery(rtype, column, False, text)
        expected = _before(conn, query)
        assert list(table_ids(conn, query)) == expected, (text, rtype, column)
        assert table_count(conn, query) == len(expected)


def test_pages_read_every_row_with_its_evidence_and_the_totals_match(
    conn: sqlite3.Connection,
) -> None:
    whole = relation_table(conn, None)
    query = TableQuery(None, "source")
    ids = table_ids(conn, query)
    assert tuple(iter_rows(conn, ids, chunk=64)) == whole.rows
    last = table_rows(conn, ids[-7:])
    assert last == whole.rows[-7:]
    assert table_totals(conn, query) == whole.totals
    filtered = TableQuery("funds", "amount", True, "fonds")
    rows = filter_rows(relation_table(conn, "funds").rows, filtered.text)
    assert table_totals(conn, filtered) == source_totals(rows)


def test_a_second_read_while_another_runs_on_the_shared_connection(
    conn: sqlite3.Connection,
) -> None:
    """The app's threads share one connection: a table read that starts while another
    thread's statement is still running must not re-create the SQL functions, which SQLite
    refuses then ("Error creating function": the relations table showed the database as
    damaged)."""
    prepare(conn)
    running = conn.execute("SELECT id FROM passages")
    running.fetchone()  # a statement in progress, as another thread's would be
    assert prepare(conn) in (True, False)
    query = TableQuery("funds", "source", False, "")
    assert list(table_ids(conn, query) or []) == _before(conn, query)
    running.close()
