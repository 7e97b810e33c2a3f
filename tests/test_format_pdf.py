"""PDF files: generated ones (running header, footnotes, a hyphen across a page break, a
scan, an encrypted and a truncated file) and the real PDFs of the shared corpora."""

from __future__ import annotations

import io
import sqlite3
import time
from pathlib import Path

import pytest

from filature import cite
from filature.ingest.corpus import read_one
from filature.ingest.formats.base import FormatText, Unreadable
from filature.ingest.formats.budget import run_reader
from filature.models import Document, FileReport
from filature.store.writer import write_database
from nonseed_gold import corpora_dir
from pdfmaker import Page, make_pdf, text_page

_CORPORA = corpora_dir()
CORPUS = (_CORPORA or Path("shared/corpora (absent; set $FILATURE_CORPORA)")) / "pdf"
HEADER = "Note de recherche n° 12 – Coopération policière"
TITLE = "La coopération policière franco-chinoise"


def report_pdf() -> bytes:
    first = text_page(
        [
            "La coopération policière entre la France et la Chine a commencé en 1997,",
            "quand le ministère de l'Intérieur a signé un accord avec le ministère de la",
            "Sécurité publique chinois1. Cet accord prévoit des formations et la coopé-",
        ],
        header=HEADER,
        number=1,
        notes=["1 Voir le rapport de l'IRSEM, 2022, p. 4."],
    )
    second = text_page(
        [
            "ration des services de renseignement dans la lutte contre le terrorisme.",
            "Interpol a publié deux communiqués sur ces opérations.",
        ],
        header=HEADER,
        number=2,
    )
    return make_pdf([first, second], title=TITLE, author="IRSEM", date="20220915")


def _read(tmp_path: Path, name: str, data: bytes) -> tuple[Document | None, FileReport]:
    path = tmp_path / name
    path.write_bytes(data)
    return read_one(path, tmp_path, 50 * 1024 * 1024)


def test_pages_header_hyphen_and_footnote(tmp_path: Path) -> None:
    document, report = _read(tmp_path, "note.pdf", report_pdf())
    assert document is not None, report
    assert report.status == "ok"
    assert (document.format, document.pages, document.title) == ("pdf", 2, TITLE)
    assert (document.author, document.date) == ("IRSEM", "2022-09-15")
    assert HEADER not in document.text
    texts = {p.text: p for p in document.passages}
    joined = next(p for p in document.passages if "coopération des services" in p.text)
    assert (joined.page_start, joined.page_end) == (1, 2)
    assert "chinois." in joined.text and "chinois1" not in joined.text
    note = next(p for p in document.passages if p.text.startswith("1 Voir"))
    assert (note.zone, note.page_start, note.page_end) == ("footnote", 1, 1)
    last = texts["Interpol a publié deux communiqués sur ces opérations."]
    assert (last.page_start, last.page_end) == (2, 2)
    assert not any(p.text in ("1", "2") for p in document.passages)


def test_citation_strings() -> None:
    assert cite.reference(TITLE, "note.pdf", 4, 7, 1, 2) == f"{TITLE}, pp. 1\N{EN DASH}2"
    assert cite.reference(TITLE, "note.pdf", 4, 4, 12, 12) == f"{TITLE}, p. 12"
    assert cite.reference("T", "a.txt", 4, 5) == "T, a.txt, lines 4\N{EN DASH}5"
    assert cite.reference("T", "a.txt", 4, 4) == "T, a.txt, line 4"


def test_pages_reach_the_database(tmp_path: Path) -> None:
    document, _ = _read(tmp_path, "note.pdf", report_pdf())
    assert document is not None
    from filature.models import Extraction

    db = tmp_path / "f.db"
    write_database(db, [document], Extraction(), [], {})
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT format, title, author, date, pages FROM documents").fetchone()
    assert row == ("pdf", TITLE, "IRSEM", "2022-09-15", 2)
    pages = conn.execute(
        "SELECT page_start, page_end FROM passages WHERE text LIKE 'Interpol%'"
    ).fetchone()
    assert pages == (2, 2)
    conn.close()


def test_scan_without_text_layer_is_skipped(tmp_path: Path) -> None:
    document, report = _read(tmp_path, "scan.pdf", make_pdf([Page(image=True)] * 2))
    assert document is None
    assert report.status == "skipped"
    assert report.reason.startswith("scanned: no text layer (")


