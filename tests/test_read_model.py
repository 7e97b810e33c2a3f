"""One read model: the record types are defined once (``query.types``) and the command line reads
the same functions, and so the same answers, as the app."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from typer.testing import CliRunner

from dbfactory import write_sample
from filature import query
from filature.cli import app as cli
from filature.store.connect import open_readonly

SRC = Path(query.__file__).parents[1]
# Fields that only a record of the read model has: where a passage is, the other end of a
# relation, an entity's counts.
MODEL_FIELDS = {"document_title", "counterpart_name", "mention_count", "quote"}


def _records(path: Path) -> list[str]:
    """The dataclasses and named tuples of a module that hold a field of the read model."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            fields = {
                s.target.id
                for s in node.body
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
            }
            if fields & MODEL_FIELDS:
                found.append(f"{path.relative_to(SRC).as_posix()}:{node.name}")
    return found


def test_the_record_types_are_defined_once_in_query_types() -> None:
    everywhere = [
        record
        for path in sorted(SRC.rglob("*.py"))
        if "extract" not in path.parts and "ingest" not in path.parts
        for record in _records(path)
    ]
    assert [r for r in everywhere if not r.startswith("query/types.py:")] == []


def _cli_json(*args: str) -> object:
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_show_and_entities_give_what_the_app_reads(tmp_path: Path) -> None:
    db = write_sample(tmp_path / "sample.db")
    with open_readonly(db) as conn:
        rows = query.list_entities(conn)
        app_cards = {r.id: query.entity_card(conn, r.id) for r in rows}
        app_relations = {r.id: query.relations_of(conn, r.id) for r in rows}
    listed = _cli_json("entities", "--db", str(db))
    assert isinstance(listed, list)
    assert [(e["id"], e["name"], e["mention_count"]) for e in listed] == [
        (r.id, r.name, r.mention_count) for r in rows
    ]
    for row in rows:
        card = app_cards[row.id]
        assert card is not None
        shown = _cli_json("show", f"#{row.id}", "--db", str(db))
        assert isinstance(shown, dict)
        assert shown["aliases"] == list(card.aliases)
        assert shown["counts"]["documents"] == card.document_count
        stated = [r for g in shown["relations"] for r in g["relations"]]
        assert sorted((r["relation_id"], r["label"], r["evidence_count"]) for r in stated) == (
            sorted(
                (r.id, r.label, r.evidence_count)
                for r in app_relations[row.id]
                if not r.is_co_occurrence
            )
        )
