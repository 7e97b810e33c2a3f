"""The lines of a PDF page as PDFium's text-object boxes draw them: the boxes read through
plain addresses (``FPDFText_GetRect``, one box per object on a line, in the order of the
text), grouped into visual lines, each cut into segments at its wide gaps. ``pdf_layout``
finds tables and two columns in them."""

from __future__ import annotations

import ctypes
from typing import Any, NamedTuple

import pypdfium2.raw as pdfium_c

Box = tuple[float, float, float, float]
"""left, bottom, right, top in points."""

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


def address(pointer: Any) -> int:
    """The address a ctypes pointer (or function) holds."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


_GET_RECT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, *(ctypes.c_void_p,) * 4)(
    address(pdfium_c.FPDFText_GetRect)
)
CHAR_ORIGIN = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.c_void_p, ctypes.c_int, *(ctypes.c_void_p,) * 2
)(address(pdfium_c.FPDFText_GetCharOrigin))
FONT_SIZE = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_void_p, ctypes.c_int)(
    address(pdfium_c.FPDFText_GetFontSize)
)
"""``FPDFText_GetRect``, ``FPDFText_GetCharOrigin`` and ``FPDFText_GetFontSize`` taking plain
addresses: no conversion of their arguments per call (a call per box, per cell and per
character looked at is most of a table page's cost)."""


def page_boxes(raw: object, count: int) -> list[Box]:
    """The boxes of the first ``count`` text objects of a text page (``raw``), in text order."""
    values = (ctypes.c_double * (4 * count))()
    page = address(raw)
    start = ctypes.addressof(values)
    for index in range(count):
        at = start + 32 * index
        _GET_RECT(page, index, at, at + 24, at + 16, at + 8)
    flat = values[:]
    return list(zip(flat[0::4], flat[1::4], flat[2::4], flat[3::4], strict=True))


def visual_lines(boxes: list[Box]) -> list[VisualLine]:
    """The page's lines of boxes, each cut at its wide gaps (wider than ``_GAP`` times the
    median height of the line's boxes). A box whose middle is outside the line's height, or
    that starts left of the box before it, starts a new line."""
    lines: list[VisualLine] = []
    group: list[Box] = []
    low = high = previous = 0.0
    for box in boxes:
        if group and low <= (box[1] + box[3]) / 2 <= high and box[0] >= previous - 1:
            group.append(box)
            if box[1] < low:
                low = box[1]
            if box[3] > high:
                high = box[3]
        else:
            if group:
                lines.append(_cut(group, low, high))
            group = [box]
            low, high = box[1], box[3]
        previous = box[0]
    if group:
        lines.append(_cut(group, low, high))
    return lines


def _cut(group: list[Box], low: float, high: float) -> VisualLine:
    """One line of boxes (spanning ``low`` to ``high``) cut at its wide gaps."""
    left, bottom, right, top = group[0]
    if len(group) == 1:
        return VisualLine(
            (Segment(left, right, 0.0),), max(top - bottom, 1.0), right - left, low, high
        )
    heights = sorted([box[3] - box[1] for box in group])
    height = max(heights[len(heights) // 2], 1.0)
    gap = _GAP * height
    segments: list[Segment] = []
    ink, before = right - left, 0.0
    for box_left, _, box_right, _ in group[1:]:
        if box_left - right > gap and right - left > gap:  # not after a bullet alone
            segments.append(Segment(left, right, before))
            before, left = ink, box_left
        ink += box_right - box_left
        if box_right > right:
            right = box_right
    segments.append(Segment(left, right, before))
    return VisualLine(tuple(segments), height, ink, low, high)
