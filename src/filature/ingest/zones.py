"""Zones of cleaned paragraphs: footnote, table, heading or body."""

from __future__ import annotations

import re

from filature.ingest.footnotes import footnote_number
from filature.ingest.lines import is_heading_line
from filature.models import Zone

_AMOUNT = re.compile(
    r"(?:[$€£¥]|\b(?:US\$|EUR|USD|CNY|RMB|GBP|JPY|CHF)\s?)\d{1,3}(?:[ .,\u202f]\d{3})*"
    r"|\d{1,3}(?:[ .,]\d{3})*\s?(?:[$€£¥]|\b(?:EUR|USD|CNY|RMB|GBP|JPY|CHF)\b)"
)
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_NUMBER_ONLY = re.compile(r"^[\d\s.,/%–-]+$")
_COLUMN_GAP = re.compile(r"\S(?: {2,}|\t+)(?=\S)")
_TABLE_FRAGMENT_MAX = 200
_HEADING_MAX = 150
_HEADING_MAX_WORDS = 20


def numeric_row(text: str) -> bool:
    """A short paragraph made mostly of amounts, dates or bare numbers (a table row)."""
    if len(text) > 300:
        return False
    if _NUMBER_ONLY.match(text):
        return True
    cells = len(_AMOUNT.findall(text)) + len(_DATE.findall(text))
    return cells >= 2


def columnar(original: str) -> bool:
    """Whether a paragraph's original lines are laid out in columns (tabs, wide gaps, pipes)."""
    lines = [line for line in original.splitlines() if line.strip()]
    if not lines:
        return False
    ruled = 0
    for line in lines:
        stripped = line.strip()
        if len(_COLUMN_GAP.findall(stripped)) >= 2 or (
            stripped.startswith("|") and stripped.count("|") >= 3
        ):
            ruled += 1
    return ruled >= max(1, (len(lines) + 1) // 2)


def is_footnote(text: str, numbers: frozenset[int]) -> bool:
    """A paragraph that defines one of the document's footnotes."""
    number = footnote_number(text)
    return number is not None and number in numbers


def is_heading(text: str) -> bool:
    """A short, title-like paragraph: capitals, numbered, or short without final punctuation."""
    if not any(ch.isalpha() for ch in text):
        return False
    if is_heading_line(text):
        return True
    if len(text) > _HEADING_MAX or len(text.split()) > _HEADING_MAX_WORDS:
        return False
    first = text[0]
    return text[-1] not in ".,;:" and (first.isupper() or first.isdigit() or first in '•#«"“')


def _fragment(text: str) -> bool:
    return len(text) <= _TABLE_FRAGMENT_MAX and (text[-1] not in ".;:" or numeric_row(text))


def assign_zones(
    paragraphs: list[str], originals: list[str], numbers: frozenset[int]
) -> list[Zone]:
    """Zone of each paragraph; ``originals`` are the matching spans of the original text.

    Tables are found as runs of short fragments holding at least two numeric rows (amounts,
    dates, bare numbers), or paragraphs laid out in columns.
    """
    zones: list[Zone] = ["footnote" if is_footnote(p, numbers) else "body" for p in paragraphs]
    i = 0
    while i < len(paragraphs):
        if zones[i] == "footnote" or not _fragment(paragraphs[i]):
            i += 1
            continue
        j = i
        while j < len(paragraphs) and zones[j] != "footnote" and _fragment(paragraphs[j]):
            j += 1
        if sum(1 for k in range(i, j) if numeric_row(paragraphs[k])) >= 2:
            for k in range(i, j):
                zones[k] = "table"
        i = j
    for k, text in enumerate(paragraphs):
        if zones[k] == "body" and columnar(originals[k]):
            zones[k] = "table"
        elif zones[k] == "body" and is_heading(text):
            zones[k] = "heading"
    return zones
