"""The relations table: every relation of one type (or of every stated type) across the
corpus, sortable by any column, with the amounts totalled per source and year."""

from __future__ import annotations

import math
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from filature.cite import document_name
from filature.query.records import read_relations
from filature.query.types import EndPoint, Evidence, Relation
from filature.query.views import RelationTable, SharedAmount, SourceTotal, TableRow, parse_date
from filature.text import norm_key
from filature.vocabulary import STATED_TYPES

Column = Literal[
    "source", "target", "role", "date", "amount", "currency", "period", "documents", "passages"
]
COLUMNS: tuple[str, ...] = get_args(Column)


def relation_table(
    conn: sqlite3.Connection,
    rtype: str | None = None,
    *,
    sort: str = "source",
    descending: bool = False,
) -> RelationTable:
    """Every relation of ``rtype`` (None: of every stated type) with its documents, passages
    and evidence, sorted by ``sort`` (one of ``COLUMNS``), and the totals per source."""
    if rtype is None:
        relations = [r for t in STATED_TYPES for r in read_relations(conn, rtype=t, by_names=True)]
    else:
        relations = read_relations(conn, rtype=rtype, by_names=True)
    rows = [table_row(r) for r in relations]
    return RelationTable(rtype, sort_rows(rows, sort, descending), source_totals(rows))


def table_row(relation: Relation) -> TableRow:
    """A relation as a row of the table: its documents, passages and shared amount."""
    evidence = relation.evidence
    return TableRow(
        relation=relation,
        shared_amount=None if relation.amount is not None else shared_amount(evidence),
        documents=tuple(
            dict.fromkeys(document_name(e.document_title, e.document_label) for e in evidence)
        ),
        passages=len({e.passage_id for e in evidence}),
    )


_CURRENCIES = {
    "EUR": "EUR",
    "€": "EUR",
    "USD": "USD",
    "$": "USD",
    "CNY": "CNY",
    "GBP": "GBP",
    "£": "GBP",
    "CHF": "CHF",
    "EUROS": "EUR",
    "EURO": "EUR",
    "DOLLARS": "USD",
}
_AMOUNT = re.compile(
    r"^(?:(?P<before>[A-Z]{3}|[€$£])\s*)?(?P<value>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)"
    r"(?:\s*(?P<after>[A-Z]{3}|[€$£]|euros?|dollars))?$",
    re.IGNORECASE,
)


def shared_amount(evidence: Sequence[Evidence]) -> SharedAmount | None:
    """The first quote of ``evidence`` that is an amount with its currency (``EUR 2 047 000``,
    ``500 000 $``), or None."""
    for item in evidence:
        found = amount_of_quote(item.quote)
        if found is not None:
            return SharedAmount(found[0], found[1], found[2], item)
    return None


def amount_of_quote(quote: str) -> tuple[str, float, str] | None:
    """``quote`` stripped, its value and currency when it is an amount with its currency."""
    m = _AMOUNT.match(quote.strip())
    if m is None or not (m["before"] or m["after"]):
        return None
    unit = (m["before"] or m["after"]).upper()
    if unit not in _CURRENCIES:
        return None
    return quote.strip(), float(re.sub(r"\D", "", m["value"])), _CURRENCIES[unit]


def _key(column: str) -> Callable[[TableRow], Any]:
    if column not in COLUMNS:
        raise ValueError(f"Unknown column {column!r}; use one of: {', '.join(COLUMNS)}.")
    r: Callable[[TableRow], Any]
    if column in ("source", "target"):
        return lambda row: norm_key(getattr(row.relation, column).name)
    if column in ("date", "period"):

        def r(row: TableRow) -> Any:
            date = parse_date(getattr(row.relation, column))
            return None if date is None else (date.key, date.text)

        return r
    if column == "amount":
        return lambda row: (
            row.shared_amount.value
            if row.relation.amount is None and row.shared_amount is not None
            else row.relation.amount
        )
    if column == "documents":
        return lambda row: len(row.documents)
    if column == "passages":
        return lambda row: row.passages
    return lambda row: (
        None if getattr(row.relation, column) is None else norm_key(getattr(row.relation, column))
    )


