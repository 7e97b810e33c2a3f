"""Line-level predicates used by the cleaner: junk lines, headings, list items, page furniture."""

from __future__ import annotations

import bisect
import itertools
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from filature.ingest.mapped import Mapped


def _line_patterns() -> dict[str, re.Pattern[str]]:
    """The patterns of ``data/line_patterns.toml`` (shipped with the package), compiled, by
    name."""
    raw = resources.files("filature.ingest").joinpath("data/line_patterns.toml").read_text("utf-8")
    return {
        name: re.compile(entry["pattern"], re.IGNORECASE if entry.get("ignore_case") else 0)
        for name, entry in tomllib.loads(raw).items()
    }


LINE_PATTERNS = _line_patterns()
"""What a line is, told by its shape: a web address, a path, a page number, a heading, a list
item, a sentence's end, a footnote's start (``data/line_patterns.toml``)."""
FOOTNOTE_DEF = LINE_PATTERNS["footnote_definition"]

_FOOTER_MAX_LEN = 70
_FOOTER_MIN_GAP = 20
_FOOTER_WINDOW = 4
_PAGE_EDGE = 3
"""Lines at the top and at the bottom of a page where running headers and footers sit."""
_PAGE_EDGE_MAX_LEN = 120


@dataclass(slots=True)
class Line:
    """One line of the original text, stripped and with runs of spaces collapsed."""

    index: int
    text: Mapped
    end: int
    indented: bool
    drop: str | None = None
    page: int = 0
    aside: bool = False

    @property
    def s(self) -> str:
        return self.text.text

    @property
    def blank(self) -> bool:
        return not self.text.text


def is_url_only(s: str) -> bool:
    """A line that is nothing but a web address (addresses with spaces end like a path)."""
    if not LINE_PATTERNS["url_start"].match(s):
        return False
    return " " not in s or bool(LINE_PATTERNS["url_tail"].search(s))


def is_path_only(s: str) -> bool:
    """A line that is nothing but a file path (Windows, UNC or POSIX)."""
    return bool(LINE_PATTERNS["windows_path"].match(s) or LINE_PATTERNS["posix_path"].match(s))


def is_page_number(s: str) -> bool:
    """A lone page number such as ``12``, ``- 12 -``, ``Page 3 / 20``."""
    return bool(LINE_PATTERNS["page_number"].match(s))


def has_alnum(s: str) -> bool:
    """Whether a line has any letter or digit at all."""
    return any(ch.isalnum() for ch in s)


def is_all_caps(s: str) -> bool:
    """A short line written in capitals (a heading in most documents)."""
    if len(s) > 120:
        return False
    upper = sum(map(str.isupper, s))
    lower = sum(map(str.islower, s))
    visible = len(s) - sum(map(str.isspace, s))
    letters = upper + lower
    return upper >= 4 and upper >= 0.85 * letters and letters >= 0.5 * visible


def is_heading_line(s: str) -> bool:
    """A line that stands alone as a heading: capitals, markdown ``#``, numbered ``I.``/``1.2``."""
    if LINE_PATTERNS["markdown_heading"].match(s) or is_all_caps(s):
        return True
    numbered = LINE_PATTERNS["numbered_heading"].match(s) and len(s) <= 80 and "," not in s
    return bool(numbered) and s[-1] not in ".;:"


def is_list_item(s: str) -> bool:
    """A bullet or numbered list item."""
    return bool(LINE_PATTERNS["list_item"].match(s))


def is_terminal(s: str) -> bool:
    """Whether a line ends a sentence (final punctuation, maybe followed by closing quotes)."""
    return bool(LINE_PATTERNS["terminal"].search(s))


def _footer_key(s: str, longest: int = _FOOTER_MAX_LEN) -> str | None:
    if len(s) > longest or is_list_item(s) or FOOTNOTE_DEF.match(s) or s[-1] in ",;":
        return None
    return re.sub(r"\d+", "#", s.casefold())


