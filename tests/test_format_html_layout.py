"""Pages laid out with a table (the Assemblée nationale's legislative files): each line of
the layout cell is a paragraph and a passage of its own, the page heading stays first, the
site's copyright line is left out; a generated page of that structure, then the saved pages
of the shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from filature.ingest.corpus import read_one
from filature.ingest.passages import MAX_PASSAGE_CHARS
from filature.models import Document
from nonseed_gold import corpora_dir

_CORPORA = corpora_dir()
CORPUS = (_CORPORA or Path("shared/corpora (absent; set $FILATURE_CORPORA)")) / "html"
HEADING = "Coopération policière : approbation de l'accord avec la Chine"
LINES = [
    "Projet de loi autorisant l'approbation de l'accord de coopération policière, n° 157,"
    " déposé le 22 décembre 2005",
    "et renvoyé à la commission des affaires étrangères, de la défense et des forces armées",
    "La Commission saisie au fond a nommé M. André Rouvière rapporteur le 17 mai 2006",
    "Rapport n° 355 déposé le 17 mai 2006 par M. André Rouvière",
    "Le ministre des affaires étrangères a présenté un projet de loi autorisant l'approbation"
    " de l'accord.",
]
PAGE = f"""<html><head><meta charset="iso-8859-1"><title>Assemblée nationale - {HEADING}</title>
</head><body>
<table width="100%"><tr><td><div><a class="menu" href="/index.asp">Accueil</a> &gt;
<a class="menu" href="/dossiers.asp">Dossiers</a></div></td></tr></table>
<p align="center"><b><font size="3">{HEADING}</font></b><br>
<div align="center"><table width="90%"><tr><td>
<p align="center"><font size="4">Travaux<br>préparatoires</font></p>
<p><div align="left"><a href="/leg/pjl.html">Projet de loi</a>{LINES[0][len("Projet de loi") :]}<br>
{LINES[1]}<br>
<br><b>Travaux des commissions</b><br>
{LINES[2]}<br>
<a href="/rap/355.html">Rapport</a>{LINES[3][len("Rapport") :]}<br>
<p>{LINES[4]}</p>
<hr><font size="2">© Assemblée nationale</font>
</td></tr></table></div>
</body></html>
"""


def _read(path: Path) -> Document:
    document, report = read_one(path, path.parent, 50 * 1024 * 1024)
    assert document is not None, report
    return document


def test_the_lines_of_a_layout_table_are_paragraphs(tmp_path: Path) -> None:
    page = tmp_path / "dossier.html"
    page.write_bytes(PAGE.encode("latin-1"))
    document = _read(page)
    paragraphs = [p.text for p in document.passages]
    assert paragraphs[0] == HEADING
    assert document.title == HEADING
    for line in LINES:
        assert line in paragraphs, (line, paragraphs)
    assert "Travaux préparatoires" in paragraphs
    assert "Travaux des commissions" in paragraphs
    assert not any("©" in p for p in paragraphs)
    assert document.text.index(LINES[0]) < document.text.index(LINES[4])


def test_a_data_table_keeps_its_rows(tmp_path: Path) -> None:
    page = tmp_path / "data.html"
    rows = "".join(
        f"<tr><td>{day} mai 2003<br>séance {n}</td><td>compte rendu analytique</td></tr>"
        for n, day in enumerate(("21", "22", "23"), 1)
    )
    page.write_text(
        f"<html><body><article><h1>{HEADING}</h1><p>{LINES[4]} {LINES[2]}</p>"
        f"<table>{rows}</table></article></body></html>",
        encoding="utf-8",
    )
    text = _read(page).text
    assert "| 21 mai 2003 séance 1 | compte rendu analytique |" in text


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent (shared corpora)")
@pytest.mark.parametrize(
    ("name", "heading", "lines"),
    [
        (
            "an_dossier_12_europol_protocole_2003.html",
            "Office européen de police (Europol) : approbation du protocole du 27 novembre 2003",
            [
                "Travaux préparatoires",
                "La Commission saisie au fond a nommé M. André Rouvière rapporteur le 17 mai 2006",
                "La Commission saisie au fond a nommé M. Yves Nicolin rapporteur le"
                " 20 septembre 2006",
            ],
        ),
        (
            "an_dossier_13_traite_extradition_chine.html",
            "Traités et conventions : ratification du traité d'extradition avec la Chine",
            ["Etude d'impact", "Ce texte a été retiré par son auteur le 4 mai 2012"],
        ),
        (
            "an_dossier_12_perben2_adaptation_justice_criminalite.html",
            "Projet de loi portant adaptation de la justice aux évolutions de la criminalité",
            ["Commission des lois : M. Jean-Luc Warsmann, rapporteur"],
        ),
        (
            "an_dossier_14_lutte_crime_organise_terrorisme.html",
            "Police et sécurité : lutte contre le crime organisé et le terrorisme",
            ["Travaux préparatoires", "Avis du Conseil d'État"],
        ),
    ],
)
def test_saved_dossier_pages_read_line_by_line(name: str, heading: str, lines: list[str]) -> None:
    document = _read(CORPUS / name)
    paragraphs = [p.text for p in document.passages]
    assert paragraphs[0] == heading
    for line in lines:
        assert line in paragraphs, (line, paragraphs[:40])
    assert not any(p.startswith("©") for p in paragraphs)
    assert len(paragraphs) >= 10
    assert max(len(p) for p in paragraphs) <= MAX_PASSAGE_CHARS
    assert sum(len(p) for p in paragraphs) / len(paragraphs) < 400
