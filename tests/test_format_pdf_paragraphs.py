"""Where a PDF's paragraphs end across pages: the lines of a title page stand alone, and a
page opening on a heading does not continue the previous page's paragraph; a paragraph that
runs on over a page break still joins. Generated PDFs, then the Regards Citoyens handout and
the Journal officiel decree of the shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from filature.ingest.corpus import read_one
from filature.models import Document
from nonseed_gold import corpora_dir
from pdfmaker import Page, TextLine, make_pdf, text_page

_CORPORA = corpora_dir()
CORPUS = (_CORPORA or Path("shared/corpora (absent; set $FILATURE_CORPORA)")) / "pdf"
HANDOUT = "regardscitoyens_formation_burkina_2015_tp3_scraping_juricaf.pdf"
DECREE = "jorf_2016-07-30_decret_2016-1036_redevances_reutilisation.pdf"
BODY = [
    "Lorsque une ligne est précédée du signe dollar, il s'agit généralement d'une commande",
    "à exécuter dans votre terminal, depuis le dossier du projet que nous avons créé lors de",
    "la première séance de la formation organisée à Ouagadougou par l'association.",
    "La touche de tabulation du clavier permet de compléter les termes saisis et les noms de",
    "fichiers, ce qui évite bien des fautes de frappe lors des séances de travaux pratiques",
]
NEXT = [
    "qui suivent la présentation du site Juricaf et de ses jurisprudences francophones.",
    "Le site est une base de données de jurisprudences francophones de l'association.",
]

HANDOUT_OPENING = [
    "Regards Citoyens",
    "Formation Data Scraping et Dataviz",
    "Brice Person",
    "OpenData Burkina Faso – Ouagadougou - 24/26 novembre 2015",
    "Préambule",
]
"""The handout's title page (four lines) and the heading that opens its second page."""


def _read(tmp_path: Path, pages: list[Page]) -> Document:
    path = tmp_path / "handout.pdf"
    path.write_bytes(make_pdf(pages))
    document, report = read_one(path, tmp_path, 50 * 1024 * 1024)
    assert document is not None, report
    return document


def test_a_title_page_and_a_page_opening_on_a_heading(tmp_path: Path) -> None:
    cover = Page(
        [
            TextLine("Regards Citoyens", 600, x=150, size=40),
            TextLine("Formation Data Scraping et Dataviz", 560, x=120, size=20),
            TextLine("Brice Person", 400, x=230, size=18),
            TextLine("OpenData Burkina Faso – Ouagadougou - 24/26 novembre 2015", 370, size=18),
        ]
    )
    document = _read(tmp_path, [cover, text_page(["Préambule", *BODY]), text_page(NEXT)])
    texts = [p.text for p in document.passages]
    assert texts[:5] == HANDOUT_OPENING
    assert texts[5].startswith("Lorsque une ligne")
    assert any("travaux pratiques qui suivent la présentation" in t for t in texts)
    assert [p.page_start for p in document.passages[:5]] == [1, 1, 1, 1, 2]


def test_a_heading_opening_a_page_ends_the_paragraph_before_it(tmp_path: Path) -> None:
    first = text_page([*BODY, "de la formation."])
    second = text_page(["Travaux pratiques : scraping de sites web", *NEXT])
    texts = [p.text for p in _read(tmp_path, [first, second]).passages]
    assert "Travaux pratiques : scraping de sites web" in texts
    assert texts[texts.index("Travaux pratiques : scraping de sites web") + 1].startswith(
        "qui suivent"
    )


def test_a_long_first_page_is_no_title_page(tmp_path: Path) -> None:
    texts = [p.text for p in _read(tmp_path, [text_page(BODY), text_page(NEXT)]).passages]
    assert texts[0].startswith("Lorsque une ligne")
    assert any(t.startswith("La touche") and "pratiques qui suivent" in t for t in texts)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent (shared corpora)")
def test_the_handout_title_page_and_headings() -> None:
    document, report = read_one(CORPUS / HANDOUT, CORPUS, 50 * 1024 * 1024)
    assert document is not None, report
    texts = [p.text for p in document.passages]
    assert texts[:5] == HANDOUT_OPENING
    assert "Travaux Pratiques : Scraping de sites web" in texts


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent (shared corpora)")
def test_the_journal_officiel_running_footer_is_left_out() -> None:
    document, report = read_one(CORPUS / DECREE, CORPUS, 50 * 1024 * 1024)
    assert document is not None, report
    assert "JOURNAL OFFICIEL" not in document.text and "Texte 3 sur 146" not in document.text
    assert "Toutefois, les coûts liés aux opérations de numérisation" in document.text


def test_a_line_in_larger_type_is_a_paragraph_of_its_own(tmp_path: Path) -> None:
    heading = "Rappel : utilisation basique de la ligne de commande"
    lines = [TextLine(text, 760 - 14 * n) for n, text in enumerate(BODY[:3])]
    lines.append(TextLine(heading, 760 - 14 * 3, size=15))
    rest = [*BODY[3:], *NEXT, *BODY[:3]]
    lines += [TextLine(text, 760 - 14 * (n + 4)) for n, text in enumerate(rest)]
    texts = [p.text for p in _read(tmp_path, [Page(lines)]).passages]
    assert heading in texts, texts
    assert texts[texts.index(heading) + 1].startswith("La touche de tabulation")
