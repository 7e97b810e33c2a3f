"""The JSON export (one document) and the CSV export (four tables for a spreadsheet).

CSV files are UTF-8 with a byte-order mark so that spreadsheets read the accents right.
Text cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab or CR)
get a leading apostrophe; ``read_csv`` removes it again, so the files round-trip exactly.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from filature import __version__
from filature.export.files import Writer, write_file, write_folder
from filature.query.records import clean, read_entities, read_relations
from filature.query.types import EntityCard, Evidence, Relation

FORMAT_NAME = "filature-export"
FORMAT_VERSION = 1
CSV_ENCODING = "utf-8-sig"
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")

ENTITY_COLUMNS = (
    "id", "name", "type", "mention_count", "body_mentions", "footnote_mentions",
    "document_count", "cited_only", "aliases",
)  # fmt: skip
ALIAS_COLUMNS = ("entity_id", "entity_name", "alias")
RELATION_COLUMNS = (
    "id", "type", "label", "stated", "symmetric", "source_id", "source_name", "source_type",
    "target_id", "target_name", "target_type", "role", "date", "amount", "currency", "period",
    "agreement_id", "agreement_name", "confidence", "rule", "weight", "evidence_count",
)  # fmt: skip
EVIDENCE_COLUMNS = (
    "relation_id", "relation_type", "document_id", "document_title", "document_path",
    "line_start", "line_end", "zone", "passage_id", "start", "end", "quote", "page_start",
    "page_end", "document_label", "citation",
)  # fmt: skip
TEXT_COLUMNS = frozenset(
    {"name", "aliases", "entity_name", "alias", "label", "source_name", "target_name", "role",
     "date", "currency", "period", "agreement_name", "rule", "document_title", "document_path",
     "quote", "document_label", "citation"}
)  # fmt: skip


def citation_json(c: Evidence) -> dict[str, Any]:
    """A citation as JSON: document, lines, pages, the citation string (``filature.cite``),
    quote, and the exact span in the passage."""
    return {
        "document": {
            "id": c.document_id,
            "title": c.document_title,
            "path": c.document_path,
            "label": c.document_label,
        },
        **c.where_json(),
        "zone": c.zone,
        "quote": c.quote,
        "passage_id": c.passage_id,
        "span": [c.start, c.end],
    }


def relation_json(r: Relation) -> dict[str, Any]:
    """A relation as JSON with both ends and every citation."""
    return {
        "id": r.id,
        "type": r.type,
        "label": r.label,
        "stated": r.stated,
        "symmetric": r.symmetric,
        "source": {"id": r.source.id, "name": r.source.name, "type": r.source.type},
        "target": {"id": r.target.id, "name": r.target.name, "type": r.target.type},
        "role": r.role,
        "date": r.date,
        "amount": r.amount,
        "currency": r.currency,
        "period": r.period,
        "agreement": (
            None if r.agreement is None else {"id": r.agreement.id, "name": r.agreement.name}
        ),
        "confidence": r.confidence,
        "rule": r.rule,
        "weight": r.weight,
        "evidence": [citation_json(c) for c in r.evidence],
    }


def entity_json(e: EntityCard) -> dict[str, Any]:
    """An entity as JSON: name, type, other surface forms and counts."""
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "mention_count": e.mention_count,
        "body_mentions": e.body_mentions,
        "footnote_mentions": e.footnote_mentions,
        "document_count": e.document_count,
        "cited_only": e.cited_only,
    }


def export_document(conn: sqlite3.Connection) -> dict[str, Any]:
    """The whole JSON export as a dict: format, build metadata, documents, entities, relations."""
    meta = {str(k): clean(v) for k, v in conn.execute("SELECT key, value FROM meta ORDER BY key")}
    documents = [
        {"id": int(r[0]), "path": clean(r[1]), "title": clean(r[2]), "sha256": str(r[3]),
         "chars": int(r[4]), "format": str(r[5]), "label": None if r[6] is None else clean(r[6]),
         "parent": None if r[7] is None else int(r[7])}
        for r in conn.execute(
            "SELECT id, path, title, sha256, chars, format, label, parent FROM documents"
            " ORDER BY id"
        )
    ]  # fmt: skip
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_by": f"filature {__version__}",
        "meta": meta,
        "documents": documents,
        "entities": [entity_json(e) for e in read_entities(conn)],
        "relations": [relation_json(r) for r in read_relations(conn)],
    }


def write_json(conn: sqlite3.Connection, out: Path) -> Path:
    """Write the JSON export to ``out`` atomically."""
    data = export_document(conn)

    def write(handle: TextIO) -> None:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.write("\n")

    return write_file(out, write)


def guard(value: str) -> str:
    """Keep a spreadsheet from reading a text cell as a formula (reversed by ``unguard``)."""
    return "'" + value if value.startswith(_FORMULA) else value


def unguard(value: str) -> str:
    """Undo ``guard``."""
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA) else value


def _table(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Writer:
    def write(handle: TextIO) -> None:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: guard(str(v)) if k in TEXT_COLUMNS and v is not None else _cell(v)
                    for k, v in row.items()
                }
            )

    return write


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _relation_rows(relations: Sequence[Relation]) -> Iterator[dict[str, Any]]:
    for r in relations:
        yield {
            "id": r.id, "type": r.type, "label": r.label, "stated": r.stated,
            "symmetric": r.symmetric, "source_id": r.source.id, "source_name": r.source.name,
            "source_type": r.source.type, "target_id": r.target.id, "target_name": r.target.name,
            "target_type": r.target.type, "role": r.role, "date": r.date, "amount": r.amount,
            "currency": r.currency, "period": r.period,
            "agreement_id": None if r.agreement is None else r.agreement.id,
            "agreement_name": None if r.agreement is None else r.agreement.name,
            "confidence": r.confidence, "rule": r.rule, "weight": r.weight,
            "evidence_count": len(r.evidence),
        }  # fmt: skip


def _evidence_rows(relations: Sequence[Relation]) -> Iterator[dict[str, Any]]:
    for r in relations:
        for c in r.evidence:
            yield {
                "relation_id": r.id, "relation_type": r.type, "document_id": c.document_id,
                "document_title": c.document_title, "document_path": c.document_path,
                "line_start": c.line_start, "line_end": c.line_end, "zone": c.zone,
                "passage_id": c.passage_id, "start": c.start, "end": c.end, "quote": c.quote,
                "page_start": c.page_start, "page_end": c.page_end,
                "document_label": c.document_label, "citation": c.reference(),
            }  # fmt: skip


def write_csv(conn: sqlite3.Connection, out: Path) -> list[Path]:
    """Write entities.csv, aliases.csv, relations.csv and evidence.csv into the folder ``out``."""
    entities = read_entities(conn)
    relations = read_relations(conn)
    aliases = [
        {"entity_id": int(r[0]), "entity_name": clean(r[1]), "alias": clean(r[2])}
        for r in conn.execute(
            "SELECT a.entity_id, e.name, a.alias FROM aliases a JOIN entities e "
            "ON e.id = a.entity_id ORDER BY a.entity_id, a.alias"
        )
    ]
    entity_rows = [{**entity_json(e), "aliases": " | ".join(e.aliases)} for e in entities]
    files = {
        "entities.csv": _table(ENTITY_COLUMNS, entity_rows),
        "aliases.csv": _table(ALIAS_COLUMNS, aliases),
        "relations.csv": _table(RELATION_COLUMNS, _relation_rows(relations)),
        "evidence.csv": _table(EVIDENCE_COLUMNS, _evidence_rows(relations)),
    }
    return write_folder(out, files, encoding=CSV_ENCODING)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read one of the exported CSV files back, formula guards removed (every value a string)."""
    with open(path, encoding=CSV_ENCODING, newline="") as handle:
        return [{k: unguard(v) for k, v in row.items()} for row in csv.DictReader(handle)]
