"""The workbench's read functions (issue 16): the relations table with its totals, the
timeline, the ego network; on the seeds' real database and on small databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from dbfactory import DbBuilder, sample_builder
from filature.query.network import ego_network
from filature.query.resolve import resolve_entity
from filature.query.tables import COLUMNS, _key, filter_rows, relation_table, sort_rows
from filature.query.timeline import timeline
from filature.query.views import TableRow, parse_date
from filature.store.connect import open_readonly
from filature.vocabulary import CO_OCCURRENCE


@pytest.fixture(scope="module")
def seeds(seed_db: Path) -> sqlite3.Connection:
    return open_readonly(seed_db)


def test_funding_per_funder_and_year_shows_the_2017_amounts(seeds: sqlite3.Connection) -> None:
    table = relation_table(seeds, "funds")
    assert table.rows and {r.relation.type for r in table.rows} == {"funds"}
    in_2017 = [r for r in table.rows if r.year == 2017]
    assert in_2017, "no funding dated 2017"
    shown = {r.shared_amount.text for r in in_2017 if r.shared_amount} | {
        r.relation.amount for r in in_2017 if r.relation.amount is not None
    }
    assert "EUR 2 047 000" in shown
    for row in table.rows:
        assert row.passages >= 1 and row.documents
    bureau = [
        t
        for t in table.totals
        if t.source.name.startswith("Bureau chinois") and t.currency == "EUR"
    ]
    assert len(bureau) == 1
    years = dict(bureau[0].by_year)
    # a row's amount shared by four programmes is counted once, not four times
    assert years[2017] == 2_047_000
    assert bureau[0].total == sum(years.values())
    assert all(t.currency in ("EUR", "USD") for t in table.totals)


def test_every_stated_type_without_cooccurrences(seeds: sqlite3.Connection) -> None:
    table = relation_table(seeds)
    types = {r.relation.type for r in table.rows}
    assert CO_OCCURRENCE not in types and {"funds", "holds_role"} <= types


@pytest.mark.parametrize("column", COLUMNS)
def test_sorting_by_any_column_keeps_empty_values_last(
    seeds: sqlite3.Connection, column: str
) -> None:
    rows = relation_table(seeds, "funds").rows
    for descending in (False, True):
        ordered = sort_rows(rows, column, descending)
        assert sorted(r.relation.id for r in ordered) == sorted(r.relation.id for r in rows)
        values = [_value(r, column) for r in ordered]
        present = [v for v in values if v is not None]
        assert values[: len(present)] == present  # None last either way
        assert present == sorted(present, reverse=descending)


def _value(row: TableRow, column: str) -> Any:
    return _key(column)(row)


def test_unknown_column_is_a_clear_error(seeds: sqlite3.Connection) -> None:
    with pytest.raises(ValueError, match="Unknown column 'amout'"):
        sort_rows(relation_table(seeds, "funds").rows, "amout")


def test_meng_hongwei_timeline_shows_his_2016_election(seeds: sqlite3.Connection) -> None:
    meng = resolve_entity(seeds, "Meng Hongwei")
    line = timeline(seeds, meng)
    years = [y.year for y in line.years]
    assert years == sorted(years) and 2016 in years
    election = [e for e in line.entries if e.date.year == 2016]
    assert any(e.relation.target.name.casefold() == "interpol" for e in election)
    assert any(e.relation.evidence for e in election)
    assert line.counts[2016] == len(election)
    assert all(meng in (e.relation.source.id, e.relation.target.id) for e in line.entries)


def test_corpus_timeline_is_in_date_order_and_counts_each_year(seeds: sqlite3.Connection) -> None:
    line = timeline(seeds)
    keys = [e.date.key for e in line.entries]
    assert keys == sorted(keys)
    assert sum(line.counts.values()) == len(line.entries)
    total = seeds.execute("SELECT COUNT(*) FROM relations WHERE type != ?", (CO_OCCURRENCE,))
    assert len(line.entries) + line.undated == total.fetchone()[0]


def test_interpol_network_lists_stated_relations_first(seeds: sqlite3.Connection) -> None:
    interpol = resolve_entity(seeds, "Interpol")
    net = ego_network(seeds, interpol, cap=5, depth=2, second_cap=3, expand=4)
    stated = [g.stated for g in net.groups]
    assert stated[0] and not stated[-1] and stated == sorted(stated, reverse=True)
    co = net.groups[-1]
    assert co.type == CO_OCCURRENCE and len(co.neighbours) == 5
    assert co.more == co.count - 5 > 0 and co.more_label == f"+ {co.more} more"
    first = {n.entity.id for g in net.groups for n in g.neighbours}
    assert len(net.second) == 4
    for _via, groups in net.second:
        for g in groups:
            assert len(g.neighbours) <= 3
            assert not {n.entity.id for n in g.neighbours} & (first | {interpol})


def _dates_db(tmp_path: Path) -> sqlite3.Connection:
    b = DbBuilder()
    (pid,) = b.document("a.txt", "A", [("body", "Alpha funds Beta. Alpha funds Gamma. Delta.")])
    alpha = b.entity("Alpha", "organization")
    beta = b.entity("Beta", "operation")
    gamma = b.entity("Gamma", "operation")
    delta = b.entity("Delta", "event")
    for target, date in ((beta, "2017-09"), (gamma, "2017"), (delta, "2017-09-03"), (beta, "2015")):
        b.relation(alpha, target, "funds", date=date, evidence=((pid, "Alpha"),))
    b.relation(alpha, delta, "participates_in", evidence=((pid, "Delta"),))
    return open_readonly(b.write(tmp_path / "dates.db"))


def test_partial_dates_sort_honestly_and_are_shown_as_given(tmp_path: Path) -> None:
    line = timeline(_dates_db(tmp_path))
    assert [e.date.text for e in line.entries] == ["2015", "2017", "2017-09", "2017-09-03"]
    assert [e.date.precision for e in line.entries] == ["year", "year", "month", "day"]
    assert line.counts == {2015: 1, 2017: 3} and line.undated == 1
    assert [e.events for e in line.entries][-1][0].name == "Delta"


@pytest.mark.parametrize(
    ("text", "key"),
    [("2015", (2015, 0, 0)), ("2017-09", (2017, 9, 0)), ("2016-11-10", (2016, 11, 10)),
     ("2016-2018", (2016, 0, 0)), ("2017-01-01/2017-12-31", (2017, 1, 1))],
)  # fmt: skip
def test_parse_date_never_invents_a_day(text: str, key: tuple[int, int, int]) -> None:
    date = parse_date(text)
    assert date is not None and date.key == key and date.text == text


@pytest.mark.parametrize("text", ["24", "", None, "vers 2015", "2017-13"])
def test_what_is_not_a_date(text: str | None) -> None:
    date = parse_date(text)
    assert date is None or (text == "2017-13" and date.precision == "year")


def test_small_network_groups_by_type_and_side(tmp_path: Path) -> None:
    conn = open_readonly(sample_builder().write(tmp_path / "s.db"))
    meng = resolve_entity(conn, "Meng Hongwei")
    net = ego_network(conn, meng)
    # known types in the vocabulary's order, a type it does not know after them, then
    # co-occurrences
    assert [(g.type, g.side) for g in net.groups] == [
        ("member_of", "out"),
        ("president_of", "out"),
        (CO_OCCURRENCE, "both"),
    ]
    co = net.groups[-1]
    assert [n.entity.name for n in co.neighbours] == ["Xi Jinping", "Pékin"]  # weight 2 first
    assert co.more == 0 and co.more_label == ""
    capped = ego_network(conn, meng, cap=1).groups[-1]
    assert capped.more == 1 and capped.more_label == "+ 1 more"


def test_filter_keeps_rows_with_every_word(seeds: sqlite3.Connection) -> None:
    rows = relation_table(seeds, "funds").rows
    kept = filter_rows(rows, "bureau chinois 2017")
    assert kept and all(
        r.year == 2017 and r.relation.source.name.startswith("Bureau") for r in kept
    )
    assert len(kept) < len(rows) and filter_rows(rows, "  ") == rows
    assert filter_rows(rows, "ALIBABA") == tuple(
        r for r in rows if r.relation.source.name == "Alibaba"
    )
