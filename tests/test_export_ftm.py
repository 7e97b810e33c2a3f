"""The followthemoney export: every line re-parsed and validated against the installed model."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model

from filature.export import export_database
from filature.store.connect import open_readonly
from test_export_data import make_db

FTM = Path(sys.executable).with_name("ftm")


@pytest.fixture()
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    db = open_readonly(make_db(tmp_path / "filature.db"))
    yield db
    db.close()


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _validate(entities: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities), "duplicate ids"
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        schema.validate(data)
        proxy = model.get_proxy(data, cleaned=False)
        for prop in schema.required:
            assert proxy.has(prop), (data["schema"], prop)
        reparsed = proxy.to_dict()["properties"]
        assert {k: sorted(v) for k, v in reparsed.items()} == {
            k: sorted(v) for k, v in data["properties"].items()
        }, data
        for prop in proxy.iterprops():
            if prop.type.name != "entity":
                continue
            for ref in proxy.get(prop):
                assert ref in by_id, (data["schema"], prop.name, ref)
                assert prop.range is not None
                assert model[by_id[ref]["schema"]].is_a(prop.range), (prop.name, ref)


def _named(entities: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(e for e in entities if name in e["properties"].get("name", []))


def test_every_line_validates_against_the_model(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = export_database(conn, "ftm", tmp_path / "f.ftm.jsonl").paths[0]
    entities = _lines(path)
    _validate(entities)
    documents = [e for e in entities if e["schema"] == "Document"]
    assert len(documents) == 2
    stated = conn.execute("SELECT COUNT(*) FROM relations WHERE type != 'mentioned_with'")
    entity_count = conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
    assert len(entities) == 2 + entity_count + stated.fetchone()[0]


def test_ftm_validate_keeps_every_value(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = export_database(conn, "ftm", tmp_path / "f.ftm.jsonl").paths[0]
    out = tmp_path / "validated.jsonl"
    subprocess.run([str(FTM), "validate", "-i", str(path), "-o", str(out)], check=True, timeout=60)
    ours = {e["id"]: e for e in _lines(path)}
    theirs = {e["id"]: e for e in _lines(out)}
    assert ours.keys() == theirs.keys()
    for key, entity in ours.items():
        assert entity["schema"] == theirs[key]["schema"]
        assert {k: sorted(v) for k, v in entity["properties"].items()} == {
            k: sorted(v) for k, v in theirs[key]["properties"].items()
        }


def test_schemata_fit_the_entities_and_relations(conn: sqlite3.Connection, tmp_path: Path) -> None:
    entities = _lines(export_database(conn, "ftm", tmp_path / "f.jsonl").paths[0])
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
    entities = _lines(path)
    _validate(entities)
    co = [
        e for e in entities if "mentioned with (co-occurrence)" in e["properties"].get("role", [])
    ]
    assert len(co) == 3 and all(e["schema"] == "UnknownLink" for e in co)
    assert all("not a relation stated" in e["properties"]["summary"][0] for e in co)


@pytest.mark.slow
def test_the_seed_corpus_exports_valid_entities(seed_db: Path, tmp_path: Path) -> None:
    conn = open_readonly(seed_db)
    entities = _lines(export_database(conn, "ftm", tmp_path / "seed.jsonl").paths[0])
    (count,) = conn.execute("SELECT COUNT(*) FROM entities").fetchone()
    conn.close()
    _validate(entities)
    assert sum(e["schema"] != "Document" for e in entities) >= count
    assert _named(entities, "Meng Hongwei")["schema"] == "Person"
