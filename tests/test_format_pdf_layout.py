"""PDF pages laid out in a table or in two columns: generated files, and the real tables of
the shared corpora (JORF lists of senators and deputies, a decree quoting table rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from filature.ingest.corpus import read_one
from filature.models import Document
from nonseed_gold import corpora_dir
from pdfmaker import make_pdf, table_page, two_column_page

_CORPORA = corpora_dir()
CORPUS = (_CORPORA or Path("shared/corpora (absent; set $FILATURE_CORPORA)")) / "pdf"

ROWS = [
    ["Pays", "Accord", "Année"],
    ["Serbie", "Coopération policière", "2019"],
    ["Hongrie", "patrouilles mixtes", "2021"],
    ["Italie", "Patrouilles conjointes", "2016"],
]


def _document(tmp_path: Path, data: bytes) -> Document:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    document, report = read_one(path, tmp_path, 50 * 1024 * 1024)
    assert document is not None, report
    return document


def test_table_rows_are_table_passages_with_cells(tmp_path: Path) -> None:
    page = table_page(
        "Le tableau suivant résume les accords signés par la police.",
        ROWS,
        "Ces accords sont renouvelés chaque année par les deux ministères.",
    )
    document = _document(tmp_path, make_pdf([page]))
    tables = [p.text for p in document.passages if p.zone == "table"]
    assert tables == [
        "Pays | Accord | Année",
        "Serbie | Coopération policière | 2019",
        "Hongrie | patrouilles mixtes | 2021",
        "Italie | Patrouilles conjointes | 2016",
    ]
    body = [p.text for p in document.passages if p.zone != "table"]
    assert body == [
        "Le tableau suivant résume les accords signés par la police.",
        "Ces accords sont renouvelés chaque année par les deux ministères.",
    ]
    assert all(p.page_start == 1 for p in document.passages)


def test_text_with_ordinary_spacing_has_no_table(tmp_path: Path) -> None:
    page = table_page("Une phrase avant.", [["Un mot", "suivi", "d'un autre"]], "Après.", column=40)
    document = _document(tmp_path, make_pdf([page]))
    assert not any(p.zone == "table" for p in document.passages)
    assert not any(" | " in p.text for p in document.passages)


LEFT = [
    "La coopération policière entre la France",
    "et la Chine a commencé en 1997, quand le",
    "ministère de l'Intérieur a signé un accord.",
    "Cet accord prévoit des formations.",
]
RIGHT = [
    "Interpol a publié deux communiqués sur",
    "ces opérations conjointes, en 2016 et en",
    "2018, sans citer les policiers chinois.",
    "Le rapport les cite pourtant.",
]


@pytest.mark.parametrize("interleaved", [True, False], ids=["line-by-line", "column-by-column"])
def test_two_columns_read_left_column_first(tmp_path: Path, interleaved: bool) -> None:
    document = _document(
        tmp_path, make_pdf([two_column_page(LEFT, RIGHT, interleaved=interleaved)])
    )
    text = document.text
    left_end = text.index("Cet accord prévoit des formations.")
    assert all(text.index(line.split()[-1]) < left_end for line in LEFT[:3])
    assert text.index("Interpol a publié") > left_end
    assert "France et la Chine a commencé en 1997, quand le ministère" in text
    assert "publié deux communiqués sur ces opérations conjointes" in text
    assert not any(p.zone == "table" for p in document.passages)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent (shared corpora)")
def test_real_tables_read_as_rows() -> None:
    senat = CORPUS / "jorf_2014-12-11_senat_rattachement_partis_2015.pdf"
    document, report = read_one(senat, CORPUS, 50 * 1024 * 1024)
    assert document is not None, report
    rows = {p.text for p in document.passages if p.zone == "table"}
    adnot = "ADNOT | Philippe | Non inscrit | Union des Radicaux, Centristes, Indépendants et"
    assert f"{adnot} Démocrates" in rows
    assert "BENBASSA | Esther | Ecologiste | Europe Ecologie les Verts" in rows
    assert len(rows) > 300
    decree = CORPUS / "jorf_2016-07-30_decret_2016-1036_redevances_reutilisation.pdf"
    document, report = read_one(decree, CORPUS, 50 * 1024 * 1024)
    assert document is not None, report
    quoted = [p for p in document.passages if p.zone == "table"]
    assert {p.text for p in quoted} == {
        "R. 323-6 et R. 323-7 | Résultant du décret no 2016-308",
        "R. 324-4-1 à R. 324-4-5 | Résultant du décret no 2016-1036",
    }
    assert {p.page_start for p in quoted} == {2}
    assert sum(1 for p in document.passages if "le tableau est ainsi modifié" in p.text) == 4
