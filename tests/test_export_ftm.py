"""The followthemoney export without the followthemoney library (validated with it in
test_export_ftm_library.py when ``filature[ftm]`` is installed)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from filature.export import export_database
from filature.export.ftm import ENTITY_SCHEMA
from filature.export.ftm_values import PROPERTIES
from filature.store.connect import open_readonly
from ftmkit import by_unique_id, read_lines
from test_export_data import make_db

SCHEMATA = {*ENTITY_SCHEMA.values(), "Document", "Directorship", "Employment", "Membership",
            "ProjectParticipant", "Payment", "UnknownLink"}  # fmt: skip


def _check(entities: list[dict[str, Any]]) -> None:
    """What holds without the library: unique ids, known schemata, references that resolve."""
    by_id = by_unique_id(entities)
    for data in entities:
        assert set(data) == {"id", "schema", "properties"}
        assert data["schema"] in SCHEMATA, data["schema"]
        for prop, values in data["properties"].items():
            assert values and len(set(values)) == len(values), (prop, values)
            if PROPERTIES[prop][0] == "entity":
                assert all(v in by_id for v in values), (data["schema"], prop)


def _named(entities: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(e for e in entities if name in e["properties"].get("name", []))


def test_every_line_validates_against_the_model(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = export_database(conn, "ftm", tmp_path / "f.ftm.jsonl").paths[0]
    entities = read_lines(path)
    _check(entities)
    documents = [e for e in entities if e["schema"] == "Document"]
    assert len(documents) == 2
    stated = conn.execute("SELECT COUNT(*) FROM relations WHERE type != 'mentioned_with'")
    entity_count = conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
    assert len(entities) == 2 + entity_count + stated.fetchone()[0]


def test_schemata_fit_the_entities_and_relations(conn: sqlite3.Connection, tmp_path: Path) -> None:
    entities = read_lines(export_database(conn, "ftm", tmp_path / "f.jsonl").paths[0])
    meng, interpol = _named(entities, "Meng Hongwei"), _named(entities, "Interpol")
    assert (meng["schema"], interpol["schema"]) == ("Person", "Organization")
    china, pekin = _named(entities, "Chine"), _named(entities, "Pékin")
    assert china["schema"] == pekin["schema"] == "Address"
    assert china["properties"]["country"] == ["cn"] and china["properties"]["summary"] == [
        "Country"
    ]
    assert "summary" not in pekin["properties"]
    assert _named(entities, "Fox Hunt")["schema"] == "Project"
    assert _named(entities, "86e Assemblée générale d'Interpol")["schema"] == "Event"
    doc = next(e for e in entities if e["properties"].get("fileName") == ["001_chine_interpol.txt"])
    assert doc["id"] in meng["properties"]["proof"]

    director = next(e for e in entities if e["schema"] == "Directorship"
                    and e["properties"]["role"] == ["président"])  # fmt: skip
    props = director["properties"]
    assert (props["director"], props["organization"]) == ([meng["id"]], [interpol["id"]])
    assert props["startDate"] == ["2016-11-10"] and props["proof"] == [doc["id"]]
    assert "est élu président d'Interpol" in props["description"][0]
    assert "001_chine_interpol.txt, lines 4\N{EN DASH}5" in props["description"][0]
    schemata = {e["schema"] for e in entities}
    assert {"Membership", "Payment", "ProjectParticipant", "UnknownLink"} <= schemata
    payment = next(e for e in entities if e["schema"] == "Payment")
    assert payment["properties"]["currency"] == ["CNY"]
    assert float(payment["properties"]["amount"][0]) == 2_000_000
    assert not any("co-occurrence" in " ".join(e["properties"].get("role", [])) for e in entities)


def test_co_occurrences_only_on_request_and_marked(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    path = export_database(conn, "ftm", tmp_path / "f.jsonl", cooccurrence=True).paths[0]
    entities = read_lines(path)
    _check(entities)
    co = [
        e for e in entities if "mentioned with (co-occurrence)" in e["properties"].get("role", [])
    ]
    assert len(co) == 3 and all(e["schema"] == "UnknownLink" for e in co)
    assert all("not a relation stated" in e["properties"]["summary"][0] for e in co)


@pytest.mark.slow
def test_the_seed_corpus_exports_valid_entities(seed_db: Path, tmp_path: Path) -> None:
    conn = open_readonly(seed_db)
    entities = read_lines(export_database(conn, "ftm", tmp_path / "seed.jsonl").paths[0])
    (count,) = conn.execute("SELECT COUNT(*) FROM entities").fetchone()
    conn.close()
    _check(entities)
    assert sum(e["schema"] != "Document" for e in entities) >= count
    assert _named(entities, "Meng Hongwei")["schema"] == "Person"


def test_the_export_needs_no_followthemoney(tmp_path: Path) -> None:
    """The export runs where followthemoney, rigour and normality cannot be imported."""
    db = make_db(tmp_path / "filature.db")
    script = (
        "import sys\n"
        "for name in ('followthemoney', 'rigour', 'normality', 'icu'):\n"
        "    sys.modules[name] = None\n"
        "from pathlib import Path\n"
        "from filature.export import export_database\n"
        "from filature.store.connect import open_readonly\n"
        f"conn = open_readonly(Path({str(db)!r}))\n"
        f"export_database(conn, 'ftm', Path({str(tmp_path / 'out.jsonl')!r}))\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    conn = open_readonly(db)
    expected = export_database(conn, "ftm", tmp_path / "here.jsonl").paths[0]
    conn.close()
    assert (tmp_path / "out.jsonl").read_bytes() == expected.read_bytes()
    assert len(read_lines(expected)) > 10
