"""Clean decoded text into paragraphs, keeping a map from every character to the original.

The cleaned text has one paragraph per line (paragraphs are separated by a single newline).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from filature.ingest import ticks
from filature.ingest.footnotes import find_calls, find_definitions, strip_calls, uses_footnotes
from filature.ingest.joining import Lexicon, ParagraphBuilder
from filature.ingest.lines import (
    Line,
    find_page_furniture,
    find_running_lines,
    find_standalone_lines,
    has_alnum,
    is_all_caps,
    is_heading_line,
    is_list_item,
    is_page_number,
    is_path_only,
    is_terminal,
    is_url_only,
)
from filature.ingest.mapped import Mapped, normalise_chars, offsets, split_lines
from filature.ingest.ticks import Ticker
from filature.models import CleanText

_VOWELS = "AEIOUYHaeiouyhÀÂÄÆÉÈÊËÎÏÔÖŒÙÛÜàâäæéèêëîïôöœùûü"
_OCR_ELISION = re.compile(rf"(?<![\w'’])[I1](['’])(['’])?(?=[{_VOWELS}])")
_DOUBLE_APOSTROPHE = re.compile(r"(?<![\w'’])(?:[cdjlmnst]|qu)['’](['’])(?=\w)", re.IGNORECASE)


@dataclass(frozen=True)
class _Layout:
    """Document-wide facts used to decide where paragraphs end."""

    hard_wrapped: bool
    width: int
    lexicon: Lexicon
    alone: frozenset[int] = frozenset()
    """Lines (``Line.index``) that make a paragraph of their own (a title page's lines, a
    heading opening a page)."""


def _starts_lower(s: str) -> bool:
    return s[:1].islower()


def _inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def _make_lines(text: str, tick: Ticker, aside: Sequence[tuple[int, int]] = ()) -> list[Line]:
    lines: list[Line] = []
    page = 0
    for index, (raw, end) in enumerate(split_lines(normalise_chars(text), len(text))):
        if index % ticks.EVERY == 0:
            tick(end / max(1, len(text)))
        stripped = raw.collapse_spaces().strip()
        indented = bool(stripped.text) and raw.text[:1] == " "
        set_aside = bool(aside) and bool(stripped.text) and _inside(aside, stripped.offs[0])
        lines.append(Line(index, stripped, end, indented, page=page, aside=set_aside))
        if end < len(text) and text[end] == "\f":
            page += 1
    for line in lines:
        if line.blank:
            continue
        s = line.s
        if is_url_only(s):
            line.drop = "web address"
        elif is_path_only(s):
            line.drop = "file path"
        elif is_page_number(s):
            line.drop = "page number"
        elif not has_alnum(s):
            line.drop = "no letters or digits"
    for pos in find_running_lines(lines):
        lines[pos].drop = "running header or footer"
    if page:
        for pos in find_page_furniture(lines):
            lines[pos].drop = "running header or footer"
    return lines


def _layout(lines: list[Line], text: str) -> _Layout:
    kept = [line for line in lines if line.drop is None]
    wrapped = [a for a, b in itertools.pairwise(kept) if not a.blank and not b.blank]
    content = [line for line in kept if not line.blank]
    hard = len(content) >= 8 and len(wrapped) >= 0.3 * len(content)
    lengths = sorted(len(line.s) for line in wrapped) or [0]
    width = lengths[int(0.8 * (len(lengths) - 1))]
    alone = frozenset(find_standalone_lines(lines, width))
    return _Layout(hard, width, Lexicon(text), alone)


@dataclass(frozen=True)
class _Para:
    """What is known of the paragraph being built when the next line comes."""

    footnote: bool
    listed: bool


def _joins(a: Line, b: Line, blank: bool, para: _Para, layout: _Layout) -> bool:
    """Whether line ``b`` continues the paragraph that line ``a`` ends."""
    in_footnote = para.footnote
    sa, sb = a.s, b.s
    if (a.index in layout.alone or b.index in layout.alone) and not (
        sa.endswith("-") and _starts_lower(sb)
    ):
        return False
    if (is_heading_line(sa) and not in_footnote) or is_heading_line(sb):
        return not blank and is_all_caps(sa) and is_all_caps(sb)
    if is_list_item(sb) and (blank or para.listed or is_terminal(sa)):
        return False
    hyphen = len(sa) >= 2 and sa[-1] == "-" and sa[-2].isalnum()
    if blank:
        if hyphen and _starts_lower(sb):
            return True
        if is_terminal(sa) or (b.indented and not _starts_lower(sb)):
            return False
        if in_footnote:
            return True
        return _starts_lower(sb) and (sa[-1] == "," or sa[-1].islower())
    if not layout.hard_wrapped:
        return hyphen or _starts_lower(sb)
    short = len(sa) < 0.7 * layout.width
    if b.indented and (short or is_terminal(sa)):
        return False
    return not (short and is_terminal(sa) and sb[:1].isupper())


@dataclass
class _Stream:
    """Paragraphs being built from one stream of lines (the body, or lines set aside)."""

    builders: list[ParagraphBuilder]
    flags: list[bool]
    listed: bool = False
    prev: Line | None = None
    blank: bool = False


def _assemble(
    lines: list[Line], layout: _Layout, length: int, tick: Ticker
) -> tuple[list[Mapped], list[bool], list[int]]:
    """Group lines into paragraphs: (paragraphs, is-footnote flags, defined numbers);
    ``length`` is the original text's. Lines set aside (a page's footnotes, as the format
    marks them) make paragraphs of their own, placed after the body paragraph they
    interrupt, so that a body paragraph runs on across them."""
    definitions = find_definitions(lines)
    body = _Stream([], [])
    aside = _Stream([], [])
    placed_after: list[int] = []
    for pos, line in enumerate(lines):
        if pos % ticks.EVERY == 0:
            tick(pos / len(lines))
        if line.drop is not None:
            continue
        stream = aside if line.aside else body
        if line.blank:
            stream.blank = True
            continue
        starts = pos in definitions or (line.aside and not stream.builders)
        para = _Para(stream.flags[-1], stream.listed) if stream.flags else None
        prev = stream.prev
        if prev is not None and para is not None and not starts:
            joined = prev.index == line.index - 1 or not line.aside
            if joined and _joins(prev, line, stream.blank, para, layout):
                stream.builders[-1].append(line.text, prev.end, layout.lexicon)
                stream.prev, stream.blank = line, False
                continue
        stream.builders.append(ParagraphBuilder(line.text, length))
        stream.flags.append(starts or line.aside)
        stream.listed = is_list_item(line.s)
        if line.aside:
            placed_after.append(len(body.builders))
        stream.prev, stream.blank = line, False
    paragraphs: list[Mapped] = []
    flags: list[bool] = []
    pending = list(zip(placed_after, aside.builders, aside.flags, strict=True))
    pending.reverse()
    for index, (builder, flag) in enumerate(zip(body.builders, body.flags, strict=True)):
        while pending and pending[-1][0] <= index:
            _, aside_builder, aside_flag = pending.pop()
            paragraphs.append(aside_builder.mapped())
            flags.append(aside_flag)
        paragraphs.append(builder.mapped())
        flags.append(flag)
    for _, aside_builder, aside_flag in reversed(pending):
        paragraphs.append(aside_builder.mapped())
        flags.append(aside_flag)
    return paragraphs, flags, sorted(set(definitions.values()))


def fix_elisions(mapped: Mapped) -> Mapped:
    """Fix OCR elisions (``I’Etat``, ``1'Etat`` -> ``l’Etat``) and doubled apostrophes."""
    changes: dict[int, str] = {}
    spans: list[tuple[int, int]] = []
    for match in _OCR_ELISION.finditer(mapped.text):
        changes[match.start()] = "l"
        if match.group(2):
            spans.append(match.span(2))
    for match in _DOUBLE_APOSTROPHE.finditer(mapped.text):
        spans.append(match.span(1))
    return mapped.replace_chars(changes).delete_spans(spans)


def clean_text(
    text: str, tick: Ticker = ticks.ignore, aside: Sequence[tuple[int, int]] = ()
) -> CleanText:
    """Clean a decoded document: paragraphs, page furniture removed, footnote calls detached.

    Every cleaned character maps back to the original character it comes from (a joining
    space maps to the line break it replaces); offsets are strictly increasing within a
    paragraph, and from one paragraph to the next unless ``aside`` spans of the original
    (a paged format's footnotes) interrupt a paragraph. Form feeds cut pages, whose running
    headers and footers are removed. ``tick`` is told how far the cleaning has got.
    """
    lines = _make_lines(text, ticks.part(tick, 0.0, 0.4), aside)
    layout = _layout(lines, text)
    paragraphs, footnote_flags, defined = _assemble(
        lines, layout, len(text), ticks.part(tick, 0.4, 0.8)
    )
    del lines
    body = [not flag for flag in footnote_flags]
    calls = find_calls(paragraphs, body, set(defined))
    numbers: frozenset[int] = frozenset()
    if uses_footnotes(set(defined), calls):
        numbers = frozenset(defined)
        paragraphs = strip_calls(paragraphs, calls)
    pieces: list[str] = []
    offs = offsets(length=len(text))
    paragraphs.reverse()
    count = len(paragraphs)
    while paragraphs:
        if len(paragraphs) % ticks.EVERY == 0:
            tick(0.8 + 0.2 * (1 - len(paragraphs) / count))
        cleaned = fix_elisions(paragraphs.pop()).collapse_spaces().strip()
        if not cleaned.text:
            continue
        if pieces:
            pieces.append("\n")
            offs.append(_separator_offset(text, offs[-1], cleaned.offs[0]))
        pieces.append(cleaned.text)
        offs.extend(cleaned.offs)
    offs.append(len(text))
    tick(1.0)
    return CleanText("".join(pieces), offs, numbers)


def _separator_offset(text: str, after: int, before: int) -> int:
    """An original index strictly between two kept characters, preferably a line break."""
    newline = text.rfind("\n", after + 1, before)
    if newline < 0:
        newline = text.rfind("\r", after + 1, before)
    return newline if newline >= 0 else after + 1
