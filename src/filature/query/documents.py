"""A whole document, passage by passage, with every mention located."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from filature.query.types import DocumentPassage, DocumentView, MentionRef


def document_view(conn: sqlite3.Connection, document_id: int) -> DocumentView | None:
    """Every passage of a document in order, with its mentions; None if there is none."""
    doc = conn.execute(
        "SELECT id, title, path, label FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    if doc is None:
        return None
    mentions: dict[int, list[MentionRef]] = defaultdict(list)
    for pid, start, end, eid, name, etype in conn.execute(
        'SELECT m.passage_id, m.start, m."end", e.id, e.name, e.type FROM mentions m '
        "JOIN passages p ON p.id = m.passage_id JOIN entities e ON e.id = m.entity_id "
        'WHERE p.document_id = ? ORDER BY m.passage_id, m.start, m."end" DESC',
        (document_id,),
    ):
        mentions[int(pid)].append(MentionRef(int(start), int(end), int(eid), str(name), str(etype)))
    passages = tuple(
        DocumentPassage(
            id=int(r[0]),
            seq=int(r[1]),
            line_start=int(r[2]),
            line_end=int(r[3]),
            zone=str(r[4]),
            text=str(r[5]),
            mentions=tuple(mentions.get(int(r[0]), ())),
            page_start=None if r[6] is None else int(r[6]),
            page_end=None if r[7] is None else int(r[7]),
        )
        for r in conn.execute(
            "SELECT id, seq, line_start, line_end, zone, text, page_start, page_end FROM passages "
            "WHERE document_id = ? ORDER BY seq",
            (document_id,),
        )
    )
    label = None if doc[3] is None else str(doc[3])
    return DocumentView(int(doc[0]), str(doc[1]), str(doc[2]), passages, label)


def passage_document(conn: sqlite3.Connection, passage_id: int) -> int | None:
    """The document a passage belongs to."""
    row = conn.execute("SELECT document_id FROM passages WHERE id = ?", (passage_id,)).fetchone()
    return None if row is None else int(row[0])
