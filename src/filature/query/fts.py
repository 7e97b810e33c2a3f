"""Full-text search over passages (FTS5), safe for any input, with matched terms located."""

from __future__ import annotations

import re
import sqlite3

from filature.query.reader import PASSAGE_COLUMNS, ZONE_RANK, excerpt_from_row
from filature.query.text import fold_with_map, fts_words, norm_key
from filature.query.types import FullTextResult, Span

MAX_QUERY = 200
MAX_TERMS = 16
_WORD = re.compile(r"\w+")


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
        for match in re.finditer(r"(?<!\w)" + re.escape(term) + tail, folded):
            if match.end() > match.start():
                found.append((index[match.start()], index[match.end() - 1] + 1))
    return tuple(sorted(set(found)))


def full_text_search(
    conn: sqlite3.Connection, text: str, limit: int = 50, *, prefix: bool = False
) -> FullTextResult:
    """Passages matching every word of ``text``: body passages first (then headings, tables
    and footnotes), best first within each; a message instead of any error.

    With ``prefix`` the last word also matches longer words (for search-as-you-type).
    """
    terms = search_terms(text)
    if not terms:
        return FullTextResult((), "Type one or more words to search the passages.")
    expression = fts_expression(terms, prefix, fts_words(text[:MAX_QUERY]))
    try:
        (total,) = conn.execute(
            "SELECT COUNT(*) FROM passages_fts WHERE passages_fts MATCH ?", (expression,)
        ).fetchone()
        rows = conn.execute(
            f"SELECT {PASSAGE_COLUMNS} FROM passages_fts f "
            "JOIN passages p ON p.id = f.rowid JOIN documents d ON d.id = p.document_id "
            f"WHERE passages_fts MATCH ? ORDER BY {ZONE_RANK}, f.rank, p.id LIMIT ?",
            (expression, max(0, limit)),
        ).fetchall()
    except sqlite3.Error as exc:
        return FullTextResult((), f"The search could not run ({exc}).")
    hits = tuple(excerpt_from_row(r, term_spans(str(r[7]), terms, prefix), ()) for r in rows)
    if not hits:
        shown = " ".join(terms)
        return FullTextResult((), f"No passage contains {shown!r}.", 0)
    return FullTextResult(hits, "", int(total))
