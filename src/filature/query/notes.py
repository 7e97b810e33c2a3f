"""The notes of a database (``notes.toml`` beside its curation file) with what each points
to, as read-model records; the notes of one entity for its dossier. Reads the file, never
writes it."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from filature.notes.entries import Note, load_notes, notes_path
from filature.notes.match import Target, match_notes
from filature.query.reader import PASSAGE_COLUMNS, excerpt_from_row
from filature.query.records import clean, read_entities, read_relations
from filature.query.views import NoteRecord


def notes_file(conn: sqlite3.Connection) -> Path | None:
    """The notes file the database of ``conn`` follows (None if it names no source)."""
    meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
    return notes_path(meta)


def read_notes(conn: sqlite3.Connection, path: Path | None = None) -> list[NoteRecord]:
    """Every note of the notes file (default: ``notes_file(conn)``) in file order, with the
    entity, relation or excerpt it points to in this database. An invalid file raises
    ``CurationError`` (file, line, column, fix)."""
    path = notes_file(conn) if path is None else path
    notes = load_notes(path) if path is not None else ()
    return [_record(conn, n, t) for n, t in zip(notes, match_notes(conn, notes), strict=True)]


def notes_of_entity(
    conn: sqlite3.Connection, entity_id: int, path: Path | None = None
) -> list[NoteRecord]:
    """The notes on the entity, on its relations and on the excerpts that name it."""
    mentioned = {
        int(pid)
        for (pid,) in conn.execute(
            "SELECT passage_id FROM mentions WHERE entity_id = ?", (entity_id,)
        )
    }
    return [
        r
        for r in read_notes(conn, path)
        if (r.entity is not None and r.entity.id == entity_id)
        or (r.relation is not None and entity_id in (r.relation.source.id, r.relation.target.id))
        or (r.excerpt is not None and r.excerpt.passage_id in mentioned)
    ]


def _record(conn: sqlite3.Connection, note: Note, target: Target) -> NoteRecord:
    date = note.get("date")
    record = NoteRecord(
        note.section, clean(note.label), clean(note.text), None if date is None else clean(date)
    )
    if target.entity_id is not None:
        cards = read_entities(conn, [target.entity_id])
        return replace(record, entity=cards[0] if cards else None)
    if target.relation_id is not None:
        (source,) = conn.execute(
            "SELECT source_id FROM relations WHERE id = ?", (target.relation_id,)
        ).fetchone()
        rtype = str(note.get("type"))
        found = [
            r for r in read_relations(conn, int(source), rtype=rtype) if r.id == target.relation_id
        ]
        return replace(record, relation=found[0] if found else None)
    if target.passage_id is not None and target.span is not None:
        row = conn.execute(
            f"SELECT {PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.document_id"
            " WHERE p.id = ?",
            (target.passage_id,),
        ).fetchone()
        excerpt = None if row is None else excerpt_from_row(row, (target.span,), ())
        return replace(record, excerpt=excerpt)
    return record
