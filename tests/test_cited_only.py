"""Persons named only in footnotes (authors of cited works) are kept but marked ``cited_only``
in ``filature entities --json`` and in every export."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dbfactory import DbBuilder
from filature.cli import app
from filature.export import export_database
from filature.export.tabular import read_csv
from filature.store.connect import open_readonly

runner = CliRunner()


def _db(tmp_path: Path) -> Path:
    b = DbBuilder()
    b.document(
        "rapport.txt",
        "Rapport",
        [
            ("body", "Le ministre Paul Arnaud a signé l'accord à Lisbonne."),
            ("footnote", "3. Claire Vidal, Les accords de police, Paris, 2019."),
        ],
    )
    b.entity("Paul Arnaud", "person")
    b.entity("Claire Vidal", "person")
    return b.write(tmp_path / "f.db")


def test_entities_json_marks_authors_cited_only_in_footnotes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["entities", "--db", str(_db(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    flags = {r["name"]: r["cited_only"] for r in json.loads(result.stdout)}
    assert flags == {"Paul Arnaud": False, "Claire Vidal": True}


def test_exports_carry_the_cited_only_mark(tmp_path: Path) -> None:
    conn = open_readonly(_db(tmp_path))
    export_database(conn, "json", tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert {e["name"]: e["cited_only"] for e in data["entities"]} == {
        "Paul Arnaud": False,
        "Claire Vidal": True,
    }
    export_database(conn, "csv", tmp_path / "csv")
    rows = read_csv(tmp_path / "csv" / "entities.csv")
    flags = {r["name"]: r["cited_only"] for r in rows}
    assert flags == {"Paul Arnaud": "false", "Claire Vidal": "true"}
