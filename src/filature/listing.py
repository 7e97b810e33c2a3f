"""Read-only listings for the command line."""

from __future__ import annotations

import sqlite3
from typing import Any


def list_entities(conn: sqlite3.Connection, type: str | None, limit: int) -> list[dict[str, Any]]:
    """Entities with their aliases, most mentioned first, optionally of one type."""
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
    return rows
