"""PDF files with a text layer, read page by page with pypdfium2 (PDFium, Apache/BSD licence).

Pages are joined with a form feed and ``page_starts`` keeps where each one starts; the
cleaner removes running headers, footers and page numbers per page and joins words cut by a
hyphen across lines and pages. Lines set in a smaller type at the bottom of a page, the
first of them starting with a number, are marked as the footnote zone.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from filature.ingest.formats.base import FormatText, Unreadable
from filature.ingest.formats.pdf_layout import CHAR_ORIGIN, FONT_SIZE, address, page_layout
from filature.ingest.formats.pdf_ocr import (
    LANGUAGE,
    ocr_hint,
    ocr_missing,
    ocr_page,
    ocr_requested,
    scan_reason,
)
from filature.ingest.formats.pdf_rewrite import in_column_order, with_tables
from filature.models import Zone

_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_HYPHEN_MARKS = ("\x02", "\ufffe")
"""PDFium reports a hyphen that ends a line as U+0002 (or U+FFFE)."""
_HYPHEN_JOIN = re.compile(r"-(?=\S)")
_FOOTNOTE_START = re.compile(r"^\s*(?:\d{1,3}|[*†‡])\s*\S")
_SMALLER = 0.85
_SAMPLE = 100
_GAP = 1.4
_LEADING = 1.3
_LINE_END = re.compile(r"\r\n|\n")
_LARGER = 1.25
"""A line whose type is this much larger than most of its page's lines (a heading, a title
page's title) is a paragraph of its own."""
_FOOTNOTE_LINE = re.compile(r"^\s*(?:\d{1,3}|[*†‡])\s*\S", re.MULTILINE)


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


class _Chars:
    """Type size and baseline of a page's characters, asked of PDFium only when needed.

    ``index`` counts characters of the page's text as it is being rewritten: the line breaks
    put back (``inserted``, positions in the new text) are skipped, and ``origin``, when the
    lines were put in another order (two columns), gives the index PDFium knows each
    character by.
    """

    def __init__(self, textpage: pdfium.PdfTextPage, origin: list[int] | None = None) -> None:
        self.raw = address(textpage.raw)
        self.inserted: list[int] = []
        self.origin = origin
        self._xy = (ctypes.c_double * 2)()
        self._x = ctypes.addressof(self._xy)

    def _original(self, index: int) -> int:
        index -= bisect.bisect_right(self.inserted, index - 1)
        return self.origin[index] if self.origin is not None else index

    def size(self, index: int) -> float:
        return float(FONT_SIZE(self.raw, self._original(index)))

    def baseline(self, index: int) -> float:
        CHAR_ORIGIN(self.raw, self._original(index), self._x, self._x + 8)
        return self._xy[1]

    def current(self, index: int) -> int:
        """Where the character PDFium knows as ``index`` is in the rewritten text (pages whose
        lines kept their order)."""
        for position in self.inserted:
            if position > index:
                break
            index += 1
        return index


def _hyphen_joins(text: str, chars: _Chars) -> list[int]:
    """PDFium glues the line after a line-end hyphen to it, even when it is far below (a
    footnote after the last line of a page): where the line break must be put back, that is
    where the baseline moves by more than the type size."""
    return [
        i
        for i in (match.end() for match in _HYPHEN_JOIN.finditer(text))
        if abs(chars.baseline(i) - chars.baseline(i - 1)) > max(chars.size(i), 1.0)
    ]


def _first_letter(text: str, start: int) -> int:
    """The first character of the line at ``start`` that is not a space or a tab (a line
    indented by spaces has its baseline there; skipping the line would double the step)."""
    while start < len(text) and text[start] in " \t":
        start += 1
    return start


def _line_starts(text: str) -> list[int]:
    """The first letter of each line that has one."""
    starts = [_first_letter(text, i) for i in (0, *(m.end() for m in _LINE_END.finditer(text)))]
    return [i for i in starts if i < len(text) and not text[i].isspace()]


