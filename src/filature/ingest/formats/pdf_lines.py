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
    that starts left of the box before it, starts a new line."""
    lines: list[VisualLine] = []
    group: list[Box] = []
    low = high = previous = 0.0
    for box in boxes:
        left, bottom, _, top = box
        if group and low <= (bottom + top) / 2 <= high and left >= previous - 1:
            group.append(box)
            if bottom < low:
                low = bottom
            if top > high:
                high = top
        else:
            if group:
                lines.append(_cut(group, low, high))
            group = [box]
            low, high = bottom, top
        previous = left
    if group:
        lines.append(_cut(group, low, high))
    return lines


_tuple = tuple.__new__
"""Builds a named tuple from its fields without the call to its ``__new__`` in Python."""


def _cut(group: list[Box], low: float, high: float) -> VisualLine:
    """One line of boxes (spanning ``low`` to ``high``) cut at its wide gaps."""
    left, bottom, right, top = group[0]
    if len(group) == 1:
        segment = _tuple(Segment, (left, right, 0.0))
        return _tuple(VisualLine, ((segment,), max(top - bottom, 1.0), right - left, low, high))
    heights = sorted([top - bottom for _, bottom, _, top in group])
    height = max(heights[len(heights) // 2], 1.0)
    gap = _GAP * height
    segments: list[Segment] = []
    ink, before = right - left, 0.0
    boxes = iter(group)
    next(boxes)
    for box_left, _, box_right, _ in boxes:
        if box_left - right > gap and right - left > gap:  # not after a bullet alone
            segments.append(_tuple(Segment, (left, right, before)))
            before, left = ink, box_left
        ink += box_right - box_left
        if box_right > right:
            right = box_right
    segments.append(_tuple(Segment, (left, right, before)))
    return _tuple(VisualLine, (tuple(segments), height, ink, low, high))
