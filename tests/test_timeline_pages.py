"""The timeline dated, ordered and counted in SQL (issue 17, the explorer at scale): the same
entries in the same order as reading every relation and sorting them, and a page of the
corpus's timeline is its first entries."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dbfactory import paging_builder
from filature.query.records import read_relations
from filature.query.table_pages import prepare
from filature.query.timeline import timeline, timeline_counts, timeline_entries, timeline_order
from filature.query.views import TimelineEntry, parse_date
from filature.store.connect import open_readonly
from filature.text import norm_key


@pytest.fixture(scope="module", params=[True, False], ids=["keys", "no-keys"])
def conn(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[sqlite3.Connection]:
    path = paging_builder(request.param).write(tmp_path_factory.mktemp("tl") / "tl.db")
    db = open_readonly(Path(path))
    assert prepare(db) is request.param
    yield db
    db.close()


def before(conn: sqlite3.Connection, entity_id: int | None) -> tuple[list[int], int]:
    """The timeline as it was read: every stated relation with its evidence, sorted here."""
    entries, undated = [], 0
    for r in read_relations(conn, entity_id, cooccurrence=False):
        date = parse_date(r.date)
        from_period = date is None
        date = date or parse_date(r.period)
        if date is None:
            undated += 1
        else:
            entries.append(TimelineEntry(date, r, from_period))
    entries.sort(
        key=lambda e: (
            e.date.key,
            e.from_period,
            norm_key(e.relation.source.name),
            e.relation.type,
            norm_key(e.relation.target.name),
            e.relation.id,
        )
    )
    return [e.relation.id for e in entries], undated


@pytest.mark.parametrize("entity_id", [None, 1, 12, 21])
def test_the_timeline_has_the_entries_of_every_relation_read_and_sorted(
    conn: sqlite3.Connection, entity_id: int | None
) -> None:
    ids, undated = before(conn, entity_id)
    assert len(ids) > 10 and undated > 0
    line = timeline(conn, entity_id)
    assert [e.relation.id for e in line.entries] == ids
    assert line.undated == undated
    counts, none = timeline_counts(conn, entity_id)
    assert counts == line.counts and none == undated
    assert list(timeline_order(conn, entity_id)) == ids


def test_a_page_of_the_corpus_timeline_is_its_first_entries(conn: sqlite3.Connection) -> None:
    whole = timeline(conn).entries
    page = timeline_entries(conn, timeline_order(conn, None, limit=25))
    assert page == whole[:25]