def find_running_lines(lines: list[Line]) -> set[int]:
    """Positions (in ``lines``) of running headers and footers.

    A short line is page furniture when it comes back, digits aside, far apart each time
    (at least ``_FOOTER_MIN_GAP`` lines): four times or more, or carrying a page number, or
    as part of a block of such lines repeated at every occurrence.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for pos, line in enumerate(lines):
        if line.drop is None and not line.blank:
            key = _footer_key(line.s)
            if key is not None:
                groups[key].append(pos)
    repeated: dict[int, str] = {}
    for key, positions in groups.items():
        gaps = [lines[b].index - lines[a].index for a, b in itertools.pairwise(positions)]
        if gaps and min(gaps) >= _FOOTER_MIN_GAP:
            for pos in positions:
                repeated[pos] = key

    ordered = sorted((lines[pos].index, key) for pos, key in repeated.items())
    indices = [index for index, _ in ordered]

    def neighbours(pos: int) -> int:
        key = repeated[pos]
        here = lines[pos].index
        low = bisect.bisect_left(indices, here - _FOOTER_WINDOW)
        high = bisect.bisect_right(indices, here + _FOOTER_WINDOW)
        return sum(1 for _, other_key in ordered[low:high] if other_key != key)

    found: set[int] = set()
    by_key: dict[str, list[int]] = defaultdict(list)
    for pos, key in repeated.items():
        by_key[key].append(pos)
    for key, positions in by_key.items():
        if (
            len(positions) >= 4
            or (len(positions) >= 3 and "#" in key)
            or all(neighbours(pos) >= 2 for pos in positions)
        ):
            found.update(positions)
    return found


def _page_edges(lines: list[Line]) -> dict[int, list[int]]:
    """Per page, the positions of its first and last ``_PAGE_EDGE`` lines with text."""
    pages: dict[int, list[int]] = defaultdict(list)
    for pos, line in enumerate(lines):
        if line.drop is None and not line.blank:
            pages[line.page].append(pos)
    return {
        page: sorted(set(found[:_PAGE_EDGE] + found[-_PAGE_EDGE:])) for page, found in pages.items()
    }


def find_page_furniture(lines: list[Line]) -> set[int]:
    """Positions of running headers and footers of a paged text (pages cut by form feeds).

    A short line at the top or the bottom of a page is furniture when the same line, digits
    aside, sits at the top or bottom of at least two pages and of a third of them. A line that
    starts like a footnote (a number, then a word) must come back unchanged.
    """
    edges = _page_edges(lines)
    if len(edges) < 2:
        return set()
    on_pages: dict[str, set[int]] = defaultdict(set)
    keyed: dict[int, str] = {}
    for page, positions in edges.items():
        for pos in positions:
            line = lines[pos]
            key = _footer_key(line.s, _PAGE_EDGE_MAX_LEN)
            if key is None and not line.aside and FOOTNOTE_DEF.match(line.s):
                key = "=" + line.s.casefold()  # "30 juillet 2016 JOURNAL…": only the same line
            if key is not None:
                keyed[pos] = key
                on_pages[key].add(page)
    needed = max(2, -(-len(edges) // 3))
    return {pos for pos, key in keyed.items() if len(on_pages[key]) >= needed}


_COVER_LINES = 8
_COVER_CHARS = 400
"""A first page of at most this many lines and characters, before other pages, is a title
page: each of its lines (title, author, place and date) ends its paragraph."""
_HEAD_SHARE = 0.6
"""A page's first line shorter than this share of the text width, capitalised and without
closing punctuation, is a heading: the page does not continue the previous one's paragraph."""


def _heading_like(s: str, width: int) -> bool:
    return (
        len(s) < _HEAD_SHARE * max(width, 1)
        and s[:1].isupper()
        and not is_terminal(s)
        and s[-1] not in ",;-"
        and not is_list_item(s)
    )


def find_standalone_lines(lines: list[Line], width: int) -> set[int]:
    """Indices (``Line.index``) of paged text lines that make a paragraph of their own: the
    lines of a title page (a short first page) and a heading-like line opening a page."""
    pages: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if line.drop is None and not line.blank and not line.aside:
            pages[line.page].append(line)
    if len(pages) < 2:
        return set()
    found: set[int] = set()
    first = pages[min(pages)]
    if len(first) <= _COVER_LINES and sum(len(line.s) for line in first) <= _COVER_CHARS:
        found.update(line.index for line in first)
    for page, page_lines in pages.items():
        if page != min(pages) and _heading_like(page_lines[0].s, width):
            found.add(page_lines[0].index)
    return found
