"""The one definition of how filature cites a passage: ``title, p. 12`` (``pp. 12–13``) for
paged documents, ``title, path, lines 3–5`` for text files, and ``label, p. 12`` or
``label, lines 3–5`` for a document the analyst gave a short citation label
(``documents.toml``): the label names the document, so the footnote stays short.

Copies (``c``), dossiers, exports, ``filature show`` and ``filature find``, and the explorer's
excerpt headers and document view, all name documents and build their citations here. The
caller passes text already made safe (no control characters).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

P = ParamSpec("P")

EN_DASH = "\N{EN DASH}"


def lines_label(line_start: int, line_end: int) -> str:
    """``line 3`` or ``lines 3–5``."""
    if line_start == line_end:
        return f"line {line_start}"
    return f"lines {line_start}{EN_DASH}{line_end}"


def pages_label(page_start: int, page_end: int | None = None) -> str:
    """``p. 12`` or ``pp. 12–13``."""
    end = page_start if page_end is None else page_end
    if end == page_start:
        return f"p. {page_start}"
    return f"pp. {page_start}{EN_DASH}{end}"


def place(
    line_start: int, line_end: int, page_start: int | None = None, page_end: int | None = None
) -> str:
    """Where a passage is: its pages in a paged document, else its lines."""
    if page_start is not None:
        return pages_label(page_start, page_end)
    return lines_label(line_start, line_end)


def document_name(title: str, label: str | None = None) -> str:
    """How filature names a document wherever it shows one: its citation label when the
    analyst gave it one (``documents.toml``), else its title."""
    return label or title


def reference_parts(
    title: str,
    path: str,
    line_start: int,
    line_end: int,
    page_start: int | None = None,
    page_end: int | None = None,
    *,
    label: str | None = None,
) -> tuple[str, str]:
    """``reference`` in its two parts, the document's name and where the passage is in it
    (``p. 12``, ``lines 3–5``, or ``path, lines 3–5`` for an unlabelled text file), for a
    display that sets them apart; joined by ``", "`` they are the citation."""
    where = place(line_start, line_end, page_start, page_end)
    if not label and page_start is None:
        where = f"{path}, {where}"
    return document_name(title, label), where


def join(parts: tuple[str, str]) -> str:
    """The citation made of its two parts (``reference_parts``)."""
    return ", ".join(parts)


def _joined(parts: Callable[P, tuple[str, str]]) -> Callable[P, str]:
    """A citation function from its parts function: the two parts joined (``join``)."""

    def joined(*args: P.args, **kwargs: P.kwargs) -> str:
        return join(parts(*args, **kwargs))

    return joined


reference = _joined(reference_parts)
"""The citation of a passage: ``label, p. 12`` or ``label, lines 3–5`` when the document
has a citation label; else ``title, p. 12`` for a paged document (the title and the page
find it), ``title, path, lines 3–5`` for a text file."""
