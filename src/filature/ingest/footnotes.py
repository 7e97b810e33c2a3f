"""Footnotes: definitions found at the start of lines, and call numbers glued to words.

A call number is only removed when the document defines that footnote and the calls follow
the order of the notes, so ``G20``, ``MK18``, ``COVID-19`` or a year are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from filature.ingest.lines import FOOTNOTE_DEF, Line, is_terminal
from filature.ingest.mapped import Mapped
from filature.text import LETTER

_AFTER_WORD = re.compile(r"(?<=[^\W\d_])(\d{1,3})(?!\w)")
_AFTER_MARK = (
    (re.compile(r"(?<=[)\]»”\"])(\d{1,3})(?!\w)"), True),
    (re.compile(r"(?<=[$€£¥%])(\d{1,3})(?!\w)"), False),
)
"""A number right after a closing bracket or quote is a strong call; after a currency or a
percent sign, a weak one (it may be part of the amount)."""
_AFTER_YEAR = re.compile(r"(?<![\w,.\-])((?:1[89]|20)\d\d)(\d{1,3})(?!\w)")
_STRONG_WINDOW = 10
_WEAK_WINDOW = 3


def footnote_number(s: str) -> int | None:
    """The footnote number a line starts with (``22. Voir``, ``22 Voir``), if it looks like one."""
    match = FOOTNOTE_DEF.match(s)
    if match is None:
        return None
    rest = s[match.end() :]
    if rest[:1].islower():
        return None
    return int(match.group(1))


def find_definitions(lines: list[Line]) -> dict[int, int]:
    """Positions of lines that define a footnote, with the footnote number.

    A definition starts a paragraph (after a blank line), or directly follows a line that
    ends a sentence when its number is the next one in sequence.
    """
    found: dict[int, int] = {}
    last = 0
    prev: Line | None = None
    for pos, line in enumerate(lines):
        if line.drop is not None:
            continue
        if line.blank or (prev is not None and prev.aside != line.aside):
            prev = None
        if line.blank:
            continue
        number = footnote_number(line.s)
        if number is not None and (prev is None or (is_terminal(prev.s) and number == last + 1)):
            found[pos] = number
            last = number
        prev = line
    return found


@dataclass(frozen=True)
class _Call:
    para: int
    start: int
    end: int
    value: int
    strong: bool
    exact: bool = False


def _word_before(text: str, end: int) -> str:
    """The run of letters that ends at ``end``."""
    start = end
    while start > 0 and LETTER.match(text, start - 1):
        start -= 1
    return text[start:end]


def _candidates(para: int, text: str) -> list[_Call]:
    calls: list[_Call] = []
    for match in _AFTER_WORD.finditer(text):
        letters = _word_before(text, match.start())
        strong = any(ch.islower() for ch in letters)
        exact = not strong and len(letters) < 3
        calls.append(_Call(para, match.start(), match.end(), int(match.group(1)), strong, exact))
    for pattern, strong in _AFTER_MARK:
        calls.extend(
            _Call(para, m.start(), m.end(), int(m.group(1)), strong) for m in pattern.finditer(text)
        )
    for match in _AFTER_YEAR.finditer(text):
        calls.append(_Call(para, match.start(2), match.end(2), int(match.group(2)), False))
    return sorted(calls, key=lambda call: call.start)


def find_calls(paragraphs: list[Mapped], body: list[bool], defined: set[int]) -> list[_Call]:
    """Footnote calls in body paragraphs, accepted only in the order of the notes."""
    accepted: list[_Call] = []
    last = 0
    for para, (mapped, is_body) in enumerate(zip(paragraphs, body, strict=True)):
        if not is_body:
            continue
        for call in _candidates(para, mapped.text):
            if call.value not in defined:
                continue
            window = 1 if call.exact else _STRONG_WINDOW if call.strong else _WEAK_WINDOW
            if last < call.value <= last + window or (call.strong and call.value == 1):
                accepted.append(call)
                last = call.value
    return accepted


def strip_calls(paragraphs: list[Mapped], calls: list[_Call]) -> list[Mapped]:
    """Remove accepted call numbers from their paragraphs."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for call in calls:
        spans.setdefault(call.para, []).append((call.start, call.end))
    return [
        mapped.delete_spans(spans[i]) if i in spans else mapped
        for i, mapped in enumerate(paragraphs)
    ]


def uses_footnotes(defined: set[int], calls: list[_Call]) -> bool:
    """Whether the numbered lines really are footnotes: enough of them are called in the text."""
    called = {call.value for call in calls}
    return bool(defined) and len(called) >= max(1, len(defined) // 2)
