"""The relations table read a page at a time: its rows filtered and sorted in SQL (the same
rows in the same order as ``tables.relation_table`` with ``filter_rows`` and ``sort_rows``),
the ids of every row in that order, then the rows of a page with their evidence, read only
when shown or exported."""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from filature.cite import document_name
from filature.query.records import clean, read_relations
from filature.query.tables import COLUMNS, amount_of_quote, source_totals, table_row
from filature.query.views import SourceTotal, TableRow, parse_date
from filature.text import norm_key
from filature.vocabulary import STATED_TYPES

CHUNK = 500


@dataclass(frozen=True)
class TableQuery:
    """Which rows of the relations table, in which order: a type (None: every stated type),
    the sort column (``tables.COLUMNS``), its direction and the filter's words."""

    rtype: str | None = None
    sort: str = "source"
    descending: bool = False
    text: str = ""


def _key(value: object) -> str | None:
    return None if value is None else norm_key(clean(value))


def _date_key(value: object) -> str | None:
    date = parse_date(None if value is None else clean(value))
    if date is None:
        return None
    year, month, day = date.key
    return f"{year:04d}{month:02d}{day:02d}{date.text}"


def _shared_value(quote: object) -> float | None:
    found = None if quote is None else amount_of_quote(clean(quote))
    return None if found is None else found[1]


def date_key_sql(column: str) -> str:
    """SQL giving ``_date_key`` of ``column`` (``parse_date``'s key as ``YYYYMMDD`` then the
    text): computed by SQLite for a date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, by
    ``fl_date_key`` for any other text."""
    c = column
    year = "[0-9][0-9][0-9][0-9]"
    month = f"substr({c}, 6, 2) BETWEEN '01' AND '12'"
    return (
        f"(CASE WHEN {c} IS NULL THEN NULL WHEN {c} GLOB '{year}' THEN {c} || '0000' || {c}"
        f" WHEN {c} GLOB '{year}-[0-9][0-9]' AND {month}"
        f" THEN substr({c}, 1, 4) || substr({c}, 6, 2) || '00' || {c}"
        f" WHEN {c} GLOB '{year}-[0-9][0-9]-[0-9][0-9]' AND {month}"
        f" AND substr({c}, 9, 2) BETWEEN '01' AND '31'"
        f" THEN substr({c}, 1, 4) || substr({c}, 6, 2) || substr({c}, 9, 2) || {c}"
        f" ELSE fl_date_key({c}) END)"
    )


