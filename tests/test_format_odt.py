"""OpenDocument files generated here and the real one of the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from filature.ingest.clean import clean_text
from filature.ingest.formats.base import FormatText, Unreadable
from filature.ingest.formats.odt import read_odt
from filature.ingest.passages import split_passages
from nonseed_gold import corpora_dir
from officekit import odt, odt_note

PATH = Path("note.odt")
REAL_NAME = "office/regardscitoyens_formation_burkina_2015_tp3_scraping_juricaf.odt"
STYLES = '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>'
BODY = (
    '<text:p text:style-name="P1">Rapport sur la <text:span>coopération</text:span></text:p>'
    '<text:h text:outline-level="1">Introduction</text:h>'
    '<text:p>La Chine<text:s text:c="2"/>forme des policiers'
    + odt_note(1, "Selon l'agence Xinhua, 2024.")
    + " étrangers.<text:tab/>Fin.</text:p>"
    "<text:list><text:list-item><text:p>Serbie</text:p></text:list-item>"
    "<text:list-item><text:p>Hongrie</text:p></text:list-item></text:list>"
    "<table:table><table:table-header-rows><table:table-row>"
    "<table:table-cell><text:p>Pays</text:p></table:table-cell>"
    "<table:table-cell><text:p>Année</text:p></table:table-cell></table:table-row>"
    "</table:table-header-rows><table:table-row>"
    "<table:table-cell><text:p>Serbie</text:p></table:table-cell>"
    "<table:table-cell><text:p>2019</text:p></table:table-cell></table:table-row></table:table>"
    "<text:table-of-content><text:index-body><text:p>Introduction 3</text:p></text:index-body>"
    "</text:table-of-content>"
    "<text:p>Interpol coopère<office:annotation><text:p>à vérifier</text:p></office:annotation>"
    + odt_note(2, "Communiqué d'Interpol.", "endnote")
    + ".</text:p>"
)
META = (
    "<dc:title>La Chine forme des policiers</dc:title>"
    "<meta:initial-creator>Jeanne Martin</meta:initial-creator>"
    "<dc:creator>Autre Relecteur</dc:creator>"
    "<meta:creation-date>2024-09-10T08:00:00.12</meta:creation-date>"
    "<dc:date>2024-10-01T08:00:00</dc:date>"
)


def _zone_texts(result: FormatText, zone: str) -> list[str]:
    return [result.text[a:b] for a, b, z in result.zones if z == zone]


def test_paragraphs_lists_tables_and_notes_in_order() -> None:
    result = read_odt(odt(BODY, styles=STYLES), PATH)
    assert result.text.split("\n\n") == [
        "Rapport sur la coopération",
        "Introduction",
        "La Chine forme des policiers1 étrangers. Fin.",
        "• Serbie",
        "• Hongrie",
        "Pays | Année",
        "Serbie | 2019",
        "Interpol coopère2.",
        "1. Selon l'agence Xinhua, 2024.",
        "2. Communiqué d'Interpol.",
    ]
    assert _zone_texts(result, "heading") == ["Rapport sur la coopération", "Introduction"]
    assert _zone_texts(result, "table") == ["Pays | Année\n\nSerbie | 2019"]
    assert _zone_texts(result, "footnote") == [
        "1. Selon l'agence Xinhua, 2024.",
        "2. Communiqué d'Interpol.",
    ]
    assert result.format == "odt"
    assert result.title == "Rapport sur la coopération"  # the Title style, without meta.xml


def test_the_cleaner_detaches_the_note_calls() -> None:
    result = read_odt(odt(BODY, styles=STYLES), PATH)
    clean = clean_text(result.text)
    assert clean.footnote_numbers == frozenset({1, 2})
    assert "policiers étrangers" in clean.text and "Interpol coopère." in clean.text
    zones = [p.zone for p in split_passages(clean, result.text)]
    assert zones[-2:] == ["footnote", "footnote"]


def test_meta_gives_title_author_and_creation_date() -> None:
    result = read_odt(odt(BODY, styles=STYLES, meta=META), PATH)
    assert (result.title, result.author, result.date) == (
        "La Chine forme des policiers",
        "Jeanne Martin",
        "2024-09-10",
    )


FO = 'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
COVER_STYLES = (
    '<style:style style:name="Big" style:family="paragraph" style:parent-style-name="Standard">'
    f'<style:text-properties {FO} fo:font-size="40pt"/></style:style>'
    '<style:style style:name="Mid" style:family="paragraph" style:parent-style-name="Big">'
    f'<style:text-properties {FO} fo:font-size="0.75in"/></style:style>'
    '<style:style style:name="Small" style:family="paragraph" style:parent-style-name="Standard">'
    f'<style:text-properties {FO} fo:font-size="18pt"/></style:style>'
)
HEADING = '<text:h text:outline-level="2">Préambule</text:h><text:p>Lorsque une ligne…</text:p>'


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            '<text:p text:style-name="Big">Regards Citoyens</text:p><text:p text:style-name="Big"/>'
            '<text:p text:style-name="Mid">Formation Data Scraping '
            "et <text:span>Data</text:span>viz"
            '</text:p><text:p text:style-name="Small">Brice Person</text:p>'
            '<text:p text:style-name="Big">Ouagadougou</text:p>' + HEADING,
            "Regards Citoyens – Formation Data Scraping et Dataviz",
        ),
        (
            '<text:p text:style-name="Title">Rapport annuel</text:p>'
            '<text:p text:style-name="Subtitle">Coopération policière</text:p>' + HEADING,
            "Rapport annuel – Coopération policière",
        ),
        (
            '<text:p>Note</text:p><text:p text:style-name="Big">Grand</text:p>' + HEADING,
            "Préambule",
        ),
        ('<text:p text:style-name="Small">Brice Person</text:p>' + HEADING, "Préambule"),
    ],
    ids=["large-type", "title-subtitle", "after-body-text", "not-large-enough"],
)
def test_the_title_page_comes_before_the_first_heading(body: str, title: str) -> None:
    result = read_odt(odt(body, styles=COVER_STYLES), PATH)
    assert result.title == title
    assert "Préambule" in _zone_texts(result, "heading")
    declared = read_odt(odt(body, styles=COVER_STYLES, meta=META), PATH)
    assert declared.title == "La Chine forme des policiers"


def test_without_title_style_the_first_heading_is_the_title() -> None:
    result = read_odt(odt(BODY), PATH)
    assert result.title == "Introduction"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04 truncated", "corrupt or truncated ODT"),
        (odt("<text:p>x</text:p>", mimetype=b"application/vnd.oasis.opendocument.spreadsheet"),
         "not an OpenDocument text"),
        (odt("<text:p>x</text:p>", manifest="<manifest:file-entry><manifest:encryption-data/>"
             "</manifest:file-entry>"), "password-protected OpenDocument"),
        (odt("<text:p> </text:p>"), "no text in this ODT file"),
    ],
    ids=["truncated", "spreadsheet", "encrypted", "empty"],
)  # fmt: skip
def test_broken_or_other_files_are_unreadable(data: bytes, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        read_odt(data, PATH)


def test_a_truncated_real_size_package_is_unreadable() -> None:
    data = odt(BODY * 50, styles=STYLES, meta=META)
    with pytest.raises(Unreadable, match="corrupt or truncated ODT"):
        read_odt(data[: int(len(data) * 0.7)], PATH)


def test_the_real_odt_of_the_shared_corpus() -> None:
    corpora = corpora_dir()
    if corpora is None or not (corpora / REAL_NAME).is_file():
        pytest.skip(f"shared corpus absent: {REAL_NAME} not found (set $FILATURE_CORPORA)")
    real = corpora / REAL_NAME
    result = read_odt(real.read_bytes(), real)
    assert result.author == "Brice Person"
    assert result.date == "2015-11-22"
    headings = _zone_texts(result, "heading")
    assert "Les Jurisprudences Burkinabées du site Juricaf.org" in headings
    assert headings[0] == "Préambule"
    assert result.title == "Regards Citoyens – Formation Data Scraping et Dataviz"
    assert "Le site Juricaf.org est une base de données de jurisprudences francophones" in (
        result.text
    )
    assert "<text:" not in result.text and "\x00" not in result.text
    assert result.text.count("\n\n") > 100


def test_a_note_after_a_space_is_glued_and_deep_nesting_is_unreadable() -> None:
    body = "<text:p>Selon Xinhua <text:span>" + odt_note(1, "Dépêche.") + "</text:span></text:p>"
    assert read_odt(odt(body), PATH).text == "Selon Xinhua1\n\n1. Dépêche."
    deep = "<text:span>" * 5000 + "profond" + "</text:span>" * 5000
    with pytest.raises(Unreadable, match="ODT file nested too deeply"):
        read_odt(odt(f"<text:p>{deep}</text:p>"), PATH)
