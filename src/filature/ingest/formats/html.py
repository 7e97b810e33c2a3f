"""Saved web pages: the main text only, read with trafilatura (Apache licence), with the
title, author and date the page declares.

The character set comes from the document itself (byte-order mark, then ``<meta charset>``
or ``http-equiv`` content type), else UTF-8, else Windows-1252. Navigation, menus, footers
and cookie banners are left out by trafilatura's extraction, once note calls, back-links and
edit links are taken out, figures replaced by their captions and the lines of a layout table
marked to stay apart (``htmlmarks.py``); the date is the one the page declares in its markup
(no guessing from the text, which is slow and often wrong).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import trafilatura

from filature.ingest.formats.base import FormatText, Unreadable
from filature.ingest.formats.htmlmarks import LINE_MARK, mark_layout_lines, settle_marks
from filature.ingest.formats.htmlmeta import page_metadata
from filature.ingest.formats.layout import BULLET

_SNIFF = 4096
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—·]\s+")
"""What joins a page's title to its site name; not a colon, which French titles hold
(« Traités et conventions : ratification du traité d'extradition avec la Chine »)."""
_HEADING_MAX = 200
"""A first line longer than this is a paragraph, not the page's heading: a part of the title
it happens to contain (the site's name) says nothing."""
_COPYRIGHT_MAX = 80
"""A line that starts with © and is no longer than this is the site's notice, not text."""
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
"""htmldate's search: the date the markup declares, the original one (not an update)."""
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def declared_charset(data: bytes) -> str | None:
    """The character set the page declares (a byte-order mark or a ``<meta>``), if Python
    knows it; ``iso-8859-1`` is read as Windows-1252, as browsers do."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    match = _META_CHARSET.search(data[:_SNIFF])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name


def decode_html(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """The page as text, the charset used, and a warning when the declared one did not fit."""
    declared = declared_charset(data)
    warnings: tuple[str, ...] = ()
    if declared is not None:
        try:
            return data.decode(declared), declared, ()
        except UnicodeDecodeError:
            warnings = (f"declared charset {declared} does not fit the bytes",)
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), "cp1252", (*warnings, "read as Windows-1252")


def page_title(title: str | None, site: str | None, first_line: str) -> str | None:
    """The page title without the site name it carries (``Site - Title``, ``Title | Site``):
    the site name trafilatura found, or the part of the title that the page's first line
    (its heading, when it is short enough to be one) repeats."""
    if not title:
        return None
    text = " ".join(title.split())
    parts = [part for part in _TITLE_SEPARATOR.split(text) if part]
    if site and len(parts) > 1 and site in parts:
        parts.remove(site)
        return " - ".join(parts)
    heading = " ".join(first_line.split()).casefold()
    if len(heading) > _HEADING_MAX:
        heading = ""
    repeated = [part for part in parts if len(part) >= 8 and part.casefold() in heading]
    if len(parts) > 1 and repeated:
        return max(repeated, key=len)
    return text or None


def _unwrap(line: str) -> str:
    """A table row of one cell (a page laid out with a table) as plain text; a list item
    with the bullet every reader gives list items (trafilatura writes ``- ``)."""
    if line.startswith("|"):
        inner = line.strip("| ")
        if " | " not in inner:
            return inner
    if line.startswith("- "):
        return BULLET + line[2:].lstrip()
    return line


def _paragraphs(body: str) -> list[str]:
    """The extracted text's lines, a layout table's marked lines apart, without the site's
    copyright line (« © Assemblée nationale »)."""
    found: list[str] = []
    for line in body.splitlines():
        row = _unwrap(line.strip()) if LINE_MARK in line else line
        for piece in row.split(LINE_MARK):
            text = " ".join(piece.split()) if LINE_MARK in row else piece.strip()
            if not text or (text.startswith("©") and len(text) <= _COPYRIGHT_MAX):
                continue
            found.append(_unwrap(text))
    return found


def read_html(data: bytes, path: Path) -> FormatText:
    """The main text of a saved web page, one paragraph per line, and its metadata."""
    text, charset, warnings = decode_html(data)
    if "<" not in text[: _SNIFF * 4]:
        raise Unreadable("not an HTML page (no markup)")
    tree = trafilatura.load_html(text)
    if tree is None:
        raise Unreadable("html: no main text found")
    settle_marks(tree)
    mark_layout_lines(tree)
    declared = tree.find(".//head/title")
    title = None if declared is None else " ".join(declared.text_content().split())
    metadata = page_metadata(tree, _DATE_PARAMS, with_title=not title)
    document = trafilatura.bare_extraction(
        tree,
        include_tables=True,
        include_comments=False,
        include_formatting=False,
        deduplicate=False,
    )
    found: dict[str, Any] = {}
    if document is not None:
        found = document if isinstance(document, dict) else document.as_dict()
    body = str(found.get("text") or "")
    if not body.strip():
        raise Unreadable("html: no main text found")
    paragraphs = "\n\n".join(_paragraphs(body))
    return FormatText(
        text=paragraphs + "\n",
        format="html",
        title=page_title(title or metadata.title, metadata.sitename, paragraphs.split("\n", 1)[0]),
        author=metadata.author or None,
        date=metadata.date or None,
        warnings=warnings,
        encoding=charset,
    )