def test_truncated_and_corrupt_pdfs_are_skipped(tmp_path: Path) -> None:
    data = report_pdf()
    document, report = _read(tmp_path, "cut.pdf", data[: len(data) // 3])
    assert document is None and report.status == "skipped"
    assert "PDF" in report.reason and "\n" not in report.reason
    document, report = _read(tmp_path, "fake.pdf", b"<html>not a pdf</html>" * 10)
    assert document is None and report.reason == "not a PDF file (no %PDF header)"


def test_encrypted_pdf_is_skipped(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf", reason="pypdf (dev extra) encrypts the test PDF")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(report_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    document, report = _read(tmp_path, "locked.pdf", out.getvalue())
    assert document is None
    assert (report.status, report.reason) == ("skipped", "encrypted: password required")


def _sleeper(data: bytes, path: Path) -> FormatText:
    time.sleep(60)
    return FormatText("never", "test")


def _hog(data: bytes, path: Path) -> FormatText:
    hoard = [bytearray(64 * 1024 * 1024) for _ in range(64)]
    return FormatText(str(len(hoard)), "test")


def _crash(data: bytes, path: Path) -> FormatText:
    import faulthandler
    import os
    import signal

    faulthandler.disable()
    os.kill(os.getpid(), signal.SIGSEGV)
    return FormatText("never", "test")


def test_a_reader_that_hangs_is_stopped() -> None:
    with pytest.raises(Unreadable, match=r"took too long: stopped after 0\.5 s"):
        run_reader(_sleeper, b"", Path("x"), seconds=0.5)


def test_a_reader_over_the_memory_budget_is_stopped() -> None:
    with pytest.raises(Unreadable, match="memory"):
        run_reader(_hog, b"", Path("x"), memory=256 * 1024 * 1024)


def test_a_reader_that_crashes_is_reported() -> None:
    with pytest.raises(Unreadable, match="crashed \\(SIGSEGV\\)"):
        run_reader(_crash, b"", Path("x"))


def test_reader_errors_become_one_line_reasons() -> None:
    def broken(data: bytes, path: Path) -> FormatText:
        raise ValueError("bad xref\nsecond line")

    with pytest.raises(Unreadable) as caught:
        run_reader(broken, b"", Path("x"))
    assert str(caught.value) == "could not be read: ValueError: bad xref"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent (shared corpora)")
@pytest.mark.parametrize(
    ("name", "pages", "words"),
    [
        ("jorf_2016-07-30_decret_2016-1036_redevances_reutilisation.pdf", 3, "redevances"),
        ("jorf_2014-12-11_senat_rattachement_partis_2015.pdf", 10, "rattachement"),
        ("an_2014-12_deputes_rattachement_partis_2015.pdf", 18, "Union pour un mouvement"),
        ("regardscitoyens_formation_burkina_2015_tp3_scraping_juricaf.pdf", 17, "Juricaf"),
    ],
)
def test_real_pdfs(name: str, pages: int, words: str) -> None:
    document, report = read_one(CORPUS / name, CORPUS, 50 * 1024 * 1024)
    assert document is not None, report
    assert document.pages == pages
    assert words in document.text
    seen = [p.page_start for p in document.passages]
    assert seen == sorted(seen) or any(p.zone == "footnote" for p in document.passages)
    assert {p.page_start for p in document.passages} >= {1, pages}
    assert "\f" not in document.text
    if name.startswith("jorf_2016"):
        assert document.title.startswith("Journal officiel de la République française")
        assert document.date == "2016-07-29"
        assert "JOURNAL OFFICIEL DE LA RÉPUBLIQUE FRANÇAISE" not in document.text


def test_document_view_shows_pages_and_page_breaks() -> None:
    from filature.query import DocumentPassage, DocumentView
    from filature.tui.widgets.document_text import DocumentText

    passages = (
        DocumentPassage(1, 0, 1, 2, "body", "Premier.", (), 1, 1),
        DocumentPassage(2, 1, 3, 4, "body", "Suite.", (), 1, 2),
        DocumentPassage(3, 2, 5, 5, "footnote", "1 Note.", (), 3, 3),
        DocumentPassage(4, 3, 6, 6, "body", "Fin.", (), 3, 3),
    )
    view = DocumentText(DocumentView(1, TITLE, "note.pdf", passages))
    shown = [view._passage_content(i, None).plain for i in range(len(passages))]
    assert shown[0] == "p. 1 · lines 1\N{EN DASH}2\nPremier."
    assert shown[1] == "pp. 1\N{EN DASH}2 · lines 3\N{EN DASH}4\nSuite."
    assert shown[2] == "── page 3 ──\np. 3 · line 5 · footnote\n1 Note."
    assert shown[3] == "p. 3 · line 6\nFin."


def test_a_line_indented_by_spaces_is_no_paragraph_break() -> None:
    from filature.ingest.formats.pdf import read_pdf
    from pdfmaker import TextLine

    lines = [
        "Le comité se réunit chaque année à Genève depuis",
        "sa fondation, sous la présidence d'un des membres.",
        "Ses travaux sont publiés au printemps suivant.",
        " Pour la première fois en 2004, Jeanne",
        "Martin et Paul Durand ont présidé la séance",
        "et signé ensemble le rapport annuel du comité.",
    ]
    page = Page([TextLine(line, 700 - 14 * n, size=10) for n, line in enumerate(lines)])
    text = read_pdf(make_pdf([page]), Path("x.pdf")).text
    assert "Jeanne\r\nMartin" in text or "Jeanne\nMartin" in text
    assert "\n\nMartin" not in text and "\r\n\r\nMartin" not in text
