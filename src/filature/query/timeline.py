"""The timeline: dated relations in date order, grouped by year, for one entity or the whole
corpus. A date is shown as the text gives it ("2015", "2017-09"): a year alone sorts before
the months of its year, and no day is ever made up."""

from __future__ import annotations

import sqlite3
from itertools import groupby

from filature.query.records import read_relations
from filature.query.views import Timeline, TimelineEntry, TimelineYear, parse_date
from filature.text import norm_key


def timeline(conn: sqlite3.Connection, entity_id: int | None = None) -> Timeline:
    """The stated relations of ``entity_id`` (None: of the corpus) that carry a date (else a
    period), in date order and grouped by year; ``undated`` counts the others."""
    entries: list[TimelineEntry] = []
    undated = 0
    for relation in read_relations(conn, entity_id, cooccurrence=False):
        date = parse_date(relation.date)
        from_period = date is None
        if date is None:
            date = parse_date(relation.period)
        if date is None:
            undated += 1
            continue
        entries.append(TimelineEntry(date, relation, from_period))
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
    years = tuple(
        TimelineYear(year, tuple(group))
        for year, group in groupby(entries, key=lambda e: e.date.year)
    )
    return Timeline(entity_id, years, undated)
