"""Turn a decoded source file into a Document: clean text, passages and a title."""

from __future__ import annotations

import bisect
import dataclasses
import re

from filature.ingest import ticks
from filature.ingest.clean import clean_text
from filature.ingest.lines import is_url_only
from filature.ingest.passages import sentence_boundaries, split_passages
from filature.ingest.ticks import Ticker
from filature.models import CleanText, Document, Passage, SourceText, Zone

TITLE_MAX = 200
_BODY_TITLE_MAX = 120
_TITLE_SEARCH = 8
_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|january|february|march|april|may|june|july|august|september|october|"
    "november|december"
)
_DATE_LINE = re.compile(
    rf"\b(?:\d{{1,2}}(?:er)?\s+(?:{_MONTHS})|(?:{_MONTHS})\s+\d{{1,2}},?)\s+\d{{4}}\b"
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_PLACEHOLDER_TITLE = re.compile(
    r"^(?:untitled|sans titre|document\s*\d*|titre|title|microsoft \w+ - .*)$"
    r"|\.(?:docx?|odt|pdf|rtf|txt|html?|indd|qxd|xlsx?|pptx?)$",
    re.IGNORECASE,
)


def is_boilerplate(text: str) -> bool:
    """Navigation crumbs, date lines, addresses and one-word labels that cannot be a title."""
    words = _WORD.findall(text)
    if len(words) < 3 or is_url_only(text) or "@" in text:
        return True
    return bool(_DATE_LINE.search(text)) and len(words) <= 6


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:–-") + "…"


def guess_title(passages: tuple[Passage, ...], fallback: str) -> str:
    """A short headline: the first heading-like or substantial passage that is not boilerplate."""
    for passage in passages[:_TITLE_SEARCH]:
        markdown = passage.text.startswith("#")
        if passage.zone in ("footnote", "table") or (is_boilerplate(passage.text) and not markdown):
            continue
        text = passage.text.lstrip("•#*-–— ").strip()
        if passage.zone == "heading" or (len(text) <= TITLE_MAX and text[-1] not in '.!?…»"'):
            return _shorten(text, TITLE_MAX)
        cuts = sentence_boundaries(text)
        first = text[: cuts[0]].strip() if cuts else text
        return _shorten(first, _BODY_TITLE_MAX)
    return _shorten(fallback, TITLE_MAX)


def metadata_title(title: str | None) -> str | None:
    """A title the file declares, on one line, or None when it is empty or a placeholder
    (a file name such as ``Microsoft Word - note.doc``, ``untitled``, ``Document1``)."""
    if not title:
        return None
    text = " ".join(title.split())
    if not any(ch.isalpha() for ch in text) or _PLACEHOLDER_TITLE.search(text):
        return None
    return _shorten(text, TITLE_MAX)


def _page_of(page_starts: tuple[int, ...], offset: int) -> int | None:
    return bisect.bisect_right(page_starts, offset) if page_starts else None


def _zone_at(zones: tuple[tuple[int, int, Zone], ...], offset: int) -> Zone | None:
    for start, end, zone in zones:
        if start <= offset < end:
            return zone
    return None


def _placed(
    source: SourceText, clean: CleanText, passages: tuple[Passage, ...]
) -> tuple[Passage, ...]:
    """Passages with their pages and with the zones the format itself marks."""
    if not source.page_starts and not source.zones:
        return passages
    placed: list[Passage] = []
    for passage in passages:
        start, end = clean.original_span(passage.start, passage.end)
        zone = _zone_at(source.zones, start) or passage.zone
        placed.append(
            dataclasses.replace(
                passage,
                zone=zone,
                page_start=_page_of(source.page_starts, start),
                page_end=_page_of(source.page_starts, max(start, end - 1)),
            )
        )
    return tuple(placed)


def load_document(source: SourceText, tick: Ticker = ticks.ignore) -> Document:
    """Clean, split into passages and title a decoded source file (``tick`` is told how far
    it has got). The title is the file's own when it declares one, else the first heading or
    substantial passage."""
    notes = [(start, end) for start, end, zone in source.zones if zone == "footnote"]
    clean = clean_text(source.text, ticks.part(tick, 0.0, 0.85), notes)
    passages = _placed(source, clean, split_passages(clean, source.text))
    tick(1.0)
    return Document(
        path=source.rel_path,
        title=metadata_title(source.title) or guess_title(passages, source.path.stem),
        sha256=source.sha256,
        encoding=source.encoding,
        text=clean.text,
        passages=passages,
        format=source.format,
        author=metadata_title(source.author),
        date=source.date,
        pages=len(source.page_starts) or None,
        parent=source.parent,
    )