def _paragraph_gaps(text: str, chars: _Chars, starts: list[int]) -> list[int]:
    """Starts of lines set further below the previous line than ``_GAP`` times the page's line
    spacing (its smallest recurring one) and ``_LEADING`` times their type size: a paragraph
    break that the text layer does not show, made a blank line."""
    if len(starts) < 3:
        return []
    baselines = [chars.baseline(i) for i in starts]
    steps = [above - below for above, below in itertools.pairwise(baselines)]
    usual = Counter(round(step) for step in steps if step >= 1)
    recurring = [step for step, count in usual.items() if count >= 2]
    if not usual:
        return []
    spacing = min(recurring) if recurring else usual.most_common(1)[0][0]
    return [
        start
        for start, step in zip(starts[1:], steps, strict=True)
        if step > _GAP * spacing and step > _LEADING * chars.size(start)
    ]


def _large_type(text: str, chars: _Chars, starts: list[int]) -> list[int]:
    """Starts of the lines around a line in larger type than most of the page's (the size of
    its second character, so that a drop cap does not count)."""
    end = len(text) - 1
    sized = [(start, chars.size(min(start + 1, end))) for start in starts]
    if len(sized) < 2:
        return []
    usual = sorted(size for _, size in sized)[len(sized) // 2]
    large = [size >= _LARGER * usual for _, size in sized]
    return [
        start
        for (start, _), now, before in zip(sized[1:], large[1:], large[:-1], strict=True)
        if now != before
    ]


def _with_breaks(text: str, chars: _Chars) -> str:
    """The page's text with the line breaks PDFium leaves out put back (``chars`` learns
    where they are, to keep asking for the right characters)."""
    starts = _line_starts(text)
    cuts = sorted(
        set(_hyphen_joins(text, chars))
        | set(_paragraph_gaps(text, chars, starts))
        | set(_large_type(text, chars, starts))
    )
    if not cuts:
        return text
    pieces: list[str] = []
    done = 0
    for number, cut in enumerate(cuts):
        pieces += (text[done:cut], "\n")
        chars.inserted.append(cut + number)
        done = cut
    pieces.append(text[done:])
    return "".join(pieces)


def _body_size(text: str, chars: _Chars) -> float | None:
    """The most common type size of the page's letters (a sample of about ``_SAMPLE``)."""
    step = max(1, len(text) // _SAMPLE)
    sizes = Counter(round(chars.size(i), 1) for i in range(0, len(text), step) if text[i].isalpha())
    return sizes.most_common(1)[0][0] if sizes else None


def _footnote_start(text: str, chars: _Chars) -> int | None:
    """Where the page's footnotes start: a run of final lines in a smaller type than the
    page's body, the first of them starting with a note number; None if there is none."""
    if not _FOOTNOTE_LINE.search(text):
        return None
    body = _body_size(text, chars)
    if body is None:
        return None
    lines: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    found: int | None = None
    for start, end in reversed(lines):
        sized = [round(chars.size(i), 1) for i in range(start, end) if text[i].isalnum()]
        if not sized:
            continue
        if Counter(sized).most_common(1)[0][0] >= body * _SMALLER:
            break
        if _FOOTNOTE_START.match(text[start:end]):
            found = start
    return found


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
    chars = _Chars(textpage, origin)
    text = _with_breaks(text, chars)
    footnotes = _footnote_start(text.replace("\r", " "), chars)
    if layout is None or not layout.tables or origin is not None:
        return _PageText(text, footnotes)
    rows = [[chars.current(i) for i in row] for table in layout.tables for row in table]
    ends = list(itertools.accumulate(len(table) for table in layout.tables))
    text, tables, footnotes = with_tables(text, rows, [end - 1 for end in ends], footnotes)
    return _PageText(text, footnotes, tuple(tables))


def _page_text(page: pdfium.PdfPage) -> _PageText:
    """The page's text, its footnotes and tables, and whether it has images."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range()
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