def sort_rows(
    rows: Sequence[TableRow], column: str, descending: bool = False
) -> tuple[TableRow, ...]:
    """``rows`` sorted by ``column`` (``COLUMNS``), rows without a value last either way; ties
    keep the source, target order."""
    key = _key(column)
    base = sorted(
        rows,
        key=lambda row: (
            norm_key(row.relation.source.name),
            norm_key(row.relation.target.name),
            row.relation.id,
        ),
    )
    known = [row for row in base if key(row) is not None]
    empty = [row for row in base if key(row) is None]
    return (*sorted(known, key=key, reverse=descending), *empty)


def _amount(row: TableRow) -> tuple[float, str | None, object] | None:
    """The row's amount, currency and, for an amount its evidence quotes, the quote it comes
    from: that amount is counted once however many relations share it (a relation's own amount
    is its own, identified by nothing more)."""
    if row.relation.amount is not None:
        return row.relation.amount, row.relation.currency, None
    shared = row.shared_amount
    if shared is None:
        return None
    where = (shared.evidence.passage_id, shared.evidence.start, shared.evidence.end)
    return shared.value, shared.currency, ("shared", row.relation.source.id, row.year, where)


@dataclass
class _Sum:
    """One source's amounts in one currency, added up as its rows are read."""

    source: EndPoint
    currency: str | None
    first: Any
    relations: int = 0
    years: dict[int | None, list[float]] = field(default_factory=lambda: defaultdict(list))
    counted: set[object] = field(default_factory=set)


def source_totals(
    rows: Iterable[TableRow], order: Callable[[TableRow], Any] | None = None
) -> tuple[SourceTotal, ...]:
    """The amounts per source and currency (never added across currencies), with their
    share per year (an amount shared by several relations counted once); largest first.

    ``rows`` are read once, never held; when they come in another order than
    ``relation_table`` reads them, ``order`` gives that order (ties between totals keep it)."""
    sums: dict[tuple[int, str | None], _Sum] = {}
    for n, row in enumerate(rows):
        found = _amount(row)
        if found is None:
            continue
        value, currency, ident = found
        rank = n if order is None else order(row)
        group = sums.get((row.relation.source.id, currency))
        if group is None:
            group = sums[(row.relation.source.id, currency)] = _Sum(
                row.relation.source, currency, rank
            )
        elif rank < group.first:
            group.first = rank
        group.relations += 1
        if ident is None or ident not in group.counted:
            if ident is not None:
                group.counted.add(ident)
            group.years[row.year].append(value)
    totals = [_total(group) for group in sorted(sums.values(), key=lambda g: g.first)]
    totals.sort(key=lambda t: (-t.total, norm_key(t.source.name), t.currency or ""))
    return tuple(totals)


def _total(group: _Sum) -> SourceTotal:
    years = {year: math.fsum(values) for year, values in group.years.items()}
    return SourceTotal(
        source=group.source,
        currency=group.currency,
        total=math.fsum(years.values()),
        relations=group.relations,
        by_year=tuple(sorted(years.items(), key=lambda item: (item[0] is None, item[0] or 0))),
    )


def filter_rows(rows: Sequence[TableRow], text: str) -> tuple[TableRow, ...]:
    """The rows whose every word of ``text`` is in one of their cells (source, target,
    role, date, period, currency, documents), case, accents and punctuation ignored."""
    words = norm_key(text).split()
    if not words:
        return tuple(rows)

    def cells(row: TableRow) -> str:
        r = row.relation
        parts = (r.source.name, r.target.name, r.role, r.date, r.period, r.currency, *row.documents)
        return " ".join(norm_key(p) for p in parts if p)

    return tuple(row for row in rows if all(w in cells(row) for w in words))


def relation_type_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many relations each stated type holds, in the vocabulary's order (types without
    any relation included, with 0)."""
    found = dict(conn.execute("SELECT type, count(*) FROM relations GROUP BY type").fetchall())
    return {t: int(found.get(t, 0)) for t in STATED_TYPES}
