"""The contract every format reader keeps: bytes in, ``FormatText`` out, or ``Unreadable``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filature.models import Zone


@dataclass(frozen=True)
class FormatText:
    """What a reader gets out of one file, before cleaning.

    ``text`` holds the document's text, pages separated by a form feed for paged formats;
    ``page_starts`` gives the offset in ``text`` where each page starts (page 1 at 0, empty
    for formats without pages); ``zones`` are spans of ``text`` the format itself marks
    (footnotes, tables); ``date`` is ISO 8601 (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as the
    file declares it; ``attachments`` are (file name, bytes) pairs read as documents of their
    own and linked to this one; ``encoding`` is the character set the file declares, for
    formats that have one (HTML).
    """

    text: str
    format: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    page_starts: tuple[int, ...] = ()
    zones: tuple[tuple[int, int, Zone], ...] = ()
    attachments: tuple[tuple[str, bytes], ...] = ()
    warnings: tuple[str, ...] = ()
    encoding: str | None = None


class Unreadable(Exception):
    """Raised by a reader with the one-line reason the file is skipped (``str(error)``)."""


Reader = Callable[[bytes, Path], FormatText]
"""A format reader: the file's bytes and its path; returns the text or raises Unreadable."""
