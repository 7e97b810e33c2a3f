"""Read-only listings for the command line: entities with aliases, relations with evidence."""

from __future__ import annotations

import sqlite3
from typing import Any

from filature.cite import reference
from filature.vocabulary import CO_OCCURRENCE


def list_entities(conn: sqlite3.Connection, type: str | None, limit: int) -> list[dict[str, Any]]:
    """Entities with their aliases, most mentioned first, optionally of one type;
    ``cited_only`` marks those named only in footnotes (authors of cited works)."""
    sql = (
        "SELECT e.id, e.name, e.type, e.mention_count, e.body_mentions, e.footnote_mentions,"
        " d1.path AS first_document, d2.path AS last_document"
        " FROM entities e"
        " LEFT JOIN documents d1 ON d1.id = e.first_document_id"
        " LEFT JOIN documents d2 ON d2.id = e.last_document_id"
    )
    params: list[Any] = []
    if type is not None:
        sql += " WHERE e.type = ?"
        params.append(type)
    sql += " ORDER BY e.mention_count DESC, e.name"
    if limit > 0:
        sql += " LIMIT ?"
        params.append(limit)
    rows = [dict(r) for r in conn.execute(sql, params)]
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in conn.execute("SELECT entity_id, alias FROM aliases ORDER BY alias"):
        aliases.setdefault(entity_id, []).append(alias)
    for row in rows:
        row["aliases"] = aliases.get(row["id"], [])
        row["cited_only"] = row["body_mentions"] == 0 and row["footnote_mentions"] > 0
    return rows


def list_relations(
    conn: sqlite3.Connection,
    entity_id: int | None = None,
    type: str | None = None,
    *,
    cooccurrence: bool = False,
    limit: int = 0,
) -> list[dict[str, Any]]:
    """Relations with both ends' names and their evidence (document, lines, pages, quote and
    the citation string of ``filature.cite``).

    Co-occurrences (``mentioned_with``) are left out unless ``cooccurrence`` is set or asked
    for by ``type``.
    """
    sql = (
        "SELECT r.id, r.type, r.source_id, s.name AS source, s.type AS source_type,"
        " r.target_id, t.name AS target, t.type AS target_type, r.role, r.date, r.amount,"
        " r.currency, r.period, r.confidence, r.rule, r.weight"
        " FROM relations r JOIN entities s ON s.id = r.source_id"
        " JOIN entities t ON t.id = r.target_id WHERE 1 = 1"
    )
    params: list[Any] = []
    if entity_id is not None:
        sql += " AND (r.source_id = ? OR r.target_id = ?)"
        params += [entity_id, entity_id]
    if type is not None:
        sql += " AND r.type = ?"
        params.append(type)
    elif not cooccurrence:
        sql += " AND r.type != ?"
        params.append(CO_OCCURRENCE)
    sql += " ORDER BY r.type, s.name, t.name, r.id"
    if limit > 0:
        sql += " LIMIT ?"
        params.append(limit)
    rows = [dict(r) for r in conn.execute(sql, params)]
    for row in rows:
        row["evidence"] = [
            {
                "document": ev["path"],
                "title": ev["title"],
                "lines": [ev["line_start"], ev["line_end"]],
                "pages": None if ev["page_start"] is None else [ev["page_start"], ev["page_end"]],
                "citation": reference(
                    ev["title"],
                    ev["path"],
                    ev["line_start"],
                    ev["line_end"],
                    ev["page_start"],
                    ev["page_end"],
                    label=ev["label"],
                ),
                "quote": ev["text"][ev["start"] : ev["end"]],
            }
            for ev in conn.execute(
                'SELECT d.path, d.title, p.line_start, p.line_end, p.text, e.start, e."end",'
                " p.page_start, p.page_end, d.label"
                " FROM evidence e JOIN passages p ON p.id = e.passage_id"
                " JOIN documents d ON d.id = p.document_id"
                " WHERE e.relation_id = ? ORDER BY p.id LIMIT 20",
                (row["id"],),
            )
        ]
    return rows
