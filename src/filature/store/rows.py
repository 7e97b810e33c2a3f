"""The rows of a new database: documents and passages, entities and mentions, relations and
their evidence, and the uncurated ``base_*`` tables."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence

from filature.models import Document, Entity, Relation
from filature.vocabulary import CO_OCCURRENCE


def _document_row(doc_id: int, d: Document, ids: Mapping[str, int]) -> tuple[object, ...]:
    parent = None if d.parent is None else ids.get(d.parent)
    return (doc_id, d.path, d.title, d.sha256, d.encoding, d.chars, d.format, d.author, d.date,
            d.pages, d.label, parent)  # fmt: skip


_PASSAGE_COLUMNS = (
    'id, document_id, seq, start, "end", line_start, line_end, zone, text, page_start, page_end'
)
_AS_JSON = ", ".join(f"json_extract(value, '$[{k}]')" for k in range(11))


def write_documents(
    conn: sqlite3.Connection, documents: Sequence[Document], *, one_statement: bool = False
) -> dict[tuple[int, int], int]:
    """The documents and their passages; the passage id of each (document index, seq).

    With ``one_statement``, the passages go in as one JSON array read by SQLite, which holds
    Python's lock only while the array is made: a thread writing them beside a busy one
    (``store.begun``) took every row in turn, each waiting for the lock, ten times as long.
    """
    ids = {d.path: i + 1 for i, d in enumerate(documents)}
    conn.executemany(
        "INSERT INTO documents (id, path, title, sha256, encoding, chars, format, author, date,"
        " pages, label, parent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_document_row(i + 1, d, ids) for i, d in enumerate(documents)],
    )
    passage_ids: dict[tuple[int, int], int] = {}
    rows: list[tuple[object, ...]] = []
    for i, doc in enumerate(documents):
        for p in doc.passages:
            pid = passage_ids[(i, p.seq)] = len(passage_ids) + 1
            rows.append((pid, i + 1, p.seq, p.start, p.end, p.line_start, p.line_end, p.zone,
                         p.text, p.page_start, p.page_end))  # fmt: skip
    if one_statement:
        try:
            conn.execute(
                f"INSERT INTO passages ({_PASSAGE_COLUMNS}) SELECT {_AS_JSON} FROM json_each(?)",
                (json.dumps(rows, ensure_ascii=False),),
            )
            return passage_ids
        except sqlite3.OperationalError as exc:  # a SQLite built without JSON
            if "json" not in str(exc):
                raise
    marks = ", ".join("?" * 11)
    conn.executemany(f"INSERT INTO passages ({_PASSAGE_COLUMNS}) VALUES ({marks})", rows)
    return passage_ids


def write_entities(
    conn: sqlite3.Connection,
    documents: Sequence[Document],
    entities: Sequence[Entity],
    passage_ids: Mapping[tuple[int, int], int],
) -> int:
    """The extraction's entities, aliases and mentions, both as the uncurated state (``base_*``,
    ``mentions.base_entity_id``) and as the curated tables before any curation."""
    zones = {(i, p.seq): p.zone for i, doc in enumerate(documents) for p in doc.passages}

    def entity_rows() -> Iterator[tuple[object, ...]]:
        for e in entities:
            footnotes = sum(
                1 for m in e.mentions if zones[(m.doc_index, m.passage_seq)] == "footnote"
            )
            docs = [m.doc_index for m in e.mentions]
            yield (
                e.key + 1,
                e.name,
                e.type,
                len(e.mentions),
                len(e.mentions) - footnotes,
                footnotes,
                min(docs) + 1 if docs else None,
                max(docs) + 1 if docs else None,
            )

    conn.executemany(
        "INSERT INTO entities (id, name, type, mention_count, body_mentions, footnote_mentions, "
        "first_document_id, last_document_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        entity_rows(),
    )
    conn.executemany(
        "INSERT INTO base_entities (id, name, type, entity_id) VALUES (?, ?, ?, ?)",
        [(e.key + 1, e.name, e.type, e.key + 1) for e in entities],
    )
    aliases = [(e.key + 1, a) for e in entities for a in dict.fromkeys(e.aliases)]
    conn.executemany("INSERT INTO aliases (entity_id, alias) VALUES (?, ?)", aliases)
    conn.executemany("INSERT INTO base_aliases (base_entity_id, alias) VALUES (?, ?)", aliases)
    count = 0

    def mention_rows() -> Iterator[tuple[object, ...]]:
        nonlocal count
        for e in entities:
            for m in e.mentions:
                count += 1
                pid = passage_ids[(m.doc_index, m.passage_seq)]
                yield (count, e.key + 1, pid, m.start, m.end, m.surface, m.role, e.key + 1)

    conn.executemany(
        'INSERT INTO mentions (id, entity_id, passage_id, start, "end", surface, role, '
        "base_entity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        mention_rows(),
    )
    return count


_RELATION_COLUMNS = (
    "source_id, target_id, type, confidence, rule, role, date, amount, currency, period, "
    "agreement_id, weight"
)


def _relation_row(i: int, r: Relation) -> tuple[object, ...]:
    agreement = None if r.agreement_key is None else r.agreement_key + 1
    return (
        *(i + 1, r.source_key + 1, r.target_key + 1, r.type, r.confidence, r.rule, r.role),
        *(r.date, r.amount, r.currency, r.period, agreement, r.weight),
    )


def write_relations(
    conn: sqlite3.Connection,
    relations: Sequence[Relation],
    passage_ids: Mapping[tuple[int, int], int],
) -> int:
    """The relations and their evidence as extracted (no curation); how many."""
    conn.executemany(
        f"INSERT INTO relations (id, {_RELATION_COLUMNS}) VALUES ({', '.join('?' * 13)})",
        (_relation_row(i, r) for i, r in enumerate(relations)),
    )
    conn.executemany(
        'INSERT INTO evidence (relation_id, passage_id, start, "end") VALUES (?, ?, ?, ?)',
        (
            (i + 1, passage_ids[(ev.doc_index, ev.passage_seq)], ev.start, ev.end)
            for i, r in enumerate(relations)
            for ev in r.evidence
        ),
    )
    return len(relations)


def write_base(
    conn: sqlite3.Connection,
    relations: Sequence[Relation],
    passage_ids: Mapping[tuple[int, int], int],
    symmetric: frozenset[str],
) -> None:
    """The stated relations before curation and their evidence (``base_*``); co-occurrences are
    not kept: ``derive`` counts them again from the mentions. Ids are those of ``relations``."""
    stated = [(i, r) for i, r in enumerate(relations) if r.type != CO_OCCURRENCE]
    conn.executemany(
        f"INSERT INTO base_relations (id, {_RELATION_COLUMNS}, symmetric) "
        f"VALUES ({', '.join('?' * 14)})",
        ((*_relation_row(i, r), int(r.type in symmetric)) for i, r in stated),
    )
    conn.executemany(
        'INSERT INTO base_evidence (base_relation_id, passage_id, start, "end") '
        "VALUES (?, ?, ?, ?)",
        (
            (i + 1, passage_ids[(ev.doc_index, ev.passage_seq)], ev.start, ev.end)
            for i, r in stated
            for ev in r.evidence
        ),
    )
