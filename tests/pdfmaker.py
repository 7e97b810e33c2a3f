"""A tiny PDF writer for the tests: pages of Helvetica text lines placed where asked, an
optional image-only page, and the document information (title, author, date)."""

from __future__ import annotations

from dataclasses import dataclass, field

PAGE_WIDTH = 595
PAGE_HEIGHT = 842


@dataclass(frozen=True)
class TextLine:
    """One line of text at ``(x, y)`` points from the bottom left, in a type ``size``."""

    text: str
    y: float
    x: float = 72
    size: float = 11


@dataclass
class Page:
    """A page: text lines, or an image only (a scan): a tiny one, or ``scan``, grey pixels
    (width, height, one byte a pixel) over the whole page."""

    lines: list[TextLine] = field(default_factory=list)
    image: bool = False
    scan: tuple[int, int, bytes] | None = None


def _literal(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(page: Page) -> bytes:
    if page.scan is not None:
        return b"q %d 0 0 %d 0 0 cm /Im2 Do Q" % (PAGE_WIDTH, PAGE_HEIGHT)
    if page.image:
        return b"q 400 0 0 500 90 150 cm /Im1 Do Q"
    parts = [b"BT"]
    for line in page.lines:
        parts.append(b"/F1 %.1f Tf 1 0 0 1 %.1f %.1f Tm " % (line.size, line.x, line.y))
        parts.append(_literal(line.text) + b" Tj")
    parts.append(b"ET")
    return b"\n".join(parts)


def make_pdf(
    pages: list[Page],
    *,
    title: str | None = None,
    author: str | None = None,
    date: str | None = None,
) -> bytes:
    """A valid PDF 1.4 file of ``pages`` (``date`` as ``YYYYMMDD``)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    )
    kids: list[int] = []
    for page in pages:
        content = _content(page)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        scan = image
        if page.scan is not None:
            width, height, pixels = page.scan
            scan = add(
                b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
                b" /BitsPerComponent 8 /Length %d >>\nstream\n"
                % (width, height, len(pixels))
                + pixels
                + b"\nendstream"
            )
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R /Im2 %d 0 R >>"
                b" >> >>" % (pages_id, PAGE_WIDTH, PAGE_HEIGHT, stream, font, image, scan)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    info_fields = b""
    if title:
        info_fields += b" /Title " + _literal(title)
    if author:
        info_fields += b" /Author " + _literal(author)
    if date:
        info_fields += b" /CreationDate " + _literal(f"D:{date}000000")
    info = add(b"<<" + info_fields + b" >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    positions: list[int] = []
    for number, body in enumerate(objects, start=1):
        positions.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for position in positions:
        out += b"%010d 00000 n \n" % position
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        catalog,
        info,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def text_page(
    body: list[str],
    *,
    header: str | None = None,
    number: int | None = None,
    notes: list[str] = (),  # type: ignore[assignment]
) -> Page:
    """A page of body lines from the top, with a running header, a page number at the
    bottom and footnotes in a smaller type above it."""
    lines: list[TextLine] = []
    if header:
        lines.append(TextLine(header, 800, size=9))
    y = 760.0
    for text in body:
        lines.append(TextLine(text, y))
        y -= 14
    y = 120.0
    for note in notes:
        lines.append(TextLine(note, y, size=8))
        y -= 10
    if number is not None:
        lines.append(TextLine(str(number), 40, x=290, size=9))
    return Page(lines)


def table_page(before: str, rows: list[list[str]], after: str, *, column: float = 150) -> Page:
    """A sentence, a table of ``rows`` (each cell a text object of its own, ``column`` points
    apart), then another sentence."""
    lines = [TextLine(before, 760)]
    for number, row in enumerate(rows):
        y = 730 - 16 * number
        lines += [TextLine(cell, y, x=72 + column * k) for k, cell in enumerate(row)]
    lines.append(TextLine(after, 720 - 16 * len(rows)))
    return Page(lines)


def two_column_page(left: list[str], right: list[str], *, interleaved: bool = True) -> Page:
    """Two columns of lines, written line by line across both columns (``interleaved``, as
    many layout programs do) or column after column."""
    placed_left = [TextLine(text, 760 - 14 * n, x=56, size=10) for n, text in enumerate(left)]
    placed_right = [TextLine(text, 760 - 14 * n, x=310, size=10) for n, text in enumerate(right)]
    if not interleaved:
        return Page(placed_left + placed_right)
    lines: list[TextLine] = []
    for n in range(max(len(left), len(right))):
        lines += placed_left[n : n + 1] + placed_right[n : n + 1]
    return Page(lines)
