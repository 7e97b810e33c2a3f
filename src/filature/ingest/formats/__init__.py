"""Readers for formats other than plain text: each turns one file's bytes into a ``FormatText``.

``READERS`` maps a file suffix to the module and function of its reader; a reader module is
imported only when a file of its format is read (the PDF and HTML libraries are not loaded for
a folder of text files).
"""

from __future__ import annotations

import importlib
from typing import cast

from filature.ingest.formats.base import Reader

TEXT_SUFFIXES = frozenset({".txt", ".md"})

READERS: dict[str, tuple[str, str]] = {
    ".pdf": ("filature.ingest.formats.pdf", "read_pdf"),
    ".html": ("filature.ingest.formats.html", "read_html"),
    ".htm": ("filature.ingest.formats.html", "read_html"),
    ".xhtml": ("filature.ingest.formats.html", "read_html"),
    ".docx": ("filature.ingest.formats.docx", "read_docx"),
    ".odt": ("filature.ingest.formats.odt", "read_odt"),
    ".eml": ("filature.ingest.formats.eml", "read_eml"),
}
"""Suffix (lower case, with its dot) -> (module, function) of the reader."""


def format_suffixes() -> frozenset[str]:
    """Every suffix filature reads: plain text and the formats with a reader."""
    return TEXT_SUFFIXES | frozenset(READERS)


def reader_for(suffix: str) -> Reader | None:
    """The reader of files ending in ``suffix`` (any case), or None for plain text."""
    target = READERS.get(suffix.lower())
    if target is None:
        return None
    module = importlib.import_module(target[0])
    return cast(Reader, getattr(module, target[1]))
