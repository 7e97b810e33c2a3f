"""Full-text search over passages (FTS5), safe for any input, with matched terms located.

Ranking costs FTS5 tens of microseconds a passage (bm25 reads each one's positions and
size), counting a few: over a million passages a common word matches hundreds of thousands,
seconds of work. So the matches are counted up to ``COUNT_CAP`` ("10,000+" past it), ranked
best first only up to ``RANK_CAP``, and past that listed in document order, body passages
first, which reads no more than the page needs."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from filature.query.reader import PASSAGE_COLUMNS, ZONE_RANK, excerpt_from_row
from filature.query.text import fold_with_map, fts_words, norm_key
from filature.query.types import FullTextResult, Span

MAX_QUERY = 200
MAX_TERMS = 16
COUNT_CAP = 10_000
"""Matches counted exactly up to this many; past it the count reads "10,000+"."""
RANK_CAP = 1_000
"""Matches ranked best first up to this many; past it they come in document order."""
ZONES = ("body", "heading", "table", "footnote")
"""The order of the zones in the results (``ZONE_RANK``)."""
CHUNK = 500
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def search_terms(text: str) -> list[str]:
    """The words of a query in the one fold (``norm_key``), as the passages are highlighted."""
    return _WORD.findall(norm_key(text[:MAX_QUERY]))[:MAX_TERMS]


def _all_of(terms: list[str], prefix: bool) -> str:
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    if prefix and quoted:
        quoted[-1] += "*"
    return " ".join(quoted)


def fts_expression(terms: list[str], prefix: bool = False, written: list[str] | None = None) -> str:
    """An FTS5 MATCH expression in which every term is a quoted string (so never an operator).

    ``written``: the query's words as the FTS tokenizer sees them (``fts_words``); where they
    differ from the folded ``terms`` ("lætitia", "laetitia"), a passage matching either is found.
    """
    expression = _all_of(terms, prefix)
    if written and written != terms:
        return f"({_all_of(written[:MAX_TERMS], prefix)}) OR ({expression})"
    return expression


def term_spans(text: str, terms: list[str], prefix: bool = False) -> tuple[Span, ...]:
    """Where the terms occur in ``text`` as whole words (or word starts), in source offsets."""
    if not terms:
        return ()
    folded, index = fold_with_map(text)
    found: list[Span] = []
    for number, term in enumerate(terms):
        is_prefix = prefix and number == len(terms) - 1
        tail = r"\w*" if is_prefix else r"(?!\w)"
        # The term alone lets the regex engine jump to its occurrences (a leading lookbehind
        # tried at every character cost 20 times more); an occurrence inside a word is then
        # skipped, and hides no other, since it spans word characters only.
        for match in re.finditer(re.escape(term) + tail, folded):
            start = match.start()
            if (start and _WORD_CHAR.match(folded, start - 1)) or match.end() == start:
                continue
            found.append((index[start], index[match.end() - 1] + 1))
    return tuple(sorted(set(found)))


def full_text_search(
    conn: sqlite3.Connection, text: str, limit: int = 50, *, prefix: bool = False
) -> FullTextResult:
    """Passages matching every word of ``text``: body passages first (then headings, tables
    and footnotes), best first within each when at most ``RANK_CAP`` match, else in document
    order; counted up to ``COUNT_CAP`` (``capped`` past it). A message instead of any error.

    With ``prefix`` the last word also matches longer words (for search-as-you-type).
    """
    terms = search_terms(text)
    if not terms:
        return FullTextResult((), "Type one or more words to search the passages.")
    expression = fts_expression(terms, prefix, fts_words(text[:MAX_QUERY]))
    limit = max(0, limit)
    try:
        ids = [
            int(rowid)
            for (rowid,) in conn.execute(
                "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid LIMIT ?",
                (expression, COUNT_CAP + 1),
            )
        ]
        ranked = len(ids) <= RANK_CAP
        if ranked:
            rows = conn.execute(
                f"SELECT {PASSAGE_COLUMNS} FROM passages_fts f "
                "JOIN passages p ON p.id = f.rowid JOIN documents d ON d.id = p.document_id "
                f"WHERE passages_fts MATCH ? ORDER BY {ZONE_RANK}, f.rank, p.id LIMIT ?",
                (expression, limit),
            ).fetchall()
        else:
            page = _document_order(conn, expression, ids, limit)
            rows = _passage_rows(conn, page)
    except sqlite3.Error as exc:
        return FullTextResult((), f"The search could not run ({exc}).")
    hits = tuple(excerpt_from_row(r, term_spans(str(r[7]), terms, prefix), ()) for r in rows)
    if not hits:
        shown = " ".join(terms)
        return FullTextResult((), f"No passage contains {shown!r}.", 0)
    capped = len(ids) > COUNT_CAP
    return FullTextResult(hits, "", min(len(ids), COUNT_CAP), capped=capped, ranked=ranked)


def _document_order(
    conn: sqlite3.Connection, expression: str, ids: list[int], limit: int
) -> list[int]:
    """The first ``limit`` matches in zone order, then document order; ``ids`` are the first
    matches (every one unless there are more than ``COUNT_CAP``), ascending."""
    by_zone: dict[str, list[int]] = {zone: [] for zone in ZONES}
    for first in range(0, len(ids), CHUNK):
        part = ids[first : first + CHUNK]
        marks = ",".join("?" * len(part))
        for pid, zone in conn.execute(f"SELECT id, zone FROM passages WHERE id IN ({marks})", part):
            by_zone.setdefault(str(zone), []).append(int(pid))
        if len(by_zone["body"]) >= limit:  # the first body passages of every match
            return sorted(by_zone["body"])[:limit]
    if len(ids) <= COUNT_CAP:
        return [pid for found in by_zone.values() for pid in sorted(found)][:limit]
    page: list[int] = []  # under a page of body passages among the first matches: ask each zone
    for zone in ZONES:
        page += [
            int(rowid)
            for (rowid,) in conn.execute(
                "SELECT f.rowid FROM passages_fts f JOIN passages p ON p.id = f.rowid "
                "WHERE passages_fts MATCH ? AND p.zone = ? ORDER BY f.rowid LIMIT ?",
                (expression, zone, limit - len(page)),
            )
        ]
        if len(page) >= limit:
            break
    return page


def _passage_rows(conn: sqlite3.Connection, ids: list[int]) -> list[Any]:
    """The rows of ``PASSAGE_COLUMNS`` of passages ``ids``, in that order."""
    found: dict[int, Any] = {}
    for first in range(0, len(ids), CHUNK):
        part = ids[first : first + CHUNK]
        marks = ",".join("?" * len(part))
        for row in conn.execute(
            f"SELECT {PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.document_id "
            f"WHERE p.id IN ({marks})",
            part,
        ):
            found[int(row[0])] = row
    return [found[pid] for pid in ids if pid in found]
