"""Clean decoded text into paragraphs, keeping a map from every character to the original.

The cleaned text has one paragraph per line (paragraphs are separated by a single newline).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from filature.ingest import ticks
from filature.ingest.footnotes import find_calls, find_definitions, strip_calls, uses_footnotes
from filature.ingest.joining import Lexicon, ParagraphBuilder
from filature.ingest.lines import (
    Line,
    find_running_lines,
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


def _starts_lower(s: str) -> bool:
    return s[:1].islower()


def _make_lines(text: str, tick: Ticker) -> list[Line]:
    lines: list[Line] = []
    for index, (raw, end) in enumerate(split_lines(normalise_chars(text), len(text))):
        if index % ticks.EVERY == 0:
            tick(end / max(1, len(text)))
        stripped = raw.collapse_spaces().strip()
        indented = bool(stripped.text) and raw.text[:1] == " "
        lines.append(Line(index, stripped, end, indented))
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
    return lines


def _layout(lines: list[Line], text: str) -> _Layout:
    kept = [line for line in lines if line.drop is None]
    wrapped = [a for a, b in itertools.pairwise(kept) if not a.blank and not b.blank]
    content = [line for line in kept if not line.blank]
    hard = len(content) >= 8 and len(wrapped) >= 0.3 * len(content)
    lengths = sorted(len(line.s) for line in wrapped) or [0]
    width = lengths[int(0.8 * (len(lengths) - 1))]
    return _Layout(hard, width, Lexicon(text))


@dataclass(frozen=True)
class _Para:
    """What is known of the paragraph being built when the next line comes."""

    footnote: bool
    listed: bool


def _joins(a: Line, b: Line, blank: bool, para: _Para, layout: _Layout) -> bool:
    """Whether line ``b`` continues the paragraph that line ``a`` ends."""
    in_footnote = para.footnote
    sa, sb = a.s, b.s
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


def _assemble(
    lines: list[Line], layout: _Layout, length: int, tick: Ticker
) -> tuple[list[Mapped], list[bool], list[int]]:
    """Group lines into paragraphs: (paragraphs, is-footnote flags, defined numbers);
    ``length`` is the original text's."""
    definitions = find_definitions(lines)
    builders: list[ParagraphBuilder] = []
    footnote_flags: list[bool] = []
    listed = False
    prev: Line | None = None
    blank = False
    for pos, line in enumerate(lines):
        if pos % ticks.EVERY == 0:
            tick(pos / len(lines))
        if line.drop is not None:
            continue
        if line.blank:
            blank = True
            continue
        starts = pos in definitions
        para = _Para(footnote_flags[-1], listed) if footnote_flags else None
        if (
            prev is not None
            and para is not None
            and not starts
            and _joins(prev, line, blank, para, layout)
        ):
            builders[-1].append(line.text, prev.end, layout.lexicon)
        else:
            builders.append(ParagraphBuilder(line.text, length))
            footnote_flags.append(starts)
            listed = is_list_item(line.s)
        prev = line
        blank = False
    paragraphs = [builder.mapped() for builder in builders]
    return paragraphs, footnote_flags, sorted(set(definitions.values()))


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


def clean_text(text: str, tick: Ticker = ticks.ignore) -> CleanText:
    """Clean a decoded document: paragraphs, page furniture removed, footnote calls detached.

    Every cleaned character maps back to the original character it comes from (a joining
    space maps to the line break it replaces), so offsets are strictly increasing. ``tick``
    is told how far the cleaning has got.
    """
    lines = _make_lines(text, ticks.part(tick, 0.0, 0.4))
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
