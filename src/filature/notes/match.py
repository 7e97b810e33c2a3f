"""What each note points to in a database: entities by name or any alias (case, accents and
punctuation ignored, as curation matches them), relations by type and the names of their
ends, excerpts by document path and quote. Ids change with every rebuild; these do not."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from filature.notes.entries import Note
from filature.text import norm_key
from filature.vocabulary import relation_type


@dataclass(frozen=True)
class Target:
    """Where a note points in one database: an entity, a relation or a span of a passage
    (None when nothing matches any more)."""

    entity_id: int | None = None
    relation_id: int | None = None
    passage_id: int | None = None
    span: tuple[int, int] | None = None

    @property
    def found(self) -> bool:
        """True when the note points to something in this database."""
        return any(v is not None for v in (self.entity_id, self.relation_id, self.passage_id))


Names = dict[str, list[tuple[int, str]]]


def name_index(conn: sqlite3.Connection) -> Names:
    """Every entity under the key of its name and of each alias, most mentioned first."""
    index: Names = {}
    rows = conn.execute(
        "SELECT e.id, e.type, e.name, a.alias FROM entities e"
        " LEFT JOIN aliases a ON a.entity_id = e.id ORDER BY e.mention_count DESC, e.id"
    )
    for eid, etype, name, alias in rows:
        for form in (name, alias):
            if form is not None:
                ids = index.setdefault(norm_key(str(form)), [])
                if (int(eid), str(etype)) not in ids:
                    ids.append((int(eid), str(etype)))
    return index


def entities_named(names: Names, name: str, etype: str | None = None) -> list[int]:
    """The entities called ``name`` or having it as an alias, most mentioned first."""
    return [eid for eid, typ in names.get(norm_key(name), []) if etype in (None, typ)]


def _relation(conn: sqlite3.Connection, names: Names, note: Note) -> int | None:
    sources = entities_named(names, str(note.get("source")))
    targets = entities_named(names, str(note.get("target")))
    if not sources or not targets:
        return None
    rtype = str(note.get("type"))
    pairs = [(s, t) for s in sources for t in targets]
    if relation_type(rtype).symmetric:
        pairs += [(t, s) for s, t in pairs]
    for source, target in pairs:
        row = conn.execute(
            "SELECT id FROM relations WHERE type = ? AND source_id = ? AND target_id = ?"
            " ORDER BY weight DESC, id LIMIT 1",
            (rtype, source, target),
        ).fetchone()
        if row is not None:
            return int(row[0])
    return None


def _excerpt(conn: sqlite3.Connection, note: Note) -> tuple[int, tuple[int, int]] | None:
    quote = str(note.get("quote"))
    line = note.get("line")
    best: tuple[int, int, tuple[int, int]] | None = None
    for pid, text, line_start in conn.execute(
        "SELECT p.id, p.text, p.line_start FROM passages p JOIN documents d ON d.id = p.document_id"
        " WHERE d.path = ? ORDER BY p.seq",
        (str(note.get("document")),),
    ):
        start = str(text).find(quote)
        if start < 0:
            continue
        distance = abs(int(line_start) - line) if isinstance(line, int) else 0
        if best is None or distance < best[0]:
            best = (distance, int(pid), (start, start + len(quote)))
    return None if best is None else (best[1], best[2])


def match_notes(conn: sqlite3.Connection, notes: Sequence[Note]) -> list[Target]:
    """Where each note points in the database of ``conn`` (a Target that is not ``found``
    when the entity, relation or passage is no longer there)."""
    names = name_index(conn) if any(n.section != "excerpt" for n in notes) else {}
    return [match_note(conn, note, names) for note in notes]


def match_note(conn: sqlite3.Connection, note: Note, names: Names | None = None) -> Target:
    """Where one note points (``names``: a ``name_index`` of the database, made if None)."""
    if names is None and note.section != "excerpt":
        names = name_index(conn)
    if note.section == "entity":
        found = entities_named(names or {}, str(note.get("name")), note.get("type"))
        return Target(entity_id=found[0]) if found else Target()
    if note.section == "relation":
        return Target(relation_id=_relation(conn, names or {}, note))
    excerpt = _excerpt(conn, note)
    return Target() if excerpt is None else Target(passage_id=excerpt[0], span=excerpt[1])