def register_functions(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the SQL functions the table's queries use, unless it has them: SQLite
    refuses to create a function while a statement runs on the connection (another thread's,
    on the app's shared connection), so the app registers them once, when it opens it."""
    try:
        conn.execute("SELECT fl_key(NULL), fl_date_key(NULL), fl_shared(NULL)").fetchone()
    except sqlite3.OperationalError:
        conn.create_function("fl_key", 1, _key, deterministic=True)
        conn.create_function("fl_date_key", 1, _date_key, deterministic=True)
        conn.create_function("fl_shared", 1, _shared_value, deterministic=True)


def prepare(conn: sqlite3.Connection) -> bool:
    """Register the SQL functions the table's queries use on ``conn``; True when the
    database has every entity's key (``entity_keys``: names sorted by an index), False when
    the keys are computed by each query (a database written before the table)."""
    register_functions(conn)
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entity_keys'"
    ).fetchone()
    if found is None:
        return False
    (complete,) = conn.execute(
        "SELECT (SELECT COUNT(*) FROM entity_keys) = (SELECT COUNT(*) FROM entities)"
    ).fetchone()
    return bool(complete)


_QUOTE = 'substr(p.text, ev.start + 1, max(0, ev."end" - ev.start))'
_SHARED = (
    f"(SELECT fl_shared({_QUOTE}) FROM evidence ev JOIN passages p ON p.id = ev.passage_id"
    " JOIN documents d ON d.id = p.document_id"
    f" WHERE ev.relation_id = r.id AND {_QUOTE} GLOB '*[0-9]*'"
    f" AND fl_shared({_QUOTE}) IS NOT NULL"
    ' ORDER BY d.path, p.seq, ev.start, ev."end" LIMIT 1)'
)
_PASSAGES = "(SELECT COUNT(DISTINCT ev.passage_id) FROM evidence ev WHERE ev.relation_id = r.id)"
_DOCUMENTS = (
    "(SELECT COUNT(DISTINCT COALESCE(NULLIF(d.label, ''), d.title)) FROM evidence ev"
    " JOIN passages p ON p.id = ev.passage_id JOIN documents d ON d.id = p.document_id"
    " WHERE ev.relation_id = r.id)"
)


def _sort_key(column: str, keyed: bool) -> str:
    if column not in COLUMNS:
        raise ValueError(f"Unknown column {column!r}; use one of: {', '.join(COLUMNS)}.")
    if column in ("source", "target"):
        return _name(column[0], keyed)
    if column in ("date", "period"):
        return date_key_sql(f"r.{column}")
    if column == "amount":
        return f"COALESCE(r.amount, {_SHARED})"
    if column == "documents":
        return _DOCUMENTS
    if column == "passages":
        return _PASSAGES
    return f"fl_key(r.{column})"


def _name(end: str, keyed: bool) -> str:
    return f"{end}k.rank" if keyed else f"fl_key({end}.name)"


def _matching_documents(conn: sqlite3.Connection, word: str) -> list[int]:
    return [
        int(i)
        for i, title, label in conn.execute("SELECT id, title, label FROM documents")
        if word in norm_key(document_name(clean(title), None if label is None else clean(label)))
    ]


def _where(conn: sqlite3.Connection, query: TableQuery, keyed: bool) -> tuple[str, list[object]]:
    types = list(STATED_TYPES) if query.rtype is None else [query.rtype]
    where = f"r.type IN ({','.join('?' * len(types))})"
    args: list[object] = list(types)
    for word in norm_key(query.text).split():
        names = (f"{e}k.key" if keyed else f"fl_key({e}.name)" for e in ("s", "t"))
        cells = [*names, *(f"fl_key(r.{c})" for c in ("role", "date", "period", "currency"))]
        tests = [f"instr({cell}, ?) > 0" for cell in cells]
        args += [word] * len(cells)
        documents = _matching_documents(conn, word)
        if documents:
            tests.append(
                "EXISTS (SELECT 1 FROM evidence ev JOIN passages p ON p.id = ev.passage_id"
                f" WHERE ev.relation_id = r.id AND p.document_id IN"
                f" ({','.join('?' * len(documents))}))"
            )
            args += documents
        where += f" AND ({' OR '.join(tests)})"
    return where, args


def _from(query: TableQuery, keyed: bool, whole: bool = False) -> str:
    """The tables of the query: walking the names in order when a first page of a name sort
    is read; scanning the table when every row of every type is (``whole``)."""
    if whole and query.rtype is None:  # nine rows in ten: the table in order beats its index
        ends = (
            "JOIN entity_keys sk ON sk.entity_id = r.source_id"
            " JOIN entity_keys tk ON tk.entity_id = r.target_id"
            if keyed
            else "JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id"
        )
        return f"relations r NOT INDEXED {ends}"
    if not keyed:
        return (
            "relations r JOIN entities s ON s.id = r.source_id"
            " JOIN entities t ON t.id = r.target_id"
        )
    keys = "JOIN entity_keys sk ON sk.entity_id = r.source_id"
    keys += " JOIN entity_keys tk ON tk.entity_id = r.target_id"
    if query.sort == "source":  # walk the names in order: the first page needs no sort
        return "entity_keys sk CROSS JOIN relations r ON r.source_id = sk.entity_id" + (
            " JOIN entity_keys tk ON tk.entity_id = r.target_id"
        )
    if query.sort == "target":
        return "entity_keys tk CROSS JOIN relations r ON r.target_id = tk.entity_id" + (
            " JOIN entity_keys sk ON sk.entity_id = r.source_id"
        )
    return f"relations r {keys}"


def table_ids(conn: sqlite3.Connection, query: TableQuery, limit: int = 0) -> array[int]:
    """The ids of the rows ``query`` selects, in its order (the first ``limit`` when it is
    positive); rows without a value in the sort column last either way, ties in source,
    target order."""
    keyed = prepare(conn)
    where, args = _where(conn, query, keyed)
    key = _sort_key(query.sort, keyed)
    base = f"{_name('s', keyed)}, {_name('t', keyed)}, r.id"
    direction = " DESC" if query.descending else ""
    order = (
        f"{key}{direction}, {base}"
        if query.sort in ("source", "target", "documents", "passages")
        else f"{key} IS NULL, {key}{direction}, {base}"
    )
    sql = f"SELECT r.id FROM {_from(query, keyed, limit <= 0)} WHERE {where} ORDER BY {order}"
    if limit > 0:
        sql += f" LIMIT {int(limit)}"
    return array("q", (int(i) for (i,) in conn.execute(sql, args)))


def table_count(conn: sqlite3.Connection, query: TableQuery) -> int:
    """How many rows ``query`` selects."""
    keyed = prepare(conn)
    where, args = _where(conn, query, keyed)
    tables = _from(query, keyed) if norm_key(query.text).split() else "relations r"
    (count,) = conn.execute(f"SELECT COUNT(*) FROM {tables} WHERE {where}", args).fetchone()
    return int(count)


def table_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> tuple[TableRow, ...]:
    """The rows of ``ids`` (in that order) with their documents, passages and evidence."""
    found = {r.id: r for r in read_relations(conn, ids=ids)}
    return tuple(table_row(found[i]) for i in ids if i in found)


def iter_rows(
    conn: sqlite3.Connection, ids: Sequence[int], chunk: int = CHUNK
) -> Iterator[TableRow]:
    """Every row of ``ids`` in order, read ``chunk`` at a time (never all held at once)."""
    for start in range(0, len(ids), chunk):
        yield from table_rows(conn, ids[start : start + chunk])


def table_totals(conn: sqlite3.Connection, query: TableQuery) -> tuple[SourceTotal, ...]:
    """The amounts per source and year of the rows ``query`` selects (``source_totals``),
    read from the rows with an amount of their own or quoted by their evidence only."""
    keyed = prepare(conn)
    where, args = _where(conn, query, keyed)
    ids = [
        int(i)
        for (i,) in conn.execute(
            f"SELECT r.id FROM {_from(query, keyed)} WHERE {where}"
            f" AND (r.amount IS NOT NULL OR {_SHARED} IS NOT NULL) ORDER BY r.id",
            args,
        )
    ]
    return source_totals(iter_rows(conn, ids), order=_read_order)


_TYPE_ORDER = {t: n for n, t in enumerate(STATED_TYPES)}


def _read_order(row: TableRow) -> tuple[int, str, str, int]:
    """The order ``relation_table`` reads its rows in (ties between totals keep it)."""
    r = row.relation
    return _TYPE_ORDER.get(r.type, len(_TYPE_ORDER)), r.source.name, r.target.name, r.id


_CELLS = ("role", "date", "amount", "currency", "period")


def table_columns(conn: sqlite3.Connection, rtype: str | None) -> frozenset[str]:
    """The columns among role, date, amount, currency and period that hold a value in some
    relation of ``rtype`` (None: every stated type), read in one pass."""
    types = list(STATED_TYPES) if rtype is None else [rtype]
    tests = ", ".join(
        f"MAX({c} IS NOT NULL)" if c == "amount" else f"MAX(COALESCE({c}, '') != '')"
        for c in _CELLS
    )
    row = conn.execute(
        f"SELECT {tests} FROM relations WHERE type IN ({','.join('?' * len(types))})", types
    ).fetchone()
    return frozenset(c for c, used in zip(_CELLS, row, strict=True) if used)
