"""The app's access to the database: read-only connections shared by every thread."""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from filature import query
from filature.memory import release_free_memory
from filature.query import table_pages
from filature.query.facets import EntityFacts, Frequencies, entity_facts, frequencies
from filature.query.network import neighbour_groups
from filature.query.notes import read_notes
from filature.query.table_pages import TableQuery
from filature.query.tables import relation_type_counts
from filature.query.timeline import timeline_entries, timeline_head, timeline_order
from filature.query.views import (
    NeighbourGroup,
    NoteRecord,
    SourceTotal,
    TableRow,
    TimelineEntry,
)
from filature.tui.busy import guarded
from filature.tui.connections import open_pair

BUSY_MS = 5000
CLOSE_WAIT_S = 3.0


class Catalog:
    """Read-only queries for the app; safe to call from the UI thread and from thread workers.

    Every thread shares the connections opened at the start: if a rebuild replaces the file
    while the app runs, the app keeps reading the file it opened, whole, never a mix of old
    and new. A query calling a Python SQL function runs on a connection of its own, one
    thread at a time: SQLite holds a connection's lock while it calls the function, which
    waits for Python's lock, while another thread reading the same connection holds Python's
    lock and waits for SQLite's, and the app would hang.
    """

    def __init__(self, path: Path) -> None:
        """Open ``path`` now, so a bad database fails (DatabaseProblem) before the app starts."""
        self.path = path
        conn, calc = open_pair(path)
        self._conn: sqlite3.Connection | None = conn
        self._calc: sqlite3.Connection | None = calc
        self._calc_lock = threading.Lock()
        self._index: query.FuzzyIndex | None = None
        self._index_lock = threading.Lock()
        self._retired: list[sqlite3.Connection] = []
        self._facts: dict[int, EntityFacts] | None = None
        self._readers = 0
        self._idle = threading.Condition()
        self.on_busy: Callable[[str], None] | None = None
        """Told, from any thread, when a read failed because another process holds the
        database's write lock (the read then returns nothing instead of raising)."""

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection, shared by the UI thread and the workers."""
        if self._conn is None:
            raise sqlite3.ProgrammingError("the catalog is closed")
        return self._conn

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, kept open until the block ends (``close`` waits for it)."""
        with self._idle:
            conn = self.conn
            self._readers += 1
        try:
            yield conn
        finally:
            with self._idle:
                self._readers -= 1
                self._idle.notify_all()

    @contextmanager
    def computing(self) -> Iterator[sqlite3.Connection]:
        """The connection with the Python SQL functions (``table_pages.register_functions``),
        held by the calling thread until the block ends; read every row inside the block."""
        with self._calc_lock, self.reading():
            if self._calc is None:
                raise sqlite3.ProgrammingError("the catalog is closed")
            yield self._calc

    @guarded(lambda: query.FuzzyIndex(()))
    def fuzzy_index(self) -> query.FuzzyIndex:
        """The fuzzy index, built on first use (by whichever thread asks first)."""
        with self._index_lock:
            if self._index is None:
                self._index = query.load_index(self.conn)
                release_free_memory()  # what building it freed: some 50 MB at 200,000 entities
            return self._index

    @property
    def index_ready(self) -> bool:
        """True once the fuzzy index has been built."""
        return self._index is not None

    @guarded(list)
    def fuzzy(self, text: str, limit: int = 30) -> list[query.FuzzyHit]:
        """Fuzzy matches of ``text`` over names and aliases."""
        return self.fuzzy_index().search(text, limit=limit)

    @guarded(lambda: query.FullTextResult((), "The database is busy; search again in a moment."))
    def full_text(self, text: str, limit: int = 100) -> query.FullTextResult:
        """Passages matching every word of ``text`` (the last word as a prefix)."""
        return query.full_text_search(self.conn, text, limit, prefix=True)

    @guarded(dict)
    def type_counts(self) -> dict[str, int]:
        """Entities per type."""
        return query.type_counts(self.conn)

    @guarded(list)
    def entities(self, etype: str | None = None, limit: int | None = None) -> list[query.EntityRow]:
        """Entities of a type (or all), most mentioned first (the first ``limit`` only)."""
        return query.list_entities(self.conn, etype, limit)

    @guarded(lambda: None)
    def card(self, entity_id: int) -> query.EntityCard | None:
        """The header of an entity."""
        return query.entity_card(self.conn, entity_id)

    @guarded(list)
    def relations(self, entity_id: int) -> list[query.RelationRow]:
        """The relations of an entity, stated ones first."""
        return query.relations_of(self.conn, entity_id)

    @guarded(int)
    def excerpt_count(self, entity_id: int) -> int:
        """How many passages mention an entity."""
        return query.count_excerpts(self.conn, entity_id)

    @guarded(list)
    def excerpts(self, entity_id: int, offset: int = 0, limit: int = 50) -> list[query.Excerpt]:
        """A page of the passages that mention an entity."""
        return query.excerpts_for_entity(self.conn, entity_id, offset, limit)

    @guarded(list)
    def relation_excerpts(self, relation_id: int) -> list[query.Excerpt]:
        """The passages that support a relation."""
        return query.excerpts_for_relation(self.conn, relation_id)

    @guarded(lambda: None)
    def relation(self, relation_id: int) -> query.Relation | None:
        """A relation with its attributes (amount, currency, period, rule) and evidence."""
        found = query.read_relations(self.conn, ids=[relation_id])
        return found[0] if found else None

    @guarded(lambda: None)
    def document(self, document_id: int) -> query.DocumentView | None:
        """A whole document with its mentions."""
        return query.document_view(self.conn, document_id)

    @guarded(dict)
    def relation_type_counts(self) -> dict[str, int]:
        """How many relations each stated type holds."""
        return relation_type_counts(self.conn)

    @guarded(lambda: None)
    def table_ids(self, query: TableQuery, limit: int = 0) -> array[int] | None:
        """The ids of the relations table's rows, filtered and sorted (the first ``limit``)."""
        with self.computing() as conn:
            return table_pages.table_ids(conn, query, limit)

    @guarded(lambda: None)
    def table_count(self, query: TableQuery) -> int | None:
        """How many rows the relations table has for ``query``."""
        with self.computing() as conn:
            return table_pages.table_count(conn, query)

    @guarded(tuple)
    def table_rows(self, ids: Sequence[int]) -> tuple[TableRow, ...]:
        """The rows of the relations table of ``ids``, in that order, with their evidence."""
        return table_pages.table_rows(self.conn, ids)

    @guarded(tuple)
    def table_totals(self, query: TableQuery) -> tuple[SourceTotal, ...]:
        """The amounts per source and year of the rows ``query`` selects."""
        with self.computing() as conn:
            return table_pages.table_totals(conn, query)

    @guarded(frozenset)
    def table_columns(self, rtype: str | None) -> frozenset[str]:
        """The optional columns of the relations table holding a value for ``rtype``."""
        return table_pages.table_columns(self.conn, rtype)

    @guarded(lambda: None)
    def timeline_order(self, entity_id: int | None, limit: int = 0) -> array[int] | None:
        """The ids of the dated relations of ``entity_id`` (None: of the corpus) in date
        order (the first ``limit``)."""
        with self.computing() as conn:
            return timeline_order(conn, entity_id, limit)

    @guarded(tuple)
    def timeline_entries(self, ids: Sequence[int]) -> tuple[TimelineEntry, ...]:
        """The timeline's entries of the relations of ``ids``, in that order."""
        return timeline_entries(self.conn, ids)

    @guarded(lambda: (array("q"), {}, 0))
    def timeline_head(
        self, entity_id: int | None, limit: int
    ) -> tuple[array[int], dict[int, int], int]:
        """The first ``limit`` dated relations of ``entity_id`` (None: the corpus) in date
        order, the count of each year and of the undated."""
        with self.computing() as conn:
            return timeline_head(conn, entity_id, limit)

    @guarded(tuple)
    def neighbours(
        self, entity_id: int, cap: int, exclude: frozenset[int] = frozenset()
    ) -> tuple[NeighbourGroup, ...]:
        """An entity's neighbours by relation type, stated first, ``cap`` listed per type."""
        return neighbour_groups(self.conn, entity_id, cap=cap, exclude=exclude)

    @guarded(list)
    def notes(self) -> list[NoteRecord]:
        """Every note of the notes file, with what it points to (``CurationError`` if the
        file is invalid)."""
        return read_notes(self.conn)

    @guarded(dict)
    def entity_facts(self) -> dict[int, EntityFacts]:
        """Per entity: documents, first date, body and footnote mentions (the list's orders
        and filters)."""
        if self._facts is None:
            self._facts = entity_facts(self.conn)
        return self._facts

    @guarded(lambda: Frequencies((), ()))
    def frequencies(self) -> Frequencies:
        """Entities counted by type and by document."""
        return frequencies(self.conn)

    def reset(self) -> None:
        """Forget the fuzzy index after the database changed (curation); rebuilt on next use."""
        with self._index_lock:
            self._index = None
        self._facts = None

    def busy_seen(self, message: str) -> None:
        """A read met a database locked by another process: stop waiting on each read (one
        wait is enough to know) until ``patient`` is called, and tell ``on_busy``."""
        for conn in self._open():
            conn.execute("PRAGMA busy_timeout = 0")
        if self.on_busy is not None:
            self.on_busy(message)

    def patient(self) -> None:
        """Wait again (5 s) for a writer's lock before a read gives up."""
        for conn in self._open():
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")

    def _open(self) -> list[sqlite3.Connection]:
        return [conn for conn in (self._conn, self._calc) if conn is not None]

    def reopen(self) -> None:
        """Read the file now at ``path`` (a rebuild replaced it); raises DatabaseProblem if it
        cannot be opened, and then keeps reading the old one. The old connection stays open
        until ``close``, for the workers still reading through it."""
        conn, calc = open_pair(self.path)
        with self._calc_lock:
            self._retired.extend(self._open())
            self._conn, self._calc = conn, calc
        self.reset()

    def close(self) -> None:
        """Close the connections once no thread reads through them. A read still running
        after ``CLOSE_WAIT_S`` keeps them open (the process is ending): closing a connection
        under a statement another thread steps crashes the interpreter."""
        with self._idle:
            if not self._idle.wait_for(lambda: self._readers == 0, timeout=CLOSE_WAIT_S):
                return
            for old in self._retired:
                old.close()
            self._retired.clear()
            for conn in self._open():
                conn.close()
            self._conn = self._calc = None
