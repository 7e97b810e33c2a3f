"""The database schema: a public contract relied on by the app, the tests and outside tools."""

from __future__ import annotations

import sqlite3

from filature.text import norm_key, safe_text

SCHEMA_VERSION = 5

TABLES = (
    "documents",
    "passages",
    "entities",
    "aliases",
    "mentions",
    "relations",
    "evidence",
    "files",
    "meta",
    "base_entities",
    "base_aliases",
    "hidden_mentions",
    "base_relations",
    "base_evidence",
)
"""Version 2 added the state before curation, from which ``filature.curation.database.derive``
recomputes the curated tables. Version 3 keeps it lean: each mention is stored once, in
``mentions`` with its uncurated ``base_entity_id`` or, when curation hides it (a dropped entity,
a duplicate after a merge), in ``hidden_mentions``; ``base_relations`` and ``base_evidence`` hold
the stated relations only (co-occurrences are recounted from the mentions); ``evidence`` is
clustered by relation. Version 4 adds the format and metadata of each document (``format``,
``author``, ``date``, ``pages``) and the pages of each passage (``page_start``, ``page_end``,
NULL for formats without pages); no column is renamed. Version 5 adds each document's
citation ``label`` (from ``documents.toml``) and its ``parent``, the message a file was
attached to (both NULL otherwise). Version 5 databases built since 2026-12-04 also have
``idx_entities_mentions`` (the entity list's order) and an FTS5 prefix index of 3
characters in ``passages_fts``: both only speed reads up, so an older version 5 database is
read the same, only slower, and keeps its version. Foreign keys into tables that are only
ever written whole, by a build
(``WRITE_ONCE``), have no index: no row of theirs is ever deleted, and no query needs one."""

WRITE_ONCE = ("documents", "passages", "base_entities", "base_relations")
"""Tables a build writes and nothing changes afterwards (curation rewrites the others)."""

_SPAN = """    passage_id INTEGER NOT NULL REFERENCES passages(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL"""
_MENTION = f"""{_SPAN},
    surface TEXT NOT NULL,
    role TEXT"""
_RELATION = """    confidence REAL NOT NULL,
    rule TEXT NOT NULL,
    role TEXT,
    date TEXT,
    amount REAL,
    currency TEXT,
    period TEXT,"""
"""The columns a mention, a relation's attributes and a piece of evidence have in the curated
tables and in the uncurated ``base_*`` ones (and ``hidden_mentions``) alike."""

ENTITY_KEYS_SQL = """CREATE TABLE IF NOT EXISTS entity_keys (
    entity_id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    rank INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_entity_keys_rank ON entity_keys(rank);"""
"""Each curated entity's comparison key (``text.norm_key`` of its name: folded, punctuation
dropped) and its rank in that order (equal keys, equal ranks), so that SQL sorts and filters
names as filature compares them (the relations table pages by it). Written with the entities
by a build and by curation; a database without it is read with the key computed per query."""

