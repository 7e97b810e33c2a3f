"""A document's citation label from ``documents.toml``: stored in ``documents.label`` and used
where the title would go, without the path ("IRSEM, NR 135, p. 12", "label, lines 3–5"), by
``filature find``, the copy key, dossiers and exports alike."""

from __future__ import annotations

import csv
import json
import sqlite3
import tomllib
from pathlib import Path

from typer.testing import CliRunner

from filature import cite
from filature.cli import app
from filature.dossier import md_escape
from filature.query.types import Excerpt
from filature.tui.render import citation

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
NOTE = "001_d98e5125de2d438c.txt"
runner = CliRunner()


def _labels() -> dict[str, str]:
    entries = tomllib.loads((SEEDS / "documents.toml").read_text(encoding="utf-8"))["document"]
    return {entry["path"]: entry["label"] for entry in entries if "label" in entry}


def test_a_label_replaces_title_and_path_in_a_citation() -> None:
    assert cite.reference("T", "a.pdf", 4, 7, 12, 12, label="IRSEM, NR 135") == (
        "IRSEM, NR 135, p. 12"
    )
    assert cite.reference("T", "a.pdf", 4, 7, 12, 13, label="L") == "L, pp. 12\N{EN DASH}13"
    assert cite.reference("T", "a.txt", 3, 5, label="L") == "L, lines 3\N{EN DASH}5"
    assert cite.reference("T", "a.txt", 3, 5, label=None) == "T, a.txt, lines 3\N{EN DASH}5"


def test_the_copy_key_cites_the_label() -> None:
    excerpt = Excerpt(1, 1, "Titre long", "note.pdf", 8, 9, "body", "Texte cité.", ())
    labelled = Excerpt(
        *(1, 1, "Titre long", "note.pdf", 8, 9, "body", "Texte cité.", ()),
        page_start=12,
        page_end=12,
        document_label="IRSEM",
    )
    assert citation(excerpt) == "«Texte cité.» — Titre long, note.pdf, lines 8\N{EN DASH}9"
    assert citation(labelled) == "«Texte cité.» — IRSEM, p. 12"


def test_the_seeds_labels_are_stored(seed_db: Path) -> None:
    conn = sqlite3.connect(f"{seed_db.as_uri()}?mode=ro", uri=True)
    stored = dict(conn.execute("SELECT path, label FROM documents").fetchall())
    conn.close()
    assert stored == _labels()


def test_find_cites_the_label_without_the_path(seed_db: Path) -> None:
    label = _labels()[NOTE]
    result = runner.invoke(app, ["find", "chercheuse Chine-Monde", "--db", str(seed_db)])
    assert result.exit_code == 0, result.output
    assert f"{label}, line" in result.stdout
    assert NOTE not in result.stdout
    result = runner.invoke(app, ["find", "chercheuse Chine-Monde", "--db", str(seed_db), "--json"])
    hits = json.loads(result.stdout)
    assert hits and all(hit["citation"].startswith(f"{label}, line") for hit in hits)
    assert {hit["document"] for hit in hits} == {NOTE}


def test_exports_and_dossiers_cite_the_label(seed_db: Path, tmp_path: Path) -> None:
    labels = _labels()
    out = tmp_path / "export.json"
    result = runner.invoke(
        app, ["export", "--format", "json", "--db", str(seed_db), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    cited = [c for r in data["relations"] for c in r["evidence"]]
    assert cited
    for c in cited:
        place = cite.lines_label(*c["lines"])
        assert c["citation"] == f"{labels[c['document']['path']]}, {place}"
    assert {d["path"]: d["label"] for d in data["documents"]} == labels
    folder = tmp_path / "csv"
    result = runner.invoke(
        app, ["export", "--format", "csv", "--db", str(seed_db), "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    with open(folder / "evidence.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["citation"].startswith(labels[row["document_path"]]) for row in rows)
    result = runner.invoke(app, ["relations", "Meng Hongwei", "--db", str(seed_db), "--json"])
    evidence = [ev for r in json.loads(result.stdout) for ev in r["evidence"]]
    assert evidence and all(ev["citation"].startswith(labels[ev["document"]]) for ev in evidence)
    dossier = tmp_path / "meng.md"
    result = runner.invoke(
        app,
        ["dossier", "Meng Hongwei", "--format", "md", "--db", str(seed_db), "--out", str(dossier)],
    )
    assert result.exit_code == 0, result.output
    text = dossier.read_text(encoding="utf-8")
    assert any(f"— {md_escape(label)}, line" in text for label in labels.values())
    assert ".txt, line" not in text
