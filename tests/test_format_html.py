"""Saved web pages: main text only, the page's title, date and author, its declared charset;
generated pages and the saved pages of the shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from filature.ingest.corpus import read_one
from filature.ingest.discover import discover_files
from filature.ingest.formats.html import declared_charset, page_title
from filature.models import Document, FileReport
from nonseed_gold import corpora_dir

_CORPORA = corpora_dir()
CORPUS = (_CORPORA or Path("shared/corpora (absent; set $FILATURE_CORPORA)")) / "html"

ARTICLE = " ".join(
    [
        "Le ministère de l'Intérieur a signé un accord de coopération policière avec le",
        "ministère chinois de la Sécurité publique. L'accord prévoit des échanges d'officiers,",
        "des formations communes à Paris et à Pékin et un dialogue annuel sur la lutte contre",
        "la criminalité organisée. Interpol a salué cette coopération dans un communiqué.",
    ]
)

PAGE = f"""<!DOCTYPE html>
<html lang="fr"><head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Coopération policière franco-chinoise</title>
<meta name="author" content="Claire Dupont">
<meta property="article:published_time" content="2023-05-17">
</head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li>
<li><a href="/sport">Sport et loisirs du week-end</a></li></ul></nav>
<div id="cookie-banner">Nous utilisons des cookies pour améliorer votre expérience.</div>
<article><h1>Coopération policière franco-chinoise</h1>
<p>{ARTICLE}</p>
<p>{ARTICLE.replace("Interpol", "Europol")}</p>
</article>
<footer><p>Mentions légales - Plan du site - Contact - Abonnements</p></footer>
</body></html>
"""


def _read(tmp_path: Path, name: str, data: bytes) -> tuple[Document | None, FileReport]:
    path = tmp_path / name
    path.write_bytes(data)
    return read_one(path, tmp_path, 50 * 1024 * 1024)


def test_main_text_metadata_and_latin1(tmp_path: Path) -> None:
    document, report = _read(tmp_path, "article.html", PAGE.encode("latin-1"))
    assert document is not None, report
    assert (report.status, report.encoding) == ("ok", "cp1252")
    assert document.format == "html"
    assert document.title == "Coopération policière franco-chinoise"
    assert (document.author, document.date) == ("Claire Dupont", "2023-05-17")
    assert document.pages is None
    assert all(p.page_start is None and p.page_end is None for p in document.passages)
    assert "ministère chinois de la Sécurité publique" in document.text
    for noise in ("Accueil", "cookies", "Mentions légales", "Sport et loisirs"):
        assert noise not in document.text


def test_charset_from_the_document() -> None:
    assert declared_charset(b'<meta charset="utf-8">') == "utf-8"
    assert (
        declared_charset(
            b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        )
        == "cp1252"
    )
    assert declared_charset(b"<p>nothing declared</p>") is None


def test_the_site_name_is_left_out_of_the_title() -> None:
    heading = "Office européen de police (Europol) : approbation du protocole"
    title = "Assemblée nationale - Office européen de police (Europol)"
    assert page_title(title, None, heading) == "Office européen de police (Europol)"
    assert page_title("Accord signé | Le Monde", "Le Monde", "x") == "Accord signé"
    assert page_title("Assemblée nationale", None, "Projet de loi") == "Assemblée nationale"
    assert page_title("  ", None, "x") is None


def test_a_colon_belongs_to_the_title() -> None:
    """French titles hold a colon with a space before it; the site name goes, the colon's
    second half stays. A long first line is a paragraph: the site name it contains does not
    make that name the title."""
    title = "Assemblée nationale - Traités et conventions : ratification du traité avec la Chine"
    heading = "Traités et conventions : ratification du traité avec la Chine"
    assert page_title(title, None, heading) == heading
    paragraph = "Projet de loi adopté par l'Assemblée nationale le 9 mars 2004, " * 5
    assert page_title("Assemblée nationale - Adaptation de la justice", None, paragraph) == (
        "Assemblée nationale - Adaptation de la justice"
    )


def test_the_title_is_the_head_s_not_an_icon_s(tmp_path: Path) -> None:
    """A page's title is its head's <title>, whole; an inline icon's <title> is not."""
    page = PAGE.replace(
        "<title>Coopération policière franco-chinoise</title>",
        "<title>Le Journal - Coopération policière : un accord signé</title>",
    ).replace("<article>", "<article><svg><title>Icône</title></svg>")
    document, report = _read(tmp_path, "article.html", page.encode("latin-1"))
    assert document is not None, report
    assert document.title == "Le Journal - Coopération policière : un accord signé"
    headless = PAGE.replace("<title>Coopération policière franco-chinoise</title>", "")
    document, report = _read(
        tmp_path,
        "sans-titre.html",
        headless.replace("<article>", "<article><svg><title>Icône</title></svg>").encode("latin-1"),
    )
    assert document is not None and document.title != "Icône", report


def test_html_files_are_discovered(tmp_path: Path) -> None:
    for name in ("a.html", "b.HTM", "c.xhtml", "d.css"):
        (tmp_path / name).write_text("<p>x</p>")
    found = [p.name for p in discover_files(tmp_path)[0]]
    assert found == ["a.html", "b.HTM", "c.xhtml"]


def test_a_page_without_main_text_is_skipped(tmp_path: Path) -> None:
    document, report = _read(
        tmp_path,
        "empty.html",
        b"<html><head><title>Vide</title></head><body><script>var a = 1;</script></body></html>",
    )
    assert document is None
    assert report.status == "skipped" and report.reason == "html: no main text found"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent (shared corpora)")
@pytest.mark.parametrize(
    ("name", "title", "words", "charset"),
    [
        (
            "an_dossier_13_traite_extradition_chine.html",
            "Traités et conventions : ratification du traité d'extradition avec la Chine",
            "Chine",
            "cp1252",
        ),
        (
            "an_dossier_12_europol_protocole_2003.html",
            "Europol",
            "Office européen de police",
            "cp1252",
        ),
        ("vikidia_kurdistan.html", "Kurdistan", "accords Sykes-Picot", "utf-8"),
    ],
)
def test_saved_pages(name: str, title: str, words: str, charset: str) -> None:
    document, report = read_one(CORPUS / name, CORPUS, 50 * 1024 * 1024)
    assert document is not None, report
    assert report.encoding == charset
    assert title in document.title
    assert words in document.text
    assert "\ufffd" not in document.text and "Ã©" not in document.text
    if "europol" in name:
        assert document.title == (
            "Office européen de police (Europol) : approbation du protocole du 27 novembre 2003"
        )
