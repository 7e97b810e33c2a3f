"""Export of a view (issue 16): any table of the workbench to CSV or Markdown, every quote
cited; document text stays data (formulas guarded, Markdown escaped, controls replaced)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dbfactory import hostile_builder, sample_builder
from filature.export.files import ExportProblem
from filature.export.tabular import unguard
from filature.export.views import (
    network_view,
    notes_view,
    relation_table_view,
    timeline_view,
    totals_view,
    write_view,
)
from filature.notes.edit import append_note, new_note
from filature.query.network import ego_network
from filature.query.notes import read_notes
from filature.query.tables import relation_table
from filature.query.timeline import timeline
from filature.store.connect import open_readonly


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [{k: unguard(v) for k, v in row.items()} for row in csv.DictReader(handle)]


def test_relations_table_to_csv_cites_each_quote(tmp_path: Path) -> None:
    conn = open_readonly(sample_builder().write(tmp_path / "s.db"))
    table = relation_table(conn, "president_of")
    out = write_view(relation_table_view(table), tmp_path / "out" / "presidents.csv")
    rows = _rows(out)
    assert [r["source"] for r in rows] == ["Ahmed Naser Al-Raisi", "Meng Hongwei"]
    meng = rows[1]
    assert meng["date"] == "2016-11-10" and meng["role"] == "président" and meng["passages"] == "1"
    assert meng["documents"] == "La Chine et la sécurité mondiale"
    assert meng["quotes"].startswith("« Meng Hongwei, membre du parti")
    assert "— La Chine et la sécurité mondiale, 001_chine_interpol.txt, line" in meng["quotes"]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_timeline_and_network_to_markdown(tmp_path: Path) -> None:
    conn = open_readonly(sample_builder().write(tmp_path / "s.db"))
    md = write_view(timeline_view(timeline(conn)), tmp_path / "t.md").read_text(encoding="utf-8")
    assert md.startswith("# Timeline\n")
    assert "| 2004 | 2004-04-10 | Meng Hongwei |" in md
    assert md.index("2004-04-10") < md.index("2016-11-10")
    assert "## Quotes" in md and "1. « vice-ministre de la Sécurité publique » — *" in md
    net = write_view(network_view(ego_network(conn, 1, cap=1)), tmp_path / "n.md").read_text(
        encoding="utf-8"
    )
    assert "+ 1 more" in net and "| Meng Hongwei | mentioned with | Xi Jinping |" in net


def test_hostile_text_stays_data(tmp_path: Path) -> None:
    conn = open_readonly(hostile_builder().write(tmp_path / "h.db"))
    view = relation_table_view(relation_table(conn, "took_part_in"))
    md = write_view(view, tmp_path / "h.md").read_text(encoding="utf-8")
    assert "\x1b" not in md and "\\[/\\]" in md and "| [/] |" not in md
    rows = _rows(write_view(view, tmp_path / "h.csv"))
    assert "\x1b" not in "".join(rows[0].values()) and rows[0]["role"] == "[/]"


def test_notes_and_totals_views(tmp_path: Path) -> None:
    conn = open_readonly(sample_builder().write(tmp_path / "s.db"))
    path = tmp_path / "notes.toml"
    append_note(path, new_note("excerpt", document="000_mcc.txt", quote="HE Bingsong", note="=1+1"))
    append_note(path, new_note("entity", name="Lost", note="n"))
    rows = _rows(write_view(notes_view(read_notes(conn, path)), tmp_path / "notes.csv"))
    assert rows[0]["note"] == "=1+1" and rows[0]["quotes"].startswith("« HE Bingsong » — ")
    assert rows[1]["status"] == "not found in this database"
    raw = (tmp_path / "notes.csv").read_text(encoding="utf-8-sig")
    assert ",'=1+1," in raw  # guarded against formulas
    totals = totals_view(relation_table(conn, "president_of"))
    assert totals.rows == ()


def test_unknown_format_is_a_clear_problem(tmp_path: Path) -> None:
    conn = open_readonly(sample_builder().write(tmp_path / "s.db"))
    with pytest.raises(ExportProblem, match="Unknown view format 'xls'"):
        write_view(timeline_view(timeline(conn)), tmp_path / "t.xls", "xls")  # type: ignore[arg-type]
