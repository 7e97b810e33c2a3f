"""Curated tables from the uncurated ones: the same function for the build and the app.

A build stores the pipeline's entities before curation (``base_*`` tables, and each mention's
``base_entity_id``); ``derive`` turns them and the curation entries into ``entities``,
``aliases``, ``mentions``, ``relations`` and ``evidence``: merged entities take their mentions,
aliases and relations (self-relations dropped, duplicates combined with their evidence), dropped
ones lose theirs (their mentions move to ``hidden_mentions``), counts are recomputed and
co-occurrences are counted again from the mentions. Passages and their full-text index are
never touched.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, cast

from filature.curation.entries import Entry
from filature.curation.rules import Group, curate
from filature.models import EntityType
from filature.store.schema import write_entity_keys
from filature.vocabulary import CO_OCCURRENCE

MAX_EVIDENCE = 20
COOCCURRENCE_CONFIDENCE = 0.3
SKIPPED_ZONES = frozenset({"heading"})
_RELATION_COLUMNS = (
    "source_id, target_id, type, confidence, rule, role, date, amount, currency, period, "
    "agreement_id, weight"
)


@dataclass(frozen=True)
class _Mention:
    id: int
    base: int
    passage_id: int
    start: int
    end: int
    surface: str
    role: str | None


def combine_confidence(confidences: Iterable[float]) -> float:
    """The chance that at least one of independent findings is right (at most 0.99)."""
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - c
    return round(min(0.99, 1.0 - miss), 3)


def has_base(conn: sqlite3.Connection) -> bool:
    """True if the database holds the uncurated entities that curation starts from."""
    return conn.execute("SELECT 1 FROM base_entities LIMIT 1").fetchone() is not None


def derive(
    conn: sqlite3.Connection, entries: Sequence[Entry], skipped: list[str] | None = None
) -> dict[int, int]:
    """Rewrite the curated tables from the base tables and ``entries`` (inside the caller's
    transaction); returns, for every base entity still present, its curated entity id.
    Entries that cannot apply are described in ``skipped``, if given."""
    groups, max_id = _load(conn)
    every = [m for g in groups for m in g.members]
    curated = curate(groups, entries, lambda m: m.surface, max_id + 1, skipped)
    passages = {
        int(r[0]): (int(r[1]), str(r[2]), int(r[3]))
        for r in conn.execute("SELECT id, document_id, zone, length(text) FROM passages")
    }
    conn.execute("PRAGMA defer_foreign_keys = ON")  # mentions keep their rows meanwhile
    for table in ("evidence", "relations", "aliases", "entities"):
        conn.execute(f"DELETE FROM {table}")
    kept: list[tuple[Group[_Mention], list[_Mention]]] = []
    for g in sorted(curated, key=lambda g: g.key):
        unique: dict[tuple[int, int, int], _Mention] = {}
        for m in sorted(g.members, key=lambda m: m.id):
            unique.setdefault((m.passage_id, m.start, m.end), m)
        if unique:
            kept.append((g, sorted(unique.values(), key=lambda m: m.id)))
    _write_entities(conn, kept, passages)
    _write_mentions(conn, kept, every)
    owner = {origin: g.key for g, _ in kept for origin in g.origins}
    _write_relations(conn, _typed(conn, owner), _cooccurrences(kept, passages))
    conn.execute("UPDATE base_entities SET entity_id = NULL")
    conn.executemany(
        "UPDATE base_entities SET entity_id = ? WHERE id = ?", [(k, b) for b, k in owner.items()]
    )
    write_entity_keys(conn)
    return owner


def _load(conn: sqlite3.Connection) -> tuple[list[Group[_Mention]], int]:
    groups: dict[int, Group[_Mention]] = {}
    for row in conn.execute("SELECT id, name, type FROM base_entities ORDER BY id"):
        key = int(row[0])
        groups[key] = Group(str(row[1]), cast("EntityType", row[2]), set(), [], key, {key})
    for entity_id, alias in conn.execute("SELECT base_entity_id, alias FROM base_aliases"):
        groups[int(entity_id)].aliases.add(str(alias))
    columns = 'id, base_entity_id, passage_id, start, "end", surface, role'
    rows = conn.execute(
        f"SELECT {columns} FROM mentions UNION ALL SELECT {columns} FROM hidden_mentions "
        "ORDER BY id"
    )
    for mid, entity_id, passage_id, start, end, surface, role in rows:
        base = int(entity_id)
        mention = _Mention(int(mid), base, int(passage_id), int(start), int(end), surface, role)
        groups[base].members.append(mention)
    return list(groups.values()), max(groups, default=0)


def _write_entities(
    conn: sqlite3.Connection,
    kept: Sequence[tuple[Group[_Mention], list[_Mention]]],
    passages: dict[int, tuple[int, str, int]],
) -> None:
    entity_rows = []
    for g, ms in kept:
        footnotes = sum(1 for m in ms if passages[m.passage_id][1] == "footnote")
        docs = [passages[m.passage_id][0] for m in ms]
        entity_rows.append(
            (g.key, g.name, g.type, len(ms), len(ms) - footnotes, footnotes, min(docs), max(docs))
        )
    conn.executemany(
        "INSERT INTO entities (id, name, type, mention_count, body_mentions, footnote_mentions, "
        "first_document_id, last_document_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        entity_rows,
    )
    conn.executemany(
        "INSERT INTO aliases (entity_id, alias) VALUES (?, ?)",
        [(g.key, a) for g, _ in kept for a in sorted(g.aliases | {g.name})],
    )


def _write_mentions(
    conn: sqlite3.Connection,
    kept: Sequence[tuple[Group[_Mention], list[_Mention]]],
    every: Sequence[_Mention],
) -> None:
    """Move each mention to the entity that now owns it, or to ``hidden_mentions`` if none
    does (a dropped entity, a duplicate after a merge), touching only the rows that change."""
    owner = {m.id: g.key for g, ms in kept for m in ms}
    shown = dict(conn.execute("SELECT id, entity_id FROM mentions").fetchall())
    hidden = {int(r[0]) for r in conn.execute("SELECT id FROM hidden_mentions")}
    hide = [m for m in every if m.id in shown and m.id not in owner]
    show = [m for m in every if m.id in hidden and m.id in owner]
    moved = [(k, i) for i, k in owner.items() if i in shown and shown[i] != k]
    columns = 'id, passage_id, start, "end", surface, role'
    if hide:
        conn.executemany("DELETE FROM mentions WHERE id = ?", [(m.id,) for m in hide])
        conn.executemany(
            f"INSERT INTO hidden_mentions ({columns}, base_entity_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(m.id, m.passage_id, m.start, m.end, m.surface, m.role, m.base) for m in hide],
        )
    if show:
        conn.executemany("DELETE FROM hidden_mentions WHERE id = ?", [(m.id,) for m in show])
        conn.executemany(
            f"INSERT INTO mentions ({columns}, base_entity_id, entity_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (m.id, m.passage_id, m.start, m.end, m.surface, m.role, m.base, owner[m.id])
                for m in show
            ],
        )
    conn.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?", moved)


_Relation = tuple[dict[str, Any], list[tuple[int, int, int]]]


def _typed(conn: sqlite3.Connection, owner: dict[int, int]) -> list[_Relation]:
    evidence: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for rid, pid, start, end in conn.execute(
        'SELECT base_relation_id, passage_id, start, "end" FROM base_evidence ORDER BY rowid'
    ):
        evidence[int(rid)].append((int(pid), int(start), int(end)))
    groups: dict[tuple[Any, ...], list[tuple[sqlite3.Row, int | None]]] = defaultdict(list)
    cursor = conn.execute(
        f"SELECT id, symmetric, {_RELATION_COLUMNS} FROM base_relations "
        "WHERE type != ? ORDER BY id",
        (CO_OCCURRENCE,),
    )
    cursor.row_factory = sqlite3.Row
    for row in cursor:
        src, tgt = owner.get(row["source_id"]), owner.get(row["target_id"])
        if src is None or tgt is None or src == tgt:
            continue
        if row["symmetric"] and tgt < src:
            src, tgt = tgt, src
        key: tuple[Any, ...] = (src, tgt, row["type"], row["role"])
        if row["type"] == "funds":
            key += (row["amount"], row["currency"], row["period"])
        agreement = None if row["agreement_id"] is None else owner.get(row["agreement_id"])
        groups[key].append((row, agreement))
    out: list[_Relation] = []
    for key, items in groups.items():
        best = max(items, key=lambda it: float(it[0]["confidence"]))[0]
        spans: list[tuple[int, int, int]] = []
        for row, _ in items:
            for span in evidence[int(row["id"])]:
                if span not in spans and len(spans) < MAX_EVIDENCE:
                    spans.append(span)
        values = {
            "source_id": key[0],
            "target_id": key[1],
            "type": key[2],
            "confidence": combine_confidence(float(r["confidence"]) for r, _ in items),
            "rule": best["rule"],
            "role": key[3],
            "date": next((r["date"] for r, _ in items if r["date"] is not None), None),
            "amount": best["amount"],
            "currency": best["currency"],
            "period": best["period"],
            "agreement_id": next((a for _, a in items if a is not None), None),
            "weight": sum(int(r["weight"]) for r, _ in items),
        }
        out.append((values, spans))
    out.sort(key=lambda r: (r[0]["type"], r[0]["source_id"], r[0]["target_id"], r[0]["role"] or ""))
    return out


def _cooccurrences(
    kept: Sequence[tuple[Group[_Mention], list[_Mention]]],
    passages: dict[int, tuple[int, str, int]],
) -> list[_Relation]:
    by_passage: dict[int, set[int]] = defaultdict(set)
    for g, ms in kept:
        for m in ms:
            by_passage[m.passage_id].add(g.key)
    pairs: dict[tuple[int, int], list[int]] = defaultdict(list)
    for pid, keys in sorted(by_passage.items()):
        if passages[pid][1] in SKIPPED_ZONES:
            continue
        for a, b in combinations(sorted(keys), 2):
            pairs[(a, b)].append(pid)
    return [
        (
            {
                "source_id": a,
                "target_id": b,
                "type": CO_OCCURRENCE,
                "confidence": COOCCURRENCE_CONFIDENCE,
                "rule": "cooccurrence",
                "role": None,
                "date": None,
                "amount": None,
                "currency": None,
                "period": None,
                "agreement_id": None,
                "weight": len(pids),
            },
            [(pid, 0, passages[pid][2]) for pid in pids[:MAX_EVIDENCE]],
        )
        for (a, b), pids in sorted(pairs.items())
    ]


def _write_relations(
    conn: sqlite3.Connection, typed: list[_Relation], cooccurring: list[_Relation]
) -> None:
    names = [c.strip() for c in _RELATION_COLUMNS.split(",")]
    rows = []
    evidence = []
    for rid, (values, spans) in enumerate([*typed, *cooccurring], start=1):
        rows.append((rid, *(values[n] for n in names)))
        evidence += [(rid, *span) for span in spans]
    marks = ", ".join("?" * (len(names) + 1))
    conn.executemany(
        f"INSERT INTO relations (id, {_RELATION_COLUMNS}) VALUES ({marks})",
        rows,
    )
    conn.executemany(
        'INSERT INTO evidence (relation_id, passage_id, start, "end") VALUES (?, ?, ?, ?)',
        evidence,
    )
