"""OCR of scanned PDF pages with the ``tesseract`` command and its French data, on request.

``filature build --ocr`` sets ``FILATURE_OCR=1`` (the readers run in child processes, which
inherit it); a page without a text layer is then rendered by PDFium in grey at 300 dpi,
written as a PGM image (no imaging library needed) and read by ``tesseract … -l fra``. OCR is
never needed to install or run filature: without Tesseract, a scan is skipped, and the
summary says that OCR would have read it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pypdfium2 as pdfium

OCR_ENV = "FILATURE_OCR"
LANGUAGE = "fra"
_DPI = 300
_SECONDS = 60.0


def ocr_requested() -> bool:
    """Whether the build was asked to OCR scanned pages (``filature build --ocr``)."""
    return os.environ.get(OCR_ENV) == "1"


@cache
def ocr_missing() -> str | None:
    """Why OCR cannot run here (None when Tesseract and its French data are installed)."""
    if shutil.which("tesseract") is None:
        return "tesseract is not installed"
    try:
        listed = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError) as error:
        return f"tesseract does not run: {error}"
    if LANGUAGE not in listed.stdout.split():
        return f"tesseract has no French data ({LANGUAGE}; package tesseract-ocr-fra)"
    return None


def ocr_hint() -> str:
    """What OCR would do for scanned pages left out: how to ask for it, or what it lacks."""
    missing = ocr_missing()
    if missing is None:
        return "filature build --ocr would read them with Tesseract"
    if ocr_requested():
        return f"OCR not available: {missing}"
    return f"OCR would need Tesseract with French data: {missing}"


def scan_reason() -> str:
    """The reason a PDF made only of scanned pages is skipped, with what OCR would do."""
    return f"scanned: no text layer ({ocr_hint()})"


def _pgm(page: pdfium.PdfPage) -> bytes:
    import pypdfium2.raw as pdfium_c

    bitmap = page.render(scale=_DPI / 72, force_bitmap_format=pdfium_c.FPDFBitmap_Gray)
    try:
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        buffer = bytes(bitmap.buffer)
    finally:
        bitmap.close()
    rows = b"".join(buffer[row * stride : row * stride + width] for row in range(height))
    return b"P5\n%d %d\n255\n" % (width, height) + rows


def ocr_page(page: pdfium.PdfPage) -> str:
    """The text Tesseract reads on ``page`` (empty when it reads nothing or fails)."""
    with tempfile.TemporaryDirectory(prefix="filature-ocr-") as folder:
        image = Path(folder) / "page.pgm"
        image.write_bytes(_pgm(page))
        try:
            done = subprocess.run(
                ["tesseract", str(image), "stdout", "-l", LANGUAGE],
                capture_output=True,
                timeout=_SECONDS,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return ""
    if done.returncode != 0:
        return ""
    return done.stdout.decode("utf-8", errors="replace").replace("\f", "\n").strip()
