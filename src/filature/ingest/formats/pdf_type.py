"""A PDF page's type: the size and baseline of its characters, asked of PDFium, give the line
breaks its text lacks (paragraph gaps, headings in a larger type, lines PDFium glued after a
hyphen) and where its footnotes start (final lines in a smaller type, the first numbered)."""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import Counter
from collections.abc import Iterable

import pypdfium2 as pdfium

from filature.ingest.formats.pdf_calls import char_origins, font_sizes, handle

_HYPHEN_JOIN = re.compile(r"-(?=\S)")
_SMALLER = 0.85
_SAMPLE = 100
_GAP = 1.4
_LEADING = 1.3
_FIRST_LETTER = re.compile(r"[ \t]*(\S)")
_NEXT_LINE_LETTER = re.compile(r"\n[ \t]*(\S)")
"""A line's first letter after its spaces and tabs: the first line's, each next line's (found
from its newline, which the regex engine looks for quickly, unlike a line start)."""
_LARGER = 1.25
"""A line whose type is this much larger than most of its page's lines (a heading, a title
page's title) is a paragraph of its own."""
_FOOTNOTE_LINE = re.compile(r"\s*(?:\d{1,3}|[*†‡])\s*\S")
"""A line starting with a note number or mark (matched at a line's start)."""
_NOTE_AFTER_FIRST_LINE = re.compile(r"\n" + _FOOTNOTE_LINE.pattern)
"""Such a line after the first: searched for from its newline, which the regex engine looks
for quickly, unlike a line start."""


class Chars:
    """Type size and baseline of a page's characters, asked of PDFium only when needed.

    ``index`` counts characters of the page's text as it is being rewritten: the line breaks
    put back (``inserted``, positions in the new text) are skipped, and ``origin``, when the
    lines were put in another order (two columns), gives the index PDFium knows each
    character by. Characters are asked for in bulk (``sizes``, ``baselines``).
    """

    def __init__(self, textpage: pdfium.PdfTextPage, origin: list[int] | None = None) -> None:
        self.raw = handle(textpage.raw)
        self.inserted: list[int] = []
        self.origin = origin

    def _originals(self, indices: Iterable[int]) -> list[int]:
        inserted = self.inserted
        if inserted:
            indices = [index - bisect.bisect_right(inserted, index - 1) for index in indices]
        origin = self.origin
        return list(indices) if origin is None else [origin[index] for index in indices]

    def sizes(self, indices: Iterable[int]) -> list[float]:
        return font_sizes(self.raw, self._originals(indices))

    def baselines(self, indices: Iterable[int]) -> list[float]:
        return char_origins(self.raw, self._originals(indices))[1::2]

    def current(self, rows: Iterable[Iterable[int]]) -> list[list[int]]:
        """Where the characters PDFium knows as ``rows`` (lists of indices) are in the
        rewritten text (pages whose lines kept their order)."""
        if not self.inserted:
            return [list(indices) for indices in rows]
        cuts = [position - number for number, position in enumerate(self.inserted)]
        return [[index + bisect.bisect_right(cuts, index) for index in indices] for indices in rows]


def _hyphen_joins(text: str, chars: Chars) -> list[int]:
    """PDFium glues the line after a line-end hyphen to it, even when it is far below (a
    footnote after the last line of a page): where the line break must be put back, that is
    where the baseline moves by more than the type size."""
    ends = [match.end() for match in _HYPHEN_JOIN.finditer(text)]
    if not ends:
        return []
    baselines = chars.baselines([*ends, *(i - 1 for i in ends)])
    moved = [
        (i, abs(a - b))
        for i, a, b in zip(ends, baselines[: len(ends)], baselines[len(ends) :], strict=True)
        if abs(a - b) > 1.0  # a move of 1 or less never exceeds max(size, 1.0)
    ]
    sizes = chars.sizes([i for i, _ in moved])
    return [i for (i, move), size in zip(moved, sizes, strict=True) if move > max(size, 1.0)]


def _line_starts(text: str) -> list[int]:
    """The first letter of each line that has one, after the spaces and tabs it starts with (a
    line indented by spaces has its baseline there; skipping the line would double the step)."""
    first = _FIRST_LETTER.match(text)
    starts = [first.start(1)] if first else []
    return starts + [match.start(1) for match in _NEXT_LINE_LETTER.finditer(text)]


