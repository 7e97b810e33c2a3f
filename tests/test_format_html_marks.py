"""A saved wiki page reads like its text: note calls, back-links and section edit links are
not glued into the prose, figure captions stay, list items carry the readers' bullet, and the
page gives the same entities as the same article written as plain text (issue 14: the same
quality on every format). Pages written for the test, in the markup MediaWiki and pandoc
produce; then the saved Vikidia page of the shared corpora against its text twin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from filature.extract.run import extract_all
from filature.ingest.corpus import read_one
from filature.ingest.formats.layout import BULLET
from filature.models import Document
from nonseed_gold import corpora_dir

PROSE = [
    (
        "Le traité de Lisbonne a été signé au monastère des Hiéronymites en décembre 2007"
        "{a}. Il modifie le traité sur l'Union européenne{b} et donne à la Charte des droits"
        " fondamentaux la même valeur juridique que les traités{c}."
    ),
    (
        "José Sócrates, alors Premier ministre du Portugal, présidait le Conseil de l'Union"
        " européenne{a}. Angela Merkel avait préparé le texte pendant la présidence allemande"
        " du Conseil{b}."
    ),
]
CAPTION = "Le monastère des Hiéronymites, à Lisbonne."
ITEMS = ["Nicolas Sarkozy, pour la France ;", "Gordon Brown, pour le Royaume-Uni."]
TEXT_TWIN = "\n\n".join(
    [
        "Traité de Lisbonne",
        "Signature",
        CAPTION,
        *(p.format(a="", b="", c="") for p in PROSE),
        "Les signataires comprenaient :",
        *ITEMS,
    ]
)


def _wiki_call(n: int) -> str:
    return f'<sup id="cite_ref-{n}" class="reference"><a href="#cite_note-{n}">{n}</a></sup>'


def _edit(section: int) -> str:
    return (
        '<span class="mw-editsection"><span class="mw-editsection-bracket">[</span>'
        f'<a href="/w/index.php?title=Traite&amp;veaction=edit&amp;section={section}">modifier</a>'
        '<span class="mw-editsection-divider"> | </span>'
        f'<a href="/w/index.php?title=Traite&amp;action=edit&amp;section={section}">'
        'modifier le wikicode</a><span class="mw-editsection-bracket">]</span></span>'
    )


def _page() -> str:
    first = PROSE[0].format(
        a=_wiki_call(1),
        b=_wiki_call(2) + '<sup class="reference">,</sup>' + _wiki_call(3),
        c='<a href="#fn4" class="footnote-ref" role="doc-noteref"><sup>4</sup></a>',
    )
    second = PROSE[1].format(a=_wiki_call(5), b=_wiki_call(6))
    notes = "".join(
        f'<li id="cite_note-{n}"><span class="mw-cite-backlink"><a href="#cite_ref-{n}">↑</a>'
        f'</span> <span class="reference-text">Source {n}.</span></li>'
        for n in range(1, 7)
    )
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Traité de Lisbonne — Encyclopédie</title></head><body>
<div id="content"><h1>Traité de Lisbonne</h1>
<h2><span class="mw-headline">Signature</span>{_edit(1)}</h2>
<div class="thumb tright"><div class="thumbinner"><a href="/wiki/Fichier:M.jpg" class="image">
<img alt="" src="m.jpg" width="200" height="150"></a>
<div class="thumbcaption">{CAPTION}</div></div></div>
<p>{first}</p>
<p>{second}</p>
<p>Les signataires comprenaient :</p>
<ul>{"".join(f"<li>{item}</li>" for item in ITEMS)}</ul>
<h2><span class="mw-headline">Références</span>{_edit(2)}</h2>
<ol class="references">{notes}</ol>
</div></body></html>"""


def _read(path: Path, data: str) -> Document:
    path.write_text(data, encoding="utf-8")
    document, report = read_one(path, path.parent, 1 << 24)
    assert document is not None, report
    return document


def test_note_calls_edit_links_and_back_links_are_not_text(tmp_path: Path) -> None:
    text = _read(tmp_path / "lisbonne.html", _page()).text
    assert "décembre 2007. Il modifie" in text
    assert "l'Union européenne et donne" in text
    assert "que les traités." in text
    assert "présidence allemande du Conseil." in text
    assert "modifier" not in text and "wikicode" not in text and "[" not in text
    assert "↑" not in text
    assert "2007" + "1" not in text and "européenne2" not in text


def test_captions_stay_and_list_items_carry_the_bullet(tmp_path: Path) -> None:
    text = _read(tmp_path / "lisbonne.html", _page()).text
    assert CAPTION in text
    for item in ITEMS:
        assert BULLET + item in text
    assert "- Nicolas Sarkozy" not in text


def _entities(document: Document, nlp: Any) -> set[tuple[str, str]]:
    extraction = extract_all([document], nlp=nlp)
    return {(entity.name, entity.type) for entity in extraction.entities}


def test_the_page_and_its_text_give_the_same_entities(tmp_path: Path, nlp: Any) -> None:
    (tmp_path / "page").mkdir()
    (tmp_path / "text").mkdir()
    page = _read(tmp_path / "page" / "lisbonne.html", _page())
    text = _read(tmp_path / "text" / "lisbonne.txt", TEXT_TWIN)
    from_text = _entities(text, nlp)
    assert {("Angela Merkel", "person"), ("Nicolas Sarkozy", "person")} <= from_text
    assert _entities(page, nlp) == from_text


def test_the_saved_vikidia_page_reads_like_its_text_twin() -> None:
    corpora = corpora_dir()
    if corpora is None:
        pytest.skip("shared/corpora (the development corpus) is absent: no saved page to read")
    page = corpora / "html" / "vikidia_kurdistan.html"
    document, report = read_one(page, page.parent, 1 << 24)
    assert document is not None, report
    twin = (corpora / "fr" / "vikidia_kurdistan.txt").read_text(encoding="utf-8")
    for sentence in (
        "au sud du Caucase. Durant cette période",
        "la prise de Bagdad en 1258. Plus tard",
        "principalement en Europe et dans les États de l'ex-URSS.",
        "Drapeau du Parti des travailleurs du Kurdistan.",
        "Carte de l'Empire séleucide.",
    ):
        assert sentence in twin
        assert sentence in " ".join(document.text.split()), sentence
    assert "modifier le wikicode" not in document.text
    assert "↑" not in document.text


def test_a_table_of_links_only_is_navigation(tmp_path: Path) -> None:
    """A navigation box (a table whose cells hold nothing but links) is left out; a table
    of data whose cells also hold text is kept, links and all."""
    states = ["Belgique", "Danemark", "Espagne", "Finlande", "Grèce", "Irlande", "Italie"]
    states += ["Lettonie", "Malte", "Pologne", "Portugal", "Suède"]
    nav = " • ".join(f'<a href="/wiki/{s}" title="{s}">{s}</a>' for s in states)
    data_rows = "".join(
        f'<tr><td><a href="/wiki/{s}">{s}</a></td><td>a signé le traité le 13 décembre 2007'
        "</td></tr>"
        for s in states[:3]
    )
    page = _page().replace(
        '<h2><span class="mw-headline">Références',
        f"<table><tr><th>Signataires</th><th>Signature</th></tr>{data_rows}</table>"
        f'<table><tr><th scope="row">États membres</th><td>{nav}</td></tr></table>'
        '<h2><span class="mw-headline">Références',
    )
    text = _read(tmp_path / "lisbonne.html", page).text
    assert "Belgique" in text and "a signé le traité le 13 décembre 2007" in text
    assert "Suède" not in text and "Malte" not in text
