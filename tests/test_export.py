"""Each export read back by its consumer: json, csv (round trip), networkx for GraphML and GEXF."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import networkx as nx  # type: ignore[import-untyped]
import pytest

from filature.export import DEFAULT_OUT, FORMATS, ExportProblem, export_database
from filature.export.tabular import read_csv
from filature.store.connect import open_readonly
from test_export_data import HOSTILE_NAME


def _count(conn: sqlite3.Connection, table: str, where: str = "1") -> int:
    return int(conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0])


def test_json_has_entities_with_aliases_and_relations_with_evidence(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    result = export_database(conn, "json", tmp_path / "out" / "f.json")
    data = json.loads(result.paths[0].read_text(encoding="utf-8"))
    assert data["format"] == "filature-export"
    assert len(data["entities"]) == _count(conn, "entities")
    assert len(data["relations"]) == _count(conn, "relations") == result.relations
    msp = next(e for e in data["entities"] if e["name"] == "Ministère de la Sécurité publique")
    assert "Sécurité publique" in msp["aliases"] and msp["document_count"] == 2
    role = next(r for r in data["relations"] if r["role"] == "président")
    assert role["source"]["name"] == "Meng Hongwei" and role["target"]["name"] == "Interpol"
    (ev,) = role["evidence"]
    assert ev["document"]["path"] == "001_chine_interpol.txt"
    assert ev["lines"] == [4, 5]
    assert ev["quote"].endswith("est élu président d'Interpol")
    co = [r for r in data["relations"] if r["type"] == "mentioned_with"]
    assert co and all(not r["stated"] and r["symmetric"] for r in co)
    assert "\x1b" not in json.dumps(data, ensure_ascii=False)


def test_csv_files_round_trip(conn: sqlite3.Connection, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = export_database(conn, "csv", out)
    assert sorted(p.name for p in result.paths) == [
        "aliases.csv", "entities.csv", "evidence.csv", "relations.csv"
    ]  # fmt: skip
    entities = read_csv(out / "entities.csv")
    db_entities = conn.execute(
        "SELECT id, name, type, mention_count, body_mentions, footnote_mentions FROM entities"
    ).fetchall()
    got_entities = {
        (int(e["id"]), e["name"], e["type"], int(e["mention_count"]), int(e["body_mentions"]),
         int(e["footnote_mentions"]))
        for e in entities
    }  # fmt: skip
    assert got_entities == {tuple(r) for r in db_entities}
    aliases = read_csv(out / "aliases.csv")
    db_aliases = conn.execute("SELECT entity_id, alias FROM aliases").fetchall()
    assert {(int(a["entity_id"]), a["alias"]) for a in aliases} == {tuple(r) for r in db_aliases}
    relations = read_csv(out / "relations.csv")
    db_relations = conn.execute(
        "SELECT id, source_id, target_id, type, role, date, amount, currency, weight FROM relations"
    ).fetchall()
    assert {
        (int(r["id"]), int(r["source_id"]), int(r["target_id"]), r["type"], r["role"] or None,
         r["date"] or None, float(r["amount"]) if r["amount"] else None, r["currency"] or None,
         int(r["weight"]))
        for r in relations
    } == {tuple(r) for r in db_relations}  # fmt: skip
    evidence = read_csv(out / "evidence.csv")
    db_quotes = conn.execute(
        'SELECT e.relation_id, p.line_start, p.line_end, substr(p.text, e.start + 1, e."end" - '
        "e.start) FROM evidence e JOIN passages p ON p.id = e.passage_id"
    ).fetchall()
    got = {(int(e["relation_id"]), int(e["line_start"]), int(e["line_end"]), e["quote"])
           for e in evidence}  # fmt: skip
    assert len(got) == len(db_quotes) == len(evidence)
    expected = {(r[0], r[1], r[2], r[3].replace("\x1b", "\N{SYMBOL FOR ESCAPE}"))
                for r in db_quotes}  # fmt: skip
    assert got == expected


def test_csv_cells_cannot_run_as_spreadsheet_formulas(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    export_database(conn, "csv", tmp_path / "csv")
    raw = (tmp_path / "csv" / "evidence.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert ",\"'=HYPERLINK(" in text and ',"=HYPERLINK(' not in text
    assert "'=cmd|" in (tmp_path / "csv" / "aliases.csv").read_text(encoding="utf-8-sig")
    relations = read_csv(tmp_path / "csv" / "relations.csv")
    assert {r["role"] for r in relations if r["source_name"] == HOSTILE_NAME} == {"=SUM(1+1)"}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_read_back_with_networkx(
    conn: sqlite3.Connection, tmp_path: Path, fmt: str
) -> None:
    path = export_database(conn, fmt, tmp_path / f"g.{fmt}").paths[0]
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == _count(conn, "entities")
    assert graph.number_of_edges() == _count(conn, "relations")
    meng = next(n for n, d in graph.nodes(data=True) if d.get("label") == "Meng Hongwei")
    assert graph.nodes[meng]["type"] == "person"
    assert int(graph.nodes[meng]["mention_count"]) == 3
    edges = list(graph.edges(data=True))
    co = [d for _, _, d in edges if d["relation"] == "mentioned_with"]
    assert len(co) == _count(conn, "relations", "type = 'mentioned_with'")
    assert all(d["stated"] in (False, "false") for d in co)
    stated = [d for _, _, d in edges if d["relation"] != "mentioned_with"]
    assert all(d["stated"] in (True, "true") for d in stated)
    assert path.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    ids = {str(r[0]) for r in conn.execute("SELECT id FROM relations")}
    assert graph.is_multigraph()  # Meng Hongwei -> Interpol: a stated relation and a co-occurrence
    assert {str(k) for _, _, k in graph.edges(keys=True)} == ids
    role = next(d for _, _, d in edges if d.get("role") == "président")
    assert role["relation"] == "holds_role" and role["label"] == "holds a role at"
    assert {d["relation"] for d in stated} >= {"holds_role", "hosts", "funds", "cooperates_with"}


def test_default_paths_and_refusals(conn: sqlite3.Connection, tmp_path: Path) -> None:
    assert set(DEFAULT_OUT) == set(FORMATS)
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep")
    with pytest.raises(ExportProblem, match="is a folder"):
        export_database(conn, "json", folder)
    file = tmp_path / "file.csv"
    file.write_text("keep")
    with pytest.raises(ExportProblem, match="is a file"):
        export_database(conn, "csv", file)
    assert file.read_text() == "keep"
    with pytest.raises(ExportProblem, match="Unknown export format"):
        export_database(conn, "xlsx", tmp_path / "x")
    export_database(conn, "csv", folder)
    assert (folder / "mine.txt").read_text() == "keep" and (folder / "entities.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_failed_export_keeps_the_previous_file(
    conn: sqlite3.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.json"
    target.write_text("previous")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(json, "dump", boom)
    with pytest.raises(RuntimeError):
        export_database(conn, "json", target)
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name != "filature.db"] == ["f.json"]


def test_default_out_is_relative_to_the_working_folder(
    conn: sqlite3.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = export_database(conn, "graphml")
    assert result.paths == (Path("exports/filature.graphml"),)
    assert (tmp_path / "exports" / "filature.graphml").stat().st_size > 0


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_seed_graph_reads_back_whole(seed_db: Path, tmp_path: Path, fmt: str) -> None:
    conn = open_readonly(seed_db)
    path = export_database(conn, fmt, tmp_path / f"seed.{fmt}").paths[0]
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == _count(conn, "entities") > 0
    assert graph.number_of_edges() == _count(conn, "relations")
    conn.close()