def _paragraph_gaps(text: str, chars: Chars, starts: list[int]) -> list[int]:
    """Starts of lines set further below the previous line than ``_GAP`` times the page's line
    spacing (its smallest recurring one) and ``_LEADING`` times their type size: a paragraph
    break that the text layer does not show, made a blank line."""
    if len(starts) < 3:
        return []
    baselines = chars.baselines(starts)
    steps = list(map(operator.sub, baselines, baselines[1:]))
    usual = Counter(map(round, filter((1.0).__le__, steps)))
    recurring = [step for step, count in usual.items() if count >= 2]
    if not usual:
        return []
    spacing = min(recurring) if recurring else usual.most_common(1)[0][0]
    limit = _GAP * spacing
    wide = [(start, step) for start, step in zip(starts[1:], steps, strict=True) if step > limit]
    sizes = chars.sizes([start for start, _ in wide])
    return [
        start for (start, step), size in zip(wide, sizes, strict=True) if step > _LEADING * size
    ]


def _large_type(text: str, chars: Chars, starts: list[int]) -> list[int]:
    """Starts of the lines around a line in larger type than most of the page's (the size of
    its second character, so that a drop cap does not count)."""
    end = len(text) - 1
    sizes = chars.sizes([min(start + 1, end) for start in starts])
    if len(sizes) < 2:
        return []
    limit = _LARGER * sorted(sizes)[len(sizes) // 2]
    large = [size >= limit for size in sizes]
    return [
        start
        for start, now, before in zip(starts[1:], large[1:], large[:-1], strict=True)
        if now != before
    ]


def with_breaks(text: str, chars: Chars) -> str:
    """The page's text with the line breaks PDFium leaves out put back (``chars`` learns
    where they are, to keep asking for the right characters)."""
    starts = _line_starts(text)
    cuts = sorted(
        set(_hyphen_joins(text, chars))
        | set(_paragraph_gaps(text, chars, starts))
        | set(_large_type(text, chars, starts))
    )
    if not cuts:
        return text
    pieces: list[str] = []
    done = 0
    for number, cut in enumerate(cuts):
        pieces += (text[done:cut], "\n")
        chars.inserted.append(cut + number)
        done = cut
    pieces.append(text[done:])
    return "".join(pieces)


def _body_size(text: str, chars: Chars) -> float | None:
    """The most common type size of the page's letters (a sample of about ``_SAMPLE``)."""
    step = max(1, len(text) // _SAMPLE)
    letters = list(itertools.compress(range(0, len(text), step), map(str.isalpha, text[::step])))
    return _usual_size(chars, letters) if letters else None


def _usual_size(chars: Chars, indices: list[int]) -> float:
    """The most common type size, rounded to a tenth, of the characters ``indices`` (not
    empty). When more than half of them have the same size, the others are not asked for; each
    distinct size is rounded once (``round`` to a digit is slow)."""
    half = len(indices) // 2 + 1
    sizes = chars.sizes(indices[:half])
    if sizes.count(sizes[0]) == half:
        return round(sizes[0], 1)
    tenths: Counter[float] = Counter()
    for size, count in Counter(sizes + chars.sizes(indices[half:])).items():
        tenths[round(size, 1)] += count
    return tenths.most_common(1)[0][0]


def footnote_start(text: str, chars: Chars) -> int | None:
    """Where the page's footnotes start: a run of final lines in a smaller type than the
    page's body, the first of them starting with a note number; None if there is none."""
    if not (_FOOTNOTE_LINE.match(text) or _NOTE_AFTER_FIRST_LINE.search(text)):
        return None
    body = _body_size(text, chars)
    if body is None:
        return None
    found: int | None = None
    end = len(text)
    while end >= 0:  # the lines from the last
        start = text.rfind("\n", 0, end) + 1
        letters = list(itertools.compress(range(start, end), map(str.isalnum, text[start:end])))
        if letters:
            if _usual_size(chars, letters) >= body * _SMALLER:
                break
            if _FOOTNOTE_LINE.match(text[start:end]):
                found = start
        end = start - 1
    return found
