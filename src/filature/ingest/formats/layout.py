"""The text of a word-processor document laid out as the cleaner expects it.

Paragraphs are separated by a blank line and list items start with a bullet; a table is one
paragraph per row, its cells joined by `` | ``; a footnote call is the note's number glued to
the word before it (``texte3``) and the notes follow the body, one paragraph each, as
``3. Texte de la note``: the cleaner finds such definitions at the start of a paragraph and
then detaches the calls. Headings, tables and notes are also marked as zones of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path

from filature.ingest.formats.base import FormatText, Reader, Unreadable
from filature.models import Zone

CELL_SEPARATOR = " | "
BULLET = "• "
_SEPARATOR = "\n\n"
_CALL = re.compile(r"\s*\x00(\d+)\x00")
"""A note call as the readers mark it: NUL cannot occur in XML text, so no text looks like it."""


def one_line(text: str) -> str:
    """Whitespace collapsed to single spaces, note calls glued to the word before them."""
    return _CALL.sub(r"\1", " ".join(text.split())).strip()


@dataclass
class Notes:
    """Footnotes and endnotes in the order they are called, numbered 1, 2, 3... across both
    kinds so that the calls in the body are in sequence."""

    texts: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    def call(self, text: str, kind: str = "footnote") -> str:
        """Record a note's text; return the mark of its call, which ``Layout`` turns into the
        note's number glued to the word before it."""
        self.texts.append(one_line(text))
        self.kinds.append(kind)
        return f"\x00{len(self.texts)}\x00"


@dataclass
class Layout:
    """The text being written, block by block, and the zones it marks."""

    parts: list[str] = field(default_factory=list)
    zones: list[tuple[int, int, Zone]] = field(default_factory=list)
    size: int = 0
    first_heading: str | None = None

    def _put(self, text: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append(_SEPARATOR)
            self.size += len(_SEPARATOR)
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start, self.size

    def paragraph(self, text: str, *, item: bool = False) -> None:
        """A body paragraph (nothing is written if it holds no text); a list ``item`` starts
        with a bullet, so that the cleaner never joins it to the next one."""
        text = one_line(text)
        if text:
            self._put(f"{BULLET}{text}" if item else text)

    def heading(self, text: str) -> None:
        """A heading, marked as a heading zone; the first one is remembered as a title."""
        text = one_line(text)
        if not text:
            return
        start, end = self._put(text)
        self.zones.append((start, end, "heading"))
        if self.first_heading is None:
            self.first_heading = text

    def table(self, rows: list[list[str]]) -> None:
        """A table, one paragraph per non-empty row, marked as one table zone."""
        lines = [CELL_SEPARATOR.join(one_line(c) for c in row if one_line(c)) for row in rows]
        lines = [line for line in lines if line]
        if not lines:
            return
        start = self._put(lines[0])[0]
        end = start + len(lines[0])
        for line in lines[1:]:
            end = self._put(line)[1]
        self.zones.append((start, end, "table"))

    def notes(self, notes: Notes) -> None:
        """The notes after the body, each a footnote zone starting with its number."""
        for number, text in enumerate(notes.texts, start=1):
            start, end = self._put(f"{number}. {text}" if text else f"{number}.")
            self.zones.append((start, end, "footnote"))

    def result(
        self,
        kind: str,
        *,
        title: str | None,
        author: str | None,
        date: str | None,
        warnings: tuple[str, ...] = (),
    ) -> FormatText:
        """The ``FormatText``; a document without any text is ``Unreadable``."""
        text = "".join(self.parts)
        if not text.strip():
            raise Unreadable(f"no text in this {kind} file")
        return FormatText(
            text=text,
            format=kind.lower(),
            title=title or self.first_heading,
            author=author,
            date=date,
            zones=tuple(self.zones),
            warnings=warnings,
        )


def guarded(kind: str) -> Callable[[Reader], Reader]:
    """A reader that reports a document nested too deeply to walk as ``Unreadable``."""

    def decorate(reader: Reader) -> Reader:
        @wraps(reader)
        def read(data: bytes, path: Path) -> FormatText:
            try:
                return reader(data, path)
            except RecursionError:
                raise Unreadable(f"{kind} file nested too deeply to be read") from None

        return read

    return decorate
