"""The timeline: dated relations in date order, grouped by year, for one entity or the whole
corpus. A date is shown as the text gives it ("2015", "2017-09"): a year alone sorts before
the months of its year, and no day is ever made up.

Dated, ordered and counted per year in SQL: the corpus's timeline is read a page at a time
(``timeline_order`` then ``timeline_entries``), its chart from ``timeline_counts``."""

from __future__ import annotations

import heapq
import sqlite3
from array import array
from collections.abc import Sequence
from itertools import groupby

from filature.query.records import read_relations
from filature.query.table_pages import date_key_sql, prepare
from filature.query.views import Timeline, TimelineEntry, TimelineYear, parse_date
from filature.vocabulary import CO_OCCURRENCE

_KEY = f"COALESCE({date_key_sql('r.date')}, {date_key_sql('r.period')})"
"""A relation's date (else its period) as ``YYYYMMDD`` and the text; NULL when undated."""


def _scope(entity_id: int | None) -> tuple[str, list[object]]:
    if entity_id is None:
        return "r.type != ?", [CO_OCCURRENCE]
    return "r.type != ? AND (r.source_id = ? OR r.target_id = ?)", [
        CO_OCCURRENCE,
        entity_id,
        entity_id,
    ]


_DATED = "(r.date IS NOT NULL OR r.period IS NOT NULL)"
"""What ``idx_relations_dated`` holds: the only relations that can have a date."""


def _dated(where: str) -> str:
    """Each dated relation's date key and whether it comes from the period (``kp``), its
    ends and type: read from ``idx_relations_dated`` alone."""
    return (
        f"SELECT substr(k, 1, 8) || p AS kp, id, sid, ty, tid FROM (SELECT r.id, {_KEY} AS k,"
        f" {date_key_sql('r.date')} IS NULL AS p, r.source_id AS sid, r.type AS ty,"
        f" r.target_id AS tid FROM relations r WHERE {where} AND {_DATED}) WHERE k IS NOT NULL"
    )


def _ranks(conn: sqlite3.Connection, ids: set[int]) -> dict[int, object]:
    """Each entity's place in name order (its rank, else its ``norm_key``)."""
    keyed = prepare(conn)
    found: dict[int, object] = {}
    wanted = sorted(ids)
    sql = (
        "SELECT entity_id, rank FROM entity_keys WHERE entity_id IN ({})"
        if keyed
        else "SELECT id, fl_key(name) FROM entities WHERE id IN ({})"
    )
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        found.update(conn.execute(sql.format(",".join("?" * len(part))), part).fetchall())
    return found


def timeline_head(
    conn: sqlite3.Connection, entity_id: int | None = None, limit: int = 0
) -> tuple[array[int], dict[int, int], int]:
    """In one pass over the dated relations of ``entity_id`` (None: of the corpus): the ids
    of the first ``limit`` (all when it is not positive) in timeline order (by date, a
    relation's own date before a period starting the same day, then source, type and
    target), the count of each year, and how many stated relations have no date."""
    prepare(conn)
    where, args = _scope(entity_id)
    rows = conn.execute(_dated(where), args).fetchall()
    counts: dict[int, int] = {}
    for kp, *_ in rows:
        year = int(kp[:4])
        counts[year] = counts.get(year, 0) + 1
    (stated,) = conn.execute(f"SELECT COUNT(*) FROM relations r WHERE {where}", args).fetchone()
    if 0 < limit < len(rows):  # only the relations up to the limit-th date are ordered by name
        bound = heapq.nsmallest(limit, (row[0] for row in rows))[-1]
        rows = [row for row in rows if row[0] <= bound]
    ranks = _ranks(conn, {row[2] for row in rows} | {row[4] for row in rows})
    rows.sort(key=lambda r: (r[0], ranks[r[2]], r[3], ranks[r[4]], r[1]))
    ids = array("q", (int(r[1]) for r in rows[: limit if limit > 0 else len(rows)]))
    return ids, counts, int(stated) - sum(counts.values())


def timeline_order(
    conn: sqlite3.Connection, entity_id: int | None = None, limit: int = 0
) -> array[int]:
    """The ids of the dated stated relations of ``entity_id`` (None: of the corpus) in
    timeline order (the first ``limit`` when it is positive)."""
    return timeline_head(conn, entity_id, limit)[0]


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
    _, counts, undated = timeline_head(conn, entity_id, 1)
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
