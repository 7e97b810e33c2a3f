"""Split cleaned text into passages: paragraphs, long ones cut at sentence boundaries."""

from __future__ import annotations

import bisect
import re

from filature.ingest.zones import assign_zones
from filature.models import CleanText, Passage

MAX_PASSAGE_CHARS = 1500
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"»”’)\]]*\s+(?=[\"«“(\[]?\s?[^\W\d_a-zà-ÿ]|\d)")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(\[])(?:[A-Z]|M|MM|Mme|Mlle|Me|Dr|Pr|St|Ste|Mr|Mrs|Ms|Jr|Sr|p|pp|cf|op|cit|art|vol|no|"
    r"n°|chap|coll|dir|éd|ed|al|fig|env|vs|etc|ibid|Ibid|Inc|Ltd|Co|ann|sect|par|min|max|approx)\.$"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def sentence_boundaries(text: str) -> list[int]:
    """Indices where a new sentence starts (after final punctuation, not after abbreviations)."""
    cuts: list[int] = []
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + 1
        if _ABBREVIATION.search(text[max(0, end - 12) : end]):
            continue
        cuts.append(match.end())
    return cuts


def _chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into pieces of at most about ``limit`` characters at sentence boundaries."""
    if len(text) <= limit:
        return [(0, len(text))]
    cuts = sentence_boundaries(text)
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        last = bisect.bisect_right(cuts, start + limit) - 1
        if last >= 0 and cuts[last] > start:
            cut = cuts[last]
        else:
            space = text.rfind(" ", start + 1, start + limit)
            cut = space + 1 if space > start else start + limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_starts(original: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK.finditer(original))]


def split_passages(
    clean: CleanText, original: str, limit: int = MAX_PASSAGE_CHARS
) -> tuple[Passage, ...]:
    """Passages of a cleaned document, in order, each with its zone and original line numbers.

    ``Passage.text`` is exactly ``clean.text[start:end]``; no passage is empty or blank.
    """
    text = clean.text
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        start, end = _trimmed(text, pos, pos + len(para))
        if start < end:
            spans.append((start, end))
        pos += len(para) + 1
    zones = assign_zones(
        [text[s:e] for s, e in spans],
        [original[slice(*clean.original_span(s, e))] for s, e in spans],
        clean.footnote_numbers,
    )
    starts = _line_starts(original)
    passages: list[Passage] = []
    for (para_start, para_end), zone in zip(spans, zones, strict=True):
        for a, b in _chunks(text[para_start:para_end], limit):
            start, end = _trimmed(text, para_start + a, para_start + b)
            if start >= end:
                continue
            orig_start, orig_end = clean.original_span(start, end)
            line_start = bisect.bisect_right(starts, orig_start)
            line_end = bisect.bisect_right(starts, max(orig_start, orig_end - 1))
            passages.append(
                Passage(len(passages), start, end, line_start, line_end, zone, text[start:end])
            )
    return tuple(passages)
