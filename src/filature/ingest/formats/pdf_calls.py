"""The PDFium calls a page's layout and type are read with, a call per text object's box, per
character's origin or type size (hundreds a page), made in bulk and as cheaply as ctypes
allows: ``map`` over the calls (no Python loop), each declared without argument types and
given arguments ready-made (the page and each result pointer adapted once by
``c_void_p.from_param``, an index a plain int, passed as a C ``int``), so that ctypes converts
nothing per call. The calls keep the GIL (they take well under a microsecond: releasing and
taking it back again would cost about a tenth of that)."""

from __future__ import annotations

import ctypes
import struct
import threading
from collections import deque
from collections.abc import Sequence
from itertools import repeat
from typing import Any

import pypdfium2.raw as pdfium_c

Box = tuple[float, ...]
"""left, bottom, right, top in points."""
Argument = Any
"""An argument adapted by ``c_void_p.from_param``, passed to a call as it is."""

_BOX = struct.Struct("4d")
_KEPT = 8192
"""Result slots kept, at most (a slot is a double and an adapted pointer to it)."""


def _address(pointer: Any) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


_GET_RECT = ctypes.PYFUNCTYPE(ctypes.c_int)(_address(pdfium_c.FPDFText_GetRect))
_CHAR_ORIGIN = ctypes.PYFUNCTYPE(ctypes.c_int)(_address(pdfium_c.FPDFText_GetCharOrigin))
_FONT_SIZE = ctypes.PYFUNCTYPE(ctypes.c_double)(_address(pdfium_c.FPDFText_GetFontSize))


def handle(textpage: Any) -> Argument:
    """A text page (a ctypes ``FPDF_TEXTPAGE``) as the calls below take it."""
    return ctypes.c_void_p.from_param(_address(textpage))


class _Slots(threading.local):
    """Doubles the calls write their results in, with a pointer to each, adapted once (per
    thread) and reused."""

    def __init__(self) -> None:
        self.values = (ctypes.c_double * 0)()
        self.pointers: list[Argument] = []

    def take(self, count: int) -> tuple[ctypes.Array[ctypes.c_double], list[Argument]]:
        """At least ``count`` doubles and their pointers."""
        if count <= len(self.pointers):
            return self.values, self.pointers
        values = (ctypes.c_double * max(count, min(2 * len(self.pointers), _KEPT), 1024))()
        start = ctypes.addressof(values)
        pointers = list(map(ctypes.c_void_p.from_param, range(start, start + 8 * len(values), 8)))
        if len(values) <= _KEPT:
            self.values, self.pointers = values, pointers
        return values, pointers


_SLOTS = _Slots()


def _make(
    call: Any, page: Argument, values: ctypes.Array[ctypes.c_double], *arguments: Sequence[Any]
) -> None:
    """Makes the calls ``call(page, *arguments)`` (one per element of the sequences), which
    write their results in ``values``; if one fails (PDFium then writes nothing), all again
    into zeroed values, so that its results read 0.0."""
    count = len(arguments[0])
    if not all(map(call, repeat(page, count), *arguments)):
        ctypes.memset(values, 0, 8 * len(values))
        deque(map(call, repeat(page, count), *arguments), 0)


def char_origins(page: Argument, indices: Sequence[int]) -> list[float]:
    """x and y of the origin of each character of ``indices`` (all valid) of a text page
    (``handle``), one after the other."""
    count = len(indices)
    values, pointers = _SLOTS.take(2 * count)
    _make(
        _CHAR_ORIGIN,
        page,
        values,
        indices,
        pointers[0 : 2 * count : 2],
        pointers[1 : 2 * count : 2],
    )
    return values[: 2 * count]


def char_origin(page: Argument, index: int) -> tuple[float, float]:
    """x and y of the origin of character ``index`` (valid) of a text page (``handle``)."""
    values, pointers = _SLOTS.take(2)
    _make(_CHAR_ORIGIN, page, values, (index,), pointers[0:1], pointers[1:2])
    return values[0], values[1]


def font_sizes(page: Argument, indices: Sequence[int]) -> list[float]:
    """The type size of each character of ``indices`` of a text page (``handle``)."""
    return list(map(_FONT_SIZE, repeat(page, len(indices)), indices))


def page_boxes(textpage: Any, count: int) -> list[Box]:
    """The boxes of the first ``count`` text objects of a text page, in text order."""
    values, pointers = _SLOTS.take(4 * count)
    lefts, bottoms, rights, tops = (pointers[at : 4 * count : 4] for at in range(4))
    _make(_GET_RECT, handle(textpage), values, range(count), lefts, tops, rights, bottoms)
    return list(_BOX.iter_unpack(memoryview(values).cast("B")[: 32 * count]))