SCHEMA_SQL = f"""
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    title TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL,
    chars INTEGER NOT NULL,
    format TEXT NOT NULL DEFAULT 'txt',
    author TEXT,
    date TEXT,
    pages INTEGER,
    label TEXT,
    parent INTEGER REFERENCES documents(id)
);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    zone TEXT NOT NULL CHECK (zone IN ('body', 'footnote', 'table', 'heading')),
    text TEXT NOT NULL,
    page_start INTEGER,
    page_end INTEGER
);
CREATE INDEX idx_passages_document_id ON passages(document_id, seq);
-- Sorting an entity's passages and counting its documents, without reading their text.
CREATE INDEX idx_passages_order ON passages(id, zone, document_id, seq);
-- A prefix index of 3 characters: search-as-you-type's first letters ("coo*") read one
-- doclist instead of merging those of every word they begin. Not of 2 as well: that one
-- would add as much again (the database would pass 3 times its corpus's text).
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text, content='passages', content_rowid='id', tokenize='unicode61 remove_diacritics 2',
    prefix='3'
);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (
        type IN ('person', 'organization', 'place', 'agreement', 'operation', 'event')
    ),
    mention_count INTEGER NOT NULL DEFAULT 0,
    body_mentions INTEGER NOT NULL DEFAULT 0,
    footnote_mentions INTEGER NOT NULL DEFAULT 0,
    first_document_id INTEGER REFERENCES documents(id),
    last_document_id INTEGER REFERENCES documents(id)
);
CREATE INDEX idx_entities_type ON entities(type, mention_count);
-- The entity list's order: its first page is read without sorting every entity.
CREATE INDEX idx_entities_mentions ON entities(mention_count DESC, name COLLATE NOCASE);
CREATE INDEX idx_entities_first_document_id ON entities(first_document_id);
CREATE INDEX idx_entities_last_document_id ON entities(last_document_id);
CREATE TABLE aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    alias TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX idx_aliases_alias ON aliases(alias);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
{_MENTION},
    base_entity_id INTEGER
);
CREATE INDEX idx_mentions_entity_id ON mentions(entity_id, passage_id);
CREATE INDEX idx_mentions_passage_id ON mentions(passage_id);
CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES entities(id),
    target_id INTEGER NOT NULL REFERENCES entities(id),
    type TEXT NOT NULL,
{_RELATION}
    agreement_id INTEGER REFERENCES entities(id),
    weight INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX idx_relations_source_id ON relations(source_id, type);
CREATE INDEX idx_relations_target_id ON relations(target_id, type);
CREATE INDEX idx_relations_agreement_id ON relations(agreement_id);
-- The relations table counts and pages its rows by type.
CREATE INDEX idx_relations_type ON relations(type);
-- The timeline reads the dated relations only (a partial index, covering what it sorts by).
CREATE INDEX idx_relations_dated ON relations(type, date, period, source_id, target_id)
    WHERE date IS NOT NULL OR period IS NOT NULL;
CREATE TABLE evidence (
    relation_id INTEGER NOT NULL REFERENCES relations(id),
{_SPAN},
    PRIMARY KEY (relation_id, passage_id, start, "end")
) WITHOUT ROWID;
{ENTITY_KEYS_SQL}
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    encoding TEXT
);
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE base_entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_id INTEGER
);
CREATE TABLE base_aliases (
    base_entity_id INTEGER NOT NULL REFERENCES base_entities(id),
    alias TEXT NOT NULL,
    PRIMARY KEY (base_entity_id, alias)
) WITHOUT ROWID;
CREATE TABLE hidden_mentions (
    id INTEGER PRIMARY KEY,
    base_entity_id INTEGER NOT NULL REFERENCES base_entities(id),
{_MENTION}
);
CREATE TABLE base_relations (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES base_entities(id),
    target_id INTEGER NOT NULL REFERENCES base_entities(id),
    type TEXT NOT NULL,
    symmetric INTEGER NOT NULL DEFAULT 0,
{_RELATION}
    agreement_id INTEGER REFERENCES base_entities(id),
    weight INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE base_evidence (
    base_relation_id INTEGER NOT NULL REFERENCES base_relations(id),
{_SPAN}
);
"""


def create_schema(conn: sqlite3.Connection) -> None:
    """Create every table, index and the FTS5 index in an empty database."""
    conn.executescript(SCHEMA_SQL)


def write_entity_keys(conn: sqlite3.Connection) -> None:
    """Write ``entity_keys`` again from the curated entities (the table is created if an
    older database lacks it)."""
    for statement in ENTITY_KEYS_SQL.split(";"):
        conn.execute(statement)
    keyed = [(norm_key(safe_text(str(name))), int(i)) for i, name in conn.execute(
        "SELECT id, name FROM entities"
    )]  # fmt: skip
    keyed.sort()
    rows, rank, last = [], -1, None
    for key, entity_id in keyed:
        if key != last:
            rank, last = rank + 1, key
        rows.append((entity_id, key, rank))
    conn.execute("DELETE FROM entity_keys")
    conn.executemany("INSERT INTO entity_keys (entity_id, key, rank) VALUES (?, ?, ?)", rows)
