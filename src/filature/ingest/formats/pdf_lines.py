"""The lines of a PDF page as PDFium's text-object boxes draw them: the boxes
(``pdf_calls.page_boxes``: one box per object on a line, in the order of the text) grouped
into visual lines, each cut into segments at its wide gaps. ``pdf_layout`` finds tables and
two columns in them."""

from __future__ import annotations

from typing import NamedTuple

from filature.ingest.formats.pdf_calls import Box

_GAP = 1.5
"""A gap wider than this many times the line's type height cuts the line into cells."""


class Segment(NamedTuple):
    """A run of boxes on one line without a wide gap: a table cell, or a column's line;
    ``before`` is the width of the line's boxes left of it."""

    left: float
    right: float
    before: float


class VisualLine(NamedTuple):
    """The segments of one line of the page, left to right, its type height, the width of all
    its boxes, and its vertical extent."""

    segments: tuple[Segment, ...]
    height: float
    ink: float
    low: float
    high: float

    @property
    def left(self) -> float:
        return self.segments[0].left

    @property
    def right(self) -> float:
        return self.segments[-1].right


def visual_lines(boxes: list[Box]) -> list[VisualLine]:
    """The page's lines of boxes, each cut at its wide gaps (wider than ``_GAP`` times the
    median height of the line's boxes). A box whose middle is outside the line's height, or
    that starts left of the box before it, starts a new line. One pass: where a line may be
    cut (after a gap wider than ``_GAP``, the least its threshold can be) is noted as its boxes
    are read, and the line cut once all its heights are known."""
    if not boxes:
        return []
    lines: list[VisualLine] = []
    rest = iter(boxes)
    first, low, reach, high = next(rest)
    previous, heights, ink = first, [high - low], reach - first
    gaps: list[tuple[float, float, float]] = []
    for left, bottom, right, top in rest:
        if low <= (bottom + top) / 2 <= high and left >= previous - 1:
            if bottom < low:
                low = bottom
            if top > high:
                high = top
            heights.append(top - bottom)
            if left - reach > _GAP:
                gaps.append((left, reach, ink))
            ink += right - left
            if right > reach:
                reach = right
        else:
            lines.append(_cut(first, reach, ink, heights, gaps, (low, high)))
            first, low, reach, high = left, bottom, right, top
            heights, ink, gaps = [top - bottom], right - left, []
        previous = left
    lines.append(_cut(first, reach, ink, heights, gaps, (low, high)))
    return lines


_tuple = tuple.__new__
"""Builds a named tuple from its fields without the call to its ``__new__`` in Python."""


def _cut(
    left: float,
    reach: float,
    ink: float,
    heights: list[float],
    gaps: list[tuple[float, float, float]],
    extent: tuple[float, float],
) -> VisualLine:
    """A line of boxes from ``left`` to ``reach``, ``ink`` wide in all, its boxes ``heights``
    high, spanning ``extent`` (low, high), cut at those of its ``gaps`` (each the left of the
    box after it, the reach and the width of the boxes before) wider than ``_GAP`` times its
    median height."""
    low, high = extent
    if len(heights) == 1:
        segment = _tuple(Segment, (left, reach, 0.0))
        return _tuple(VisualLine, ((segment,), max(heights[0], 1.0), ink, low, high))
    heights.sort()
    height = max(heights[len(heights) // 2], 1.0)
    gap = _GAP * height
    segments: list[Segment] = []
    before = 0.0
    for box_left, right, done in gaps:
        if box_left - right > gap and right - left > gap:  # not after a bullet alone
            segments.append(_tuple(Segment, (left, right, before)))
            before, left = done, box_left
    segments.append(_tuple(Segment, (left, reach, before)))
    return _tuple(VisualLine, (tuple(segments), height, ink, low, high))
