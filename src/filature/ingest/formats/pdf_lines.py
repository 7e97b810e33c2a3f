"""The lines of a PDF page as PDFium's text-object boxes draw them: the boxes read through
plain addresses (``FPDFText_GetRect``, one box per object on a line, in the order of the
text), grouped into visual lines, each cut into segments at its wide gaps. ``pdf_layout``
finds tables and two columns in them."""

from __future__ import annotations

import ctypes
import threading
from collections import deque
from collections.abc import Sequence
from itertools import repeat
from typing import Any, NamedTuple

import pypdfium2.raw as pdfium_c

Box = tuple[float, ...]
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


def handle(pointer: Any) -> ctypes.c_void_p:
    """A ctypes pointer (a text page) as the calls below take it."""
    return ctypes.cast(pointer, ctypes.c_void_p)


_GET_RECT = ctypes.PYFUNCTYPE(ctypes.c_int)(address(pdfium_c.FPDFText_GetRect))
_CHAR_ORIGIN = ctypes.PYFUNCTYPE(ctypes.c_int)(address(pdfium_c.FPDFText_GetCharOrigin))
_FONT_SIZE = ctypes.PYFUNCTYPE(ctypes.c_double)(address(pdfium_c.FPDFText_GetFontSize))
"""``FPDFText_GetRect``, ``FPDFText_GetCharOrigin`` and ``FPDFText_GetFontSize`` declared
without argument types, so that ctypes converts no argument through its type per call (a
call per box, per cell and per character looked at is most of a table page's cost): the page
is a ``c_void_p``, an index a plain int (a C ``int``), each result pointer one made once
(``_Slots``). They keep the GIL (these calls take well under a microsecond: releasing and
taking it back again cost about a tenth of that)."""


_KEPT = 8192
"""Result slots kept, at most (a pointer object is about 150 bytes)."""


class _Slots(threading.local):
    """Doubles the calls write their results in, with a pointer to each, made once (per
    thread) and reused: making a pointer costs about what converting it in a call does."""

    def __init__(self) -> None:
        self.values = (ctypes.c_double * 0)()
        self.pointers: list[ctypes.c_void_p] = []

    def take(self, count: int) -> tuple[ctypes.Array[ctypes.c_double], list[ctypes.c_void_p]]:
        """At least ``count`` doubles, the first ``count`` zeroed, and their pointers."""
        if count <= len(self.pointers):
            ctypes.memset(self.values, 0, 8 * count)
            return self.values, self.pointers
        values = (ctypes.c_double * max(count, min(2 * len(self.pointers), _KEPT), 1024))()
        start = ctypes.addressof(values)
        pointers = list(map(ctypes.c_void_p, range(start, start + 8 * len(values), 8)))
        if len(values) <= _KEPT:
            self.values, self.pointers = values, pointers
        return values, pointers


_SLOTS = _Slots()


def char_origins(page: ctypes.c_void_p, indices: Sequence[int]) -> list[float]:
    """x and y of the origin of each character of ``indices`` (all valid) of a text page,
    one after the other: the calls made by ``map``, without a Python loop."""
    count = len(indices)
    values, pointers = _SLOTS.take(2 * count)
    xs, ys = pointers[0 : 2 * count : 2], pointers[1 : 2 * count : 2]
    deque(map(_CHAR_ORIGIN, repeat(page, count), indices, xs, ys), 0)
    return values[: 2 * count]


def font_sizes(page: ctypes.c_void_p, indices: Sequence[int]) -> list[float]:
    """The type size of each character of ``indices`` of a text page."""
    return list(map(_FONT_SIZE, repeat(page, len(indices)), indices))


def page_boxes(raw: object, count: int) -> list[Box]:
    """The boxes of the first ``count`` text objects of a text page (``raw``), in text order."""
    values, pointers = _SLOTS.take(4 * count)
    lefts, bottoms, rights, tops = (pointers[at : 4 * count : 4] for at in range(4))
    deque(map(_GET_RECT, repeat(handle(raw)), range(count), lefts, tops, rights, bottoms), 0)
    flat = iter(values[: 4 * count])
    return list(zip(flat, flat, flat, flat, strict=True))


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
    heights = sorted([box[3] - box[1] for box in group])
    height = max(heights[len(heights) // 2], 1.0)
    gap = _GAP * height
    segments: list[Segment] = []
    ink, before = right - left, 0.0
    for box in group[1:]:
        box_left, box_right = box[0], box[2]
        if box_left - right > gap and right - left > gap:  # not after a bullet alone
            segments.append(_tuple(Segment, (left, right, before)))
            before, left = ink, box_left
        ink += box_right - box_left
        if box_right > right:
            right = box_right
    segments.append(_tuple(Segment, (left, right, before)))
    return _tuple(VisualLine, (tuple(segments), height, ink, low, high))
