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
import itertools
import operator
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from filature.ingest.formats.pdf_calls import char_origin, char_origins, handle, page_boxes
from filature.ingest.formats.pdf_lines import VisualLine, visual_lines

_LONE_GAP = 4.0
"""A single line cut this widely is a table row of its own (a one-row table)."""
_COLUMN_WIDTH = 0.25
"""Each half of a line of a two-column page is at least this share of the page width."""
_MIN_COLUMN_LINES = 3
_LINE_TEXT = re.compile(r"\S(?:[^\n]*\S)?")
"""A line's text without the spaces around it."""
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
        self.lines = [match.span() for match in _LINE_TEXT.finditer(text)]
        """Where each line with text starts and ends, without its surrounding spaces."""
        self._page = handle(raw)
        self._words: list[int] | None = None
        self._placed: list[tuple[float, float, int]] | None = None
        """Where each line of text starts (baseline, x, line number), lowest first."""
        self._heights: list[float] = []

    def _fits(self, index: int, line: VisualLine, left: float) -> int:
        """0 if PDFium places character ``index`` at ``left`` on ``line``, else the side to
        look at (-1: earlier, 1: later), 2 if it is on another line."""
        x, y = char_origin(self._page, index)
        height = line.height
        if y < line.low - height or y > line.high + height:
            return 2
        if x < left - height:
            return 1
        return -1 if x > left + height else 0

    def _text_line(self, line: VisualLine) -> int:
        """The line of text whose first character sits at the start of ``line`` (when the
        page has more or fewer lines of boxes than lines of text), or -1."""
        if self._placed is None:
            xy = char_origins(self._page, [a for a, _ in self.lines])
            self._placed = sorted(zip(xy[1::2], xy[0::2], range(len(self.lines)), strict=True))
            self._heights = [y for y, _, _ in self._placed]
        low = bisect.bisect_left(self._heights, line.low - 1)
        high = bisect.bisect_right(self._heights, line.high + 1)
        left, height = line.segments[0].left, line.height
        found = [i for _, x, i in self._placed[low:high] if abs(x - left) <= height]
        return min(found, default=-1)

    def _word_starts(self) -> list[int]:
        """Where the page's words start, after a space."""
        if self._words is None:
            pieces = self.text.split(" ")
            ends = itertools.accumulate(map(operator.add, map(len, pieces), itertools.repeat(1)))
            self._words = list(itertools.compress(ends, pieces[1:]))
        return self._words

    def rows(self, lines: list[VisualLine], numbers: Iterable[int]) -> list[tuple[int, ...]]:
        """For each of the lines of boxes ``numbers`` (of ``lines``), the text indices where
        its segments start (-1 where not found): for each segment after the first, the word
        start of its line of text nearest to where the segment's share of the line's width
        falls, checked (the first guesses asked of PDFium at once), and looked for among the
        next words (six at most) when PDFium places it before or after the segment."""
        same = len(lines) == len(self.lines)
        rows: list[list[int]] = []
        asks: list[tuple[list[int], int, list[int], int, int, int, VisualLine, float]] = []
        indices: list[int] = []
        words = self._word_starts()
        nearest = bisect.bisect_left
        for number in numbers:
            line = lines[number]
            segments = line.segments
            found = number if same else self._text_line(line)
            a, b = self.lines[found] if found >= 0 else (0, 0)
            first = last = 0  # the line's word starts: words[first:last]
            if found >= 0 and len(segments) > 1:
                first, last = nearest(words, a), nearest(words, b)
            if found < 0 or (len(segments) > 1 and first == last):
                rows.append([-1] * len(segments))
                continue
            row = [a if same else -1]
            if not same:
                asks.append((row, 0, [a], 0, 0, 1, line, segments[0].left))
                indices.append(a)
            ink = max(line.ink, 1.0)
            for segment in segments[1:]:
                guess = a + (b - a) * segment.before / ink
                position = nearest(words, guess, first, last)
                if position == last or (
                    position > first and guess - words[position - 1] < words[position] - guess
                ):
                    position -= 1
                asks.append((row, len(row), words, position, first, last, line, segment.left))
                indices.append(words[position])
                row.append(-1)
            rows.append(row)
        xy = char_origins(self._page, indices)
        for (row, slot, starts, position, first, last, line, left), x, y in zip(
            asks, xy[0::2], xy[1::2], strict=True
        ):
            height = line.height
            if y < line.low - height or y > line.high + height:
                continue
            if x < left - height:
                side = 1
            elif x > left + height:
                side = -1
            else:
                row[slot] = starts[position]
                continue
            for _ in range(_TRIES - 1):
                position += side
                if not first <= position < last:
                    break
                side = self._fits(starts[position], line, left)
                if side == 0:
                    row[slot] = starts[position]
                    break
                if side == 2:
                    break
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
    return found if _increasing(indices) else None


def _rows(
    locate: _Locator, lines: list[VisualLine], start: int, end: int
) -> tuple[tuple[int, ...], ...] | None:
    rows = tuple(locate.rows(lines, range(start, end)))
    return rows if _increasing(list(itertools.chain.from_iterable(rows))) else None


def _increasing(indices: list[int]) -> bool:
    """Whether text indices were all found (none is -1), each after the one before."""
    return indices[0] >= 0 and all(map(operator.lt, indices, indices[1:]))


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
