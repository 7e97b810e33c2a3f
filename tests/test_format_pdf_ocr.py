"""Scanned PDF pages: skipped with what OCR would do, or read with ``--ocr`` when Tesseract and
its French data are installed (the test that reads one skips, saying so, where they are not)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from filature.ingest.corpus import read_one
from filature.ingest.formats.pdf_ocr import OCR_ENV, ocr_missing
from filature.models import Document
from pdfmaker import Page, make_pdf, text_page

LINES = [
    "La coopération policière entre la France et la Chine",
    "a commencé en 1997 avec un accord du ministère.",
]


def scanned_pdf() -> bytes:
    """A PDF whose only page is a picture of a page of French text (a scan)."""
    pdf = pdfium.PdfDocument(make_pdf([text_page(LINES)]))
    page = pdf[0]
    bitmap = page.render(scale=200 / 72, force_bitmap_format=pdfium_c.FPDFBitmap_Gray)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    bitmap.close()
    page.close()
    pdf.close()
    pixels = b"".join(buffer[row * stride : row * stride + width] for row in range(height))
    return make_pdf([Page(scan=(width, height, pixels))])


def _read(tmp_path: Path, data: bytes) -> tuple[Document | None, str]:
    path = tmp_path / "scan.pdf"
    path.write_bytes(data)
    document, report = read_one(path, tmp_path, 50 * 1024 * 1024)
    return document, report.reason


def test_scan_is_skipped_saying_what_ocr_would_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(OCR_ENV, raising=False)
    document, reason = _read(tmp_path, scanned_pdf())
    assert document is None
    assert reason.startswith("scanned: no text layer (")
    assert "--ocr" in reason if ocr_missing() is None else "Tesseract" in reason


def test_mixed_pdf_warns_about_its_scanned_pages(tmp_path: Path) -> None:
    scan = pdfium.PdfDocument(scanned_pdf())
    text = pdfium.PdfDocument(make_pdf([text_page(["Une page de texte ordinaire."])]))
    text.import_pages(scan)
    out = tmp_path / "mixed.pdf"
    text.save(out)
    document, report = read_one(out, tmp_path, 50 * 1024 * 1024)
    assert document is not None and document.pages == 2
    assert report.status == "warning"
    assert report.reason.startswith("scanned pages without a text layer left out: 2 (")


@pytest.mark.skipif(ocr_missing() is not None, reason=f"OCR not tested: {ocr_missing()}")
def test_ocr_reads_a_scanned_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OCR_ENV, "1")
    document, reason = _read(tmp_path, scanned_pdf())
    assert document is not None, reason
    assert "coopération policière" in document.text
    assert "1997" in document.text
    assert {p.page_start for p in document.passages} == {1}
