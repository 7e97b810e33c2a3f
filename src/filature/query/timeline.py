"""The timeline: dated relations in date order, grouped by year, for one entity or the whole
corpus. A date is shown as the text gives it ("2015", "2017-09"): a year alone sorts before
the months of its year, and no day is ever made up.

Dated, ordered and counted per year in SQL: the corpus's timeline is read a page at a time
(``timeline_order`` then ``timeline_entries``), its chart from ``timeline_counts``."""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Sequence
from itertools import groupby

from filature.query.records import read_relations
from filature.query.table_pages import prepare
from filature.query.views import Timeline, TimelineEntry, TimelineYear, parse_date
from filature.vocabulary import CO_OCCURRENCE

_KEY = "COALESCE(fl_date_key(r.date), fl_date_key(r.period))"
"""A relation's date (else its period) as ``YYYYMMDD`` and the text; NULL when undated."""


def _scope(entity_id: int | None) -> tuple[str, list[object]]:
    if entity_id is None:
        return "r.type != ?", [CO_OCCURRENCE]
    return "r.type != ? AND (r.source_id = ? OR r.target_id = ?)", [
        CO_OCCURRENCE,
        entity_id,
        entity_id,
    ]


def timeline_order(
    conn: sqlite3.Connection, entity_id: int | None = None, limit: int = 0
) -> array[int]:
    """The ids of the dated stated relations of ``entity_id`` (None: of the corpus) in
    timeline order (the first ``limit`` when it is positive): by date, a relation's own date
    before a period starting the same day, then source, type and target."""
    keyed = prepare(conn)
    where, args = _scope(entity_id)
    if keyed:
        ends = (
            "JOIN entity_keys sk ON sk.entity_id = r.source_id"
            " JOIN entity_keys tk ON tk.entity_id = r.target_id"
        )
        names = "sk.rank", "tk.rank"
    else:
        ends = "JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id"
        names = "fl_key(s.name)", "fl_key(t.name)"
    sql = (
        f"SELECT id FROM (SELECT r.id, {_KEY} AS k, fl_date_key(r.date) IS NULL AS p,"
        f" {names[0]} AS sn, r.type AS ty, {names[1]} AS tn FROM relations r {ends}"
        f" WHERE {where} AND (r.date IS NOT NULL OR r.period IS NOT NULL))"
        " WHERE k IS NOT NULL ORDER BY substr(k, 1, 8), p, sn, ty, tn, id"
    )
    if limit > 0:
        sql += f" LIMIT {int(limit)}"
    return array("q", (int(i) for (i,) in conn.execute(sql, args)))


def timeline_entries(conn: sqlite3.Connection, ids: Sequence[int]) -> tuple[TimelineEntry, ...]:
    """The entries of the relations of ``ids`` (dated ones), in that order, with their
    evidence."""
    found = {r.id: r for r in read_relations(conn, ids=ids)}
    entries = []
    for i in ids:
        relation = found.get(i)
        if relation is None:
            continue
        date = parse_date(relation.date)
        from_period = date is None
        if date is None:
            date = parse_date(relation.period)
        if date is not None:
            entries.append(TimelineEntry(date, relation, from_period))
    return tuple(entries)


def timeline_counts(
    conn: sqlite3.Connection, entity_id: int | None = None
) -> tuple[dict[int, int], int]:
    """How many dated stated relations of ``entity_id`` (None: of the corpus) each year
    holds, and how many stated relations have no date."""
    prepare(conn)
    where, args = _scope(entity_id)
    counts: dict[int, int] = {}
    undated = 0
    for year, count in conn.execute(
        f"SELECT substr({_KEY}, 1, 4) AS y, COUNT(*) FROM relations r WHERE {where}"
        " GROUP BY y ORDER BY y",
        args,
    ):
        if year is None:
            undated = int(count)
        else:
            counts[int(year)] = int(count)
    return counts, undated


def grouped(entries: Sequence[TimelineEntry]) -> tuple[TimelineYear, ...]:
    """``entries`` (in date order) grouped by year."""
    return tuple(
        TimelineYear(year, tuple(group))
        for year, group in groupby(entries, key=lambda e: e.date.year)
    )


def timeline(conn: sqlite3.Connection, entity_id: int | None = None) -> Timeline:
    """The stated relations of ``entity_id`` (None: of the corpus) that carry a date (else a
    period), in date order and grouped by year; ``undated`` counts the others."""
    entries = timeline_entries(conn, timeline_order(conn, entity_id))
    _, undated = timeline_counts(conn, entity_id)
    return Timeline(entity_id, grouped(entries), undated)
