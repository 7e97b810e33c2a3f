"""PDF files with a text layer, read page by page with pypdfium2 (PDFium, Apache/BSD licence).

Pages are joined with a form feed and ``page_starts`` keeps where each one starts; the
cleaner removes running headers, footers and page numbers per page and joins words cut by a
hyphen across lines and pages. Lines set in a smaller type at the bottom of a page, the
first of them starting with a number, are marked as the footnote zone.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from filature.ingest.formats.base import FormatText, Unreadable
from filature.ingest.formats.pdf_layout import page_layout
from filature.ingest.formats.pdf_ocr import (
    LANGUAGE,
    ocr_hint,
    ocr_missing,
    ocr_page,
    ocr_requested,
    scan_reason,
)
from filature.ingest.formats.pdf_rewrite import in_column_order, with_tables
from filature.ingest.formats.pdf_type import Chars, footnote_start, with_breaks
from filature.models import Zone

_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_HYPHEN_MARKS = ("\x02", "\ufffe")
"""PDFium reports a hyphen that ends a line as U+0002 (or U+FFFE)."""


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise Unreadable("encrypted: password required") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise Unreadable("encrypted: unsupported security handler") from None
        if not data.lstrip()[:5].startswith(b"%PDF"):
            raise Unreadable("not a PDF file (no %PDF header)") from None
        raise Unreadable("damaged or truncated PDF: cannot be opened") from None


def pdf_date(value: str | None) -> str | None:
    """An ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) from a PDF date ``D:20160729…``."""
    match = _PDF_DATE.match(value or "")
    if match is None:
        return None
    return "-".join(part for part in match.groups() if part)


@dataclass(frozen=True)
class _PageText:
    """A page's text, where its footnotes start, its tables' spans, whether it has images."""

    text: str
    footnotes: int | None = None
    tables: tuple[tuple[int, int], ...] = ()
    images: bool = False


def _laid_out(textpage: pdfium.PdfTextPage, text: str, width: float) -> _PageText:
    """A text page read in column order, with its line breaks, footnotes and tables."""
    layout = page_layout(textpage.raw, text, width)
    origin = None
    if layout is not None and layout.columns:
        reordered = in_column_order(text, layout.columns)
        if reordered is not None:
            text, origin = reordered
    chars = Chars(textpage, origin)
    text = with_breaks(text, chars)
    footnotes = footnote_start(text.replace("\r", " "), chars)
    if layout is None or not layout.tables or origin is not None:
        return _PageText(text, footnotes)
    rows = chars.current(itertools.chain.from_iterable(layout.tables))
    ends = list(itertools.accumulate(len(table) for table in layout.tables))
    text, tables, footnotes = with_tables(text, rows, [end - 1 for end in ends], footnotes)
    return _PageText(text, footnotes, tuple(tables))


def _page_text(page: pdfium.PdfPage) -> _PageText:
    """The page's text, its footnotes and tables, and whether it has images."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count)
        if "\x02" in text or "\ufffe" in text:
            text = text.replace(_HYPHEN_MARKS[0], "-").replace(_HYPHEN_MARKS[1], "-")
        if text.strip() and len(text) == count:
            return _laid_out(textpage, text, page.get_width())
    finally:
        textpage.close()
    images = False
    if not text.strip():
        images = any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)))
    return _PageText(text, images=images)


def _metadata(pdf: pdfium.PdfDocument) -> dict[str, str]:
    try:
        return {key: str(value) for key, value in pdf.get_metadata_dict().items() if value}
    except pdfium.PdfiumError:
        return {}


def _listed(pages: list[int]) -> str:
    return ", ".join(map(str, pages[:10])) + (" …" if len(pages) > 10 else "")


def read_pdf(data: bytes, path: Path) -> FormatText:
    """The text of a PDF, page by page; ``Unreadable`` for scans, encrypted or damaged files."""
    pdf = _open(data)
    try:
        pieces: list[str] = []
        starts: list[int] = []
        zones: list[tuple[int, int, Zone]] = []
        blank_pages: list[int] = []
        scanned_pages: list[int] = []
        read_by_ocr: list[int] = []
        ocr = ocr_requested() and ocr_missing() is None
        offset = 0
        for number in range(len(pdf)):
            page = pdf[number]
            try:
                got = _page_text(page)
                if ocr and got.images and not got.text.strip():
                    got = _PageText(ocr_page(page), images=True)
                    read_by_ocr.append(number + 1)
            finally:
                page.close()
            text = got.text
            if not text.strip():
                (scanned_pages if got.images else blank_pages).append(number + 1)
            starts.append(offset)
            if got.footnotes is not None:
                zones.append((offset + got.footnotes, offset + len(text), "footnote"))
            zones.extend((offset + a, offset + b, "table") for a, b in got.tables)
            pieces.append(text)
            offset += len(text) + 1
        metadata = _metadata(pdf)
    except pdfium.PdfiumError as error:
        raise Unreadable(f"damaged PDF: {error}") from None
    finally:
        pdf.close()
    if not starts:
        raise Unreadable("damaged PDF: no pages")
    if len(scanned_pages) == len(starts):
        raise Unreadable(scan_reason())
    if len(scanned_pages) + len(blank_pages) == len(starts):
        raise Unreadable("no text layer: every page is blank")
    warnings: list[str] = []
    if scanned_pages:
        warnings.append(
            f"scanned pages without a text layer left out: {_listed(scanned_pages)} ({ocr_hint()})"
        )
    if read_by_ocr:
        warnings.append(f"pages read by OCR (Tesseract, {LANGUAGE}): {_listed(read_by_ocr)}")
    return FormatText(
        text="\f".join(pieces),
        format="pdf",
        title=metadata.get("Title"),
        author=metadata.get("Author"),
        date=pdf_date(metadata.get("CreationDate")),
        page_starts=tuple(starts),
        zones=tuple(zones),
        warnings=tuple(warnings),
    )
