"""The best passages about an entity, cut to the sentences that name it (texts made safe)."""

from __future__ import annotations

import re
import sqlite3

from filature.query.reader import PASSAGE_COLUMNS, ZONE_RANK, located
from filature.query.records import clean
from filature.query.types import Excerpt
from filature.vocabulary import CO_OCCURRENCE

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def snippet(text: str, start: int, end: int, width: int = 320) -> str:
    """The sentences of ``text`` around ``[start, end)``, about ``width`` characters at most.

    Starts with the sentence holding ``start``, adds following sentences while they fit,
    and falls back to a window cut at word boundaries (with ellipses) for a long sentence.
    """
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    first = max(b for b in bounds if b <= start)
    last = min((b for b in bounds if b >= end and b > first), default=len(text))
    if last - first > width:
        first = max(first, start - width // 3)
        last = min(last, max(end, first + width))
        if first > 0 and " " in text[first:start]:
            first = text.index(" ", first) + 1
        if last < len(text) and " " in text[end:last]:
            last = text.rindex(" ", end, last)
        body = text[first:last].strip()
        prefix = "…" if first > 0 and text[first - 1] not in "\n" else ""
        return " ".join(f"{prefix}{body}…".split())
    for b in bounds:
        if b > last and b - first <= width:
            last = b
    return " ".join(text[first:last].split())


def top_excerpts(
    conn: sqlite3.Connection, entity_id: int, limit: int = 3, width: int = 320
) -> list[Excerpt]:
    """The best passages naming the entity: body before footnotes, passages that state one of
    its relations first, then those naming the most other entities; one per document first."""
    rows = conn.execute(
        f"""
        SELECT {PASSAGE_COLUMNS},
               MIN(m.start),
               (SELECT f."end" FROM mentions f WHERE f.passage_id = p.id AND f.entity_id = :e
                ORDER BY f.start LIMIT 1),
               p.id IN (SELECT ev.passage_id FROM relations r
                        JOIN evidence ev ON ev.relation_id = r.id
                        WHERE r.type != '{CO_OCCURRENCE}'
                        AND (r.source_id = :e OR r.target_id = :e)) AS states,
               (SELECT COUNT(DISTINCT o.entity_id) FROM mentions o
                WHERE o.passage_id = p.id AND o.entity_id != :e) AS others
        FROM mentions m JOIN passages p ON p.id = m.passage_id
        JOIN documents d ON d.id = p.document_id
        WHERE m.entity_id = :e
        GROUP BY p.id
        ORDER BY {ZONE_RANK}, states DESC, others DESC, p.document_id, p.seq
        LIMIT :scan
        """,
        {"e": entity_id, "scan": max(50, limit * 10)},
    ).fetchall()
    picked: list[int] = []
    seen_docs: set[int] = set()
    for index, row in enumerate(rows):
        if len(picked) < limit and int(row[1]) not in seen_docs:
            picked.append(index)
            seen_docs.add(int(row[1]))
    for index in range(len(rows)):
        if len(picked) < limit and index not in picked:
            picked.append(index)
    chosen = [rows[i] for i in sorted(picked)]
    return [
        Excerpt(
            **located(r, clean),
            text=clean(snippet(str(r[7]), int(r[11]), int(r[12]), width)),
            spans=(),
            entity_ids=(entity_id,),
        )
        for r in chosen
    ]
