"""Tables and two-column pages, found in the boxes PDFium gives a page's text objects.

PDFium returns a table row as one line of text, its cells separated by a single space, and
the lines of two columns written side by side as one line each (left line, then right line).
The boxes of the page's text objects (``FPDFText_GetRect``, one box per object on a line, in
the order of the text) show where a line has wide gaps: a run of such lines is a table, or,
when each line is cut once into two wide halves, the two columns of the page.

Only pages with more text objects than lines are looked at, so that a page of plain running
text costs one call to PDFium.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from filature.ingest.formats.pdf_lines import (
    CHAR_ORIGIN,
    VisualLine,
    address,
    char_origins,
    page_boxes,
    visual_lines,
)

_LONE_GAP = 4.0
"""A single line cut this widely is a table row of its own (a one-row table)."""
_COLUMN_WIDTH = 0.25
"""Each half of a line of a two-column page is at least this share of the page width."""
_MIN_COLUMN_LINES = 3
_WORD_START = re.compile(r"(?<= )[^ ]")
_TRIES = 6
"""Word starts looked at, at most, for where a segment starts."""


@dataclass(frozen=True)
class PageLayout:
    """What the boxes show: ``tables`` are runs of rows, each row the text indices where its
    cells start; ``columns`` are the lines of a two-column block in PDFium's order, each the
    index where it starts and the index where its right half starts (None for a line held in
    one column: ``left`` says which)."""

    tables: tuple[tuple[tuple[int, ...], ...], ...] = ()
    columns: tuple[tuple[int, int | None, bool], ...] = ()


class _Locator:
    """Finds the text index where a segment of a line of boxes starts: the page's lines of
    text are its lines of boxes, in the same order; within a line, the word start nearest to
    where the segment's share of the line's width falls, checked against the position PDFium
    gives that character (one call or a few, never a search of the whole page)."""

    def __init__(self, raw: object, text: str) -> None:
        self.text = text
        self.lines: list[tuple[int, int]] = []
        start = 0
        for line in text.split("\n"):
            stripped = line.rstrip()
            begin = len(line) - len(line.lstrip())
            if stripped.strip():
                self.lines.append((start + begin, start + len(stripped)))
            start += len(line) + 1
        self._page = address(raw)
        self._xy = (ctypes.c_double * 2)()
        self._x = ctypes.addressof(self._xy)
        self._words: list[int] | None = None
        self._placed: list[tuple[float, float, int]] | None = None
        """Where each line of text starts (baseline, x, line number), lowest first."""
        self._heights: list[float] = []

    def _origin(self, index: int) -> tuple[float, float]:
        CHAR_ORIGIN(self._page, index, self._x, self._x + 8)
        xy = self._xy
        return xy[0], xy[1]

    @staticmethod
    def _side(x: float, y: float, line: VisualLine, left: float) -> int:
        """0 if a character placed at ``(x, y)`` starts at ``left`` on ``line``, else the side
        to look at (-1: earlier, 1: later), 2 if it is on another line."""
        height = line.height
        if y < line.low - height or y > line.high + height:
            return 2
        if x < left - height:
            return 1
        return -1 if x > left + height else 0

    def _fits(self, index: int, line: VisualLine, left: float) -> int:
        return self._side(*self._origin(index), line, left)

    def _text_line(self, number: int, line: VisualLine, count: int) -> int:
        """The line of text that is line ``number`` of ``count`` lines of boxes: the same
        one when both counts agree, else the one whose first character sits at its start."""
        if count == len(self.lines):
            return number
        if self._placed is None:
            origins = [self._origin(a) for a, _ in self.lines]
            self._placed = sorted((y, x, index) for index, (x, y) in enumerate(origins))
            self._heights = [y for y, _, _ in self._placed]
        low = bisect.bisect_left(self._heights, line.low - 1)
        high = bisect.bisect_right(self._heights, line.high + 1)
        left, height = line.left, line.height
        found = [i for _, x, i in self._placed[low:high] if abs(x - left) <= height]
        return min(found, default=-1)

    def _word_starts(self, found: int) -> list[int]:
        """Where the words of line ``found`` start, after its first."""
        if self._words is None:
            self._words = [m.start() for m in _WORD_START.finditer(self.text)]
        a, b = self.lines[found]
        words = self._words
        return words[bisect.bisect_left(words, a) : bisect.bisect_left(words, b)]

    def _checked(
        self, starts: list[int], position: int, line: VisualLine, left: float, side: int
    ) -> int:
        """The word start at or near ``position`` (``side``: where PDFium places it) that
        PDFium places at ``left`` on ``line``, looking earlier or later as its position says
        (six words at most), or -1."""
        for _ in range(_TRIES - 1):
            if side == 0:
                return starts[position]
            if side == 2:
                return -1
            position += side
            if not 0 <= position < len(starts):
                return -1
            side = self._fits(starts[position], line, left)
        return starts[position] if side == 0 else -1

    def _guesses(self, line: VisualLine, found: int, starts: list[int]) -> list[int]:
        """For each segment of ``line`` after the first, the position in ``starts`` of the
        word start nearest to where the segment's share of the line's width falls."""
        a, b = self.lines[found]
        ink = max(line.ink, 1.0)
        last = len(starts)
        positions = []
        for segment in line.segments[1:]:
            guess = a + (b - a) * segment.before / ink
            position = bisect.bisect_left(starts, guess)
            if position == last or (
                position > 0 and guess - starts[position - 1] < starts[position] - guess
            ):
                position -= 1
            positions.append(position)
        return positions

    def rows(self, lines: list[VisualLine], numbers: Iterable[int]) -> list[tuple[int, ...]]:
        """For each of the lines of boxes ``numbers`` (of ``lines``), the text indices where
        its segments start (-1 where not found): for each segment after the first, a word
        start of its line of text, checked (the first guesses asked of PDFium at once)."""
        count = len(lines)
        rows: list[list[int]] = []
        asks: list[tuple[list[int], int, list[int], int, VisualLine, float]] = []
        for number in numbers:
            line = lines[number]
            segments = line.segments
            found = self._text_line(number, line, count)
            starts = self._word_starts(found) if found >= 0 and len(segments) > 1 else []
            if found < 0 or (len(segments) > 1 and not starts):
                rows.append([-1] * len(segments))
                continue
            a = self.lines[found][0]
            first = a if count == len(self.lines) or self._fits(a, line, line.left) == 0 else -1
            row = [first]
            for segment, position in zip(
                segments[1:], self._guesses(line, found, starts), strict=True
            ):
                asks.append((row, len(row), starts, position, line, segment.left))
                row.append(-1)
            rows.append(row)
        xy = char_origins(self._page, [ask[2][ask[3]] for ask in asks])
        for number, (row, slot, starts, position, line, left) in enumerate(asks):
            side = self._side(xy[2 * number], xy[2 * number + 1], line, left)
            row[slot] = self._checked(starts, position, line, left, side)
        return [tuple(row) for row in rows]


def _two_columns(run: list[VisualLine], width: float) -> float | None:
    """The gutter (x where the right column starts) of a run of lines cut once into two
    wide halves, or None."""
    if len(run) < _MIN_COLUMN_LINES or any(len(line.segments) != 2 for line in run):
        return None
    lefts = statistics.median(line.segments[0].right - line.segments[0].left for line in run)
    rights = statistics.median(line.segments[1].right - line.segments[1].left for line in run)
    gutter = statistics.median(line.segments[1].left for line in run)
    aligned = all(abs(line.segments[1].left - gutter) < 2 * line.height for line in run)
    if aligned and min(lefts, rights) >= _COLUMN_WIDTH * width:
        return gutter
    return None


def _runs(lines: list[VisualLine]) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive lines cut into segments."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for position, line in enumerate([*lines, None]):
        cut = line is not None and len(line.segments) > 1
        if cut and start is None:
            start = position
        elif not cut and start is not None:
            runs.append((start, position))
            start = None
    return runs


def _column_lines(
    locate: _Locator, lines: list[VisualLine], start: int, end: int, gutter: float
) -> list[tuple[int, int | None, bool]] | None:
    found: list[tuple[int, int | None, bool]] = []
    for number in range(start, end):
        line = lines[number]
        first, second = locate.rows(lines, [number])[0]
        found.append((first, second, True))
    for number in range(end, len(lines)):
        line = lines[number]
        tolerance = 2 * line.height
        if line.right < gutter - tolerance or line.left > gutter - tolerance:
            first = locate.rows(lines, [number])[0][0]
            found.append((first, None, line.right < gutter - tolerance))
        else:
            break
    indices = [i for first, second, _ in found for i in (first, second) if i is not None]
    if min(indices) < 0 or indices != sorted(indices) or len(set(indices)) != len(indices):
        return None
    return found


def _rows(
    locate: _Locator, lines: list[VisualLine], start: int, end: int
) -> tuple[tuple[int, ...], ...] | None:
    rows = tuple(locate.rows(lines, range(start, end)))
    flat = [i for row in rows for i in row]
    if min(flat) < 0 or flat != sorted(flat) or len(set(flat)) != len(flat):
        return None
    return rows


def page_layout(raw: object, text: str, width: float) -> PageLayout | None:
    """The tables and two-column block of a text page (``raw``, a ``FPDF_TEXTPAGE`` whose text
    is ``text``), or None when it has neither."""
    count = int(pdfium_c.FPDFText_CountRects(raw, 0, -1))
    if count <= text.count("\n") + 1:
        return None
    visual = visual_lines(page_boxes(raw, count))
    runs = _runs(visual)
    if not runs:
        return None
    locate = _Locator(raw, text)
    tables: list[tuple[tuple[int, ...], ...]] = []
    for start, end in runs:
        run = visual[start:end]
        gutter = _two_columns(run, width)
        if gutter is not None and not tables:
            columns = _column_lines(locate, visual, start, end, gutter)
            if columns is not None:
                return PageLayout(columns=tuple(columns))
            continue
        if len(run) == 1:
            segments = run[0].segments
            gaps = [b.left - a.right for a, b in itertools.pairwise(segments)]
            if max(gaps) < _LONE_GAP * run[0].height:
                continue
        rows = _rows(locate, visual, start, end)
        if rows is not None:
            tables.append(rows)
    return PageLayout(tables=tuple(tables)) if tables else None
