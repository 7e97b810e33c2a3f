"""The explorer's first reads use an index at any scale (issue 17, target 6): checked with
EXPLAIN QUERY PLAN on a small database of the real schema, so that no test is timed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dbfactory import write_sample
from filature import query
from filature.query.reader import entity_list_sql
from filature.query.text import fts_words
from filature.store.connect import open_readonly


@pytest.fixture()
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    db = open_readonly(write_sample(tmp_path / "sample.db"))
    yield db
    db.close()


def plan(conn: sqlite3.Connection, sql: str, args: tuple[object, ...] = ()) -> str:
    """The plan's steps, one a line."""
    return "\n".join(str(row[3]) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", args))


def test_the_entity_lists_first_page_is_read_in_index_order(conn: sqlite3.Connection) -> None:
    """The first page of the list (most mentioned first) walks an index and stops at the
    page: no sort of every entity (200,000 of them at scale) before the first row."""
    sql, args = entity_list_sql(None, 500)
    steps = plan(conn, sql, tuple(args))
    assert "idx_entities_mentions" in steps, steps
    assert "TEMP B-TREE" not in steps, steps


def test_the_index_order_is_the_lists_order(conn: sqlite3.Connection) -> None:
    """The index lists the entities exactly as the sort it replaces did."""
    listed = [(e.id, e.name, e.mention_count) for e in query.list_entities(conn)]
    sorted_rows = [
        (int(i), str(n), int(c))
        for i, n, c in conn.execute(
            "SELECT id, name, mention_count FROM entities NOT INDEXED "
            "ORDER BY mention_count DESC, name COLLATE NOCASE, id"
        )
    ]
    assert listed == sorted_rows
    assert [e.id for e in query.list_entities(conn, None, 3)] == [r[0] for r in sorted_rows[:3]]


def test_the_passages_index_has_prefix_indexes(conn: sqlite3.Connection) -> None:
    """Search-as-you-type's first letters ("coo*") read a prefix index of 3 characters,
    and find what the word's own doclists find."""
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'passages_fts'").fetchone()
    assert "prefix='3'" in sql
    texts = [(int(i), str(t)) for i, t in conn.execute("SELECT id, text FROM passages")]
    for typed in ("in", "int", "inte", "Pé", "pék", "co"):
        start = fts_words(typed)[0]
        found = {h.passage_id for h in query.full_text_search(conn, typed, 500, prefix=True).hits}
        words = {i for i, text in texts if any(w.startswith(start) for w in fts_words(text))}
        assert found == words, typed
    assert any(query.full_text_search(conn, t, 5, prefix=True).hits for t in ("in", "co", "pé"))
