"""Word files generated here: text order, headings, tables, notes, metadata, hostile packages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from filature.ingest.clean import clean_text
from filature.ingest.formats import package
from filature.ingest.formats.base import FormatText, Unreadable
from filature.ingest.formats.docx import read_docx
from filature.ingest.passages import split_passages
from officekit import core, docx, note_ref, para, run, table

PATH = Path("rapport.docx")
BODY = (
    para("Coopération policière chinoise", style="Titre1")
    + para("Sommaire 3", style="TM1")
    + para("Le ministère de la Sécurité publique signe des accords", note_ref("footnote", 1), ".")
    + table([["Pays", "Accords"], ["Serbie", "2019"], ["Hongrie", "2021"]])
    + para(
        "Interpol reçoit une délégation",
        note_ref("endnote", 7),
        " à Lyon",
        note_ref("footnote", 2),
        ".",
    )
    + "<w:p><w:del><w:r><w:delText>texte supprimé</w:delText></w:r></w:del>"
    + "<w:ins><w:r><w:t>Texte inséré en révision.</w:t></w:r></w:ins></w:p>"
)
NOTES = {1: "Voir le rapport de Safeguard Defenders, 2022.", 2: "Communiqué du 11 octobre 2013."}


def _read(data: bytes) -> FormatText:
    return read_docx(data, PATH)


def _zone_texts(result: FormatText, zone: str) -> list[str]:
    return [result.text[a:b] for a, b, z in result.zones if z == zone]


def test_body_in_order_then_notes_numbered_in_call_order() -> None:
    result = _read(
        docx(
            BODY,
            footnotes=NOTES,
            endnotes={7: "Note de fin sur Lyon."},
            core_xml=core(None, None, None),
        )
    )
    paragraphs = result.text.split("\n\n")
    assert paragraphs == [
        "Coopération policière chinoise",
        "Le ministère de la Sécurité publique signe des accords1.",
        "Pays | Accords",
        "Serbie | 2019",
        "Hongrie | 2021",
        "Interpol reçoit une délégation2 à Lyon3.",
        "Texte inséré en révision.",
        "1. Voir le rapport de Safeguard Defenders, 2022.",
        "2. Note de fin sur Lyon.",
        "3. Communiqué du 11 octobre 2013.",
    ]
    assert "supprimé" not in result.text and "Sommaire" not in result.text
    assert result.format == "docx"
    assert _zone_texts(result, "heading") == ["Coopération policière chinoise"]
    assert _zone_texts(result, "table") == ["Pays | Accords\n\nSerbie | 2019\n\nHongrie | 2021"]
    assert _zone_texts(result, "footnote") == paragraphs[-3:]


def test_the_cleaner_detaches_the_calls_and_zones_the_notes() -> None:
    result = _read(docx(BODY, footnotes=NOTES, endnotes={7: "Note de fin sur Lyon."}))
    clean = clean_text(result.text)
    assert clean.footnote_numbers == frozenset({1, 2, 3})
    assert "signe des accords." in clean.text and "délégation à Lyon." in clean.text
    passages = split_passages(clean, result.text)
    assert [p.zone for p in passages if p.text.startswith(("1. ", "2. ", "3. "))] == [
        "footnote"
    ] * 3


def test_title_author_and_date_come_from_the_core_properties() -> None:
    props = core("La coopération policière chinoise", "Marie Dupont", "2023-05-12T09:30:00Z")
    result = _read(docx(BODY, footnotes=NOTES, core_xml=props))
    assert (result.title, result.author, result.date) == (
        "La coopération policière chinoise",
        "Marie Dupont",
        "2023-05-12",
    )


BIG = '<w:r><w:rPr><w:sz w:val="48"/></w:rPr><w:t>{}</w:t></w:r>'
COVER_HEADING = para("Préambule", style="Titre1") + para("Lorsque une ligne est précédée de « $ ».")


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            para(BIG.format("Regards Citoyens"))
            + para()
            + para(BIG.format("Formation Data Scraping"), BIG.format(" et Dataviz"))
            + para("Brice Person")
            + para(BIG.format("Ouagadougou"))
            + COVER_HEADING,
            "Regards Citoyens – Formation Data Scraping et Dataviz",
        ),
        (
            para("Rapport annuel", style="Title")
            + para("Coopération policière", style="Subtitle")
            + COVER_HEADING,
            "Rapport annuel – Coopération policière",
        ),
        (para("Note") + para(BIG.format("Grand")) + COVER_HEADING, "Préambule"),
    ],
    ids=["large-type", "title-subtitle", "after-body-text"],
)
def test_the_title_page_comes_before_the_first_heading(body: str, title: str) -> None:
    assert _read(docx(body)).title == title
    declared = core("La coopération policière chinoise", None, None)
    assert _read(docx(body, core_xml=declared)).title == "La coopération policière chinoise"


@pytest.mark.parametrize("junk", [None, "", "Microsoft Word - note_irsem_v3.docx", "Document1"])
def test_without_a_real_declared_title_the_first_heading_is_the_title(junk: str | None) -> None:
    result = _read(docx(BODY, footnotes=NOTES, core_xml=core(junk, None, "not a date")))
    assert result.title == "Coopération policière chinoise"
    assert result.date is None


def test_a_document_without_text_is_unreadable() -> None:
    with pytest.raises(Unreadable, match="no text in this DOCX file"):
        _read(docx(para("   ") + table([["", ""]])))


def _corrupt_cases() -> dict[str, tuple[bytes, str]]:
    good = docx(BODY, footnotes=NOTES)
    flipped = bytearray(good)
    start = good.find(b"word/document.xml") + 40
    for i in range(start, start + 60):
        flipped[i] ^= 0xFF
    no_document = io.BytesIO()
    with zipfile.ZipFile(no_document, "w") as z:
        z.writestr("hello.txt", "bonjour")
    return {
        "text": (b"Ceci n'est pas un document Word.", "not a zip package"),
        "truncated": (good[: len(good) // 2], "corrupt or truncated DOCX"),
        "damaged": (bytes(flipped), "corrupt or truncated DOCX"),
        "ole": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected Word"),
        "not word": (no_document.getvalue(), "not a Word document"),
    }


@pytest.mark.parametrize("case", sorted(_corrupt_cases()))
def test_broken_files_are_unreadable_with_the_reason(case: str) -> None:
    data, reason = _corrupt_cases()[case]
    with pytest.raises(Unreadable, match=reason):
        _read(data)


def test_an_encrypted_zip_entry_is_refused() -> None:
    data = bytearray(docx(BODY))
    for signature, flag in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + flag] |= 0x1  # the "encrypted" bit zipfile cannot write itself
            at = data.find(signature, at + 1)
    with pytest.raises(Unreadable, match="encrypted DOCX"):
        _read(bytes(data))


def test_a_part_over_the_cap_is_refused_as_a_zip_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "PART_MAX", 1024 * 1024)
    padding = "<w:p/>" * (2 * 1024 * 1024 // 6)
    data = docx(para("Texte.") + padding)
    assert len(data) < 64 * 1024  # small on disk, 2 MB once decompressed
    with pytest.raises(Unreadable, match=r"word/document.xml is over 1 MB .*zip bomb"):
        _read(data)


def test_entities_and_doctypes_are_refused() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    data = docx("", extra={"word/document.xml": laughs.encode()})
    with pytest.raises(Unreadable, match="declares a DTD or entities"):
        _read(data)


def test_malformed_xml_is_unreadable() -> None:
    data = docx("", extra={"word/document.xml": b"<w:document><w:body><w:p>"})
    with pytest.raises(Unreadable, match="not well-formed XML"):
        _read(data)


def test_a_call_after_a_space_or_in_a_heading_is_glued_to_the_word() -> None:
    body = para("Rapport de Safeguard Defenders ", note_ref("footnote", 1), " publié en 2022.")
    body += para("Annexe\u00a0", note_ref("footnote", 2), style="Titre1")
    result = _read(docx(body, footnotes=NOTES))
    assert result.text.split("\n\n")[:2] == [
        "Rapport de Safeguard Defenders1 publié en 2022.",
        "Annexe2",
    ]
    assert "\x00" not in result.text


def test_a_document_nested_too_deeply_is_unreadable() -> None:
    deep = "<w:hyperlink>" * 5000 + run("profond") + "</w:hyperlink>" * 5000
    with pytest.raises(Unreadable, match="nested too deeply"):
        _read(docx(para("Début.") + f"<w:p>{deep}</w:p>"))


def test_list_items_keep_their_own_paragraphs_through_the_cleaner() -> None:
    item = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>'
    body = para("La Chine a signé des accords avec :")
    body += "".join(f"<w:p>{item}{run(text)}</w:p>" for text in ("la Serbie,", "la Hongrie,"))
    body += f"<w:p>{item}{run('le Pakistan.')}</w:p>"
    result = _read(docx(body))
    assert result.text.split("\n\n")[1:] == ["• la Serbie,", "• la Hongrie,", "• le Pakistan."]
    assert clean_text(result.text).text.split("\n")[1:] == result.text.split("\n\n")[1:]


def test_parts_adding_up_over_the_package_cap_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "PACKAGE_MAX", 1024 * 1024)
    filler = b"<x>" + b" " * (600 * 1024) + b"</x>"
    data = docx(
        BODY, footnotes=NOTES, extra={"word/styles.xml": filler, "word/footnotes.xml": filler}
    )
    with pytest.raises(Unreadable, match=r"DOCX file is over 1 MB once decompressed"):
        _read(data)
