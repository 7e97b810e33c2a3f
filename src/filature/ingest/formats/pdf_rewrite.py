"""A PDF page's text rewritten as its layout reads: a two-column block left column first, table
rows set apart with their cells joined by `` | `` (``pdf_layout`` finds where)."""

from __future__ import annotations

import bisect
import itertools
import operator


def _line_end(text: str, index: int) -> int:
    """Where the line holding ``index`` ends (its ``\\r\\n`` or ``\\n``, else the text's end)."""
    end = text.find("\n", index)
    if end < 0:
        return len(text)
    return end - 1 if end > index and text[end - 1] == "\r" else end


def in_column_order(
    text: str, columns: tuple[tuple[int, int | None, bool], ...]
) -> tuple[str, list[int]] | None:
    """The page's text with the two-column block read left column first, and for each of its
    characters the index of the character of ``text`` it comes from; None if the block is
    not where the layout says (then the page keeps PDFium's order)."""
    lefts: list[tuple[int, int]] = []
    rights: list[tuple[int, int]] = []
    for first, second, left in columns:
        end = _line_end(text, second if second is not None else first)
        if second is None:
            (lefts if left else rights).append((first, end))
        elif "\n" in text[first:second]:
            return None
        else:
            lefts.append((first, second))
            rights.append((second, end))
    start, stop = columns[0][0], max(end for _, end in lefts + rights)
    pieces = [text[:start]]
    origin = list(range(start))
    for number, (a, b) in enumerate(lefts + rights):
        if number:
            pieces.append("\r\n")
            origin += [max(a - 1, 0)] * 2
        pieces.append(text[a:b])
        origin.extend(range(a, b))
    pieces.append(text[stop:])
    origin.extend(range(stop, len(text)))
    return "".join(pieces), origin


def _shift(ats: list[int], added: list[int], position: int, *, before: bool) -> int:
    """``position`` once the edits made at ``ats`` (in order) have added ``added`` characters
    (in all, up to each one); text inserted exactly there goes before it when ``before``."""
    count = (bisect.bisect_right if before else bisect.bisect_left)(ats, position)
    return position + (added[count - 1] if count else 0)


def _row_edits(text: str, table: list[list[int]]) -> list[tuple[int, str]]:
    """The insertions that set a table's rows apart and mark its cells: each row of a table of
    several rows after a blank line (the cleaner never runs a paragraph on across one), a row
    alone on a line of its own, indented (the cleaner starts a paragraph at an indented line
    after a short one: no line is added, so that the cleaner's distances between lines that
    come back, its clue to running headers, stay as they were); cells joined by `` | ``."""
    edits: list[tuple[int, str]] = []
    alone = len(table) == 1
    for row in table:
        at_line_start = row[0] == 0 or text[row[0] - 1] == "\n"
        if alone:
            edits.append((row[0], " " if at_line_start else "\r\n "))
        elif row[0] > 0:
            edits.append((row[0], "\r\n" if at_line_start else "\r\n\r\n"))
        edits += [(cell, "| " if text[cell - 1] == " " else " | ") for cell in row[1:]]
    end = _line_end(text, table[-1][-1])
    if alone:
        following = text.find("\n", end) + 1
        if 0 < following < len(text):
            edits.append((following, " "))
    elif end < len(text):
        edits.append((end, "\r\n"))
    return edits


def with_tables(
    text: str, rows_of: list[list[int]], table_ends: list[int], notes: int | None
) -> tuple[str, list[tuple[int, int]], int | None]:
    """The page's text with each table's rows set apart and their cells joined by `` | `` (as
    a word-processor table is written). ``rows_of`` holds, for each row, the positions in
    ``text`` where its cells start, ``table_ends`` the index of each table's last row in
    ``rows_of``. Returns the text, the tables' spans and where the footnotes (``notes``) now
    start."""
    edits: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    first = 0
    for last in table_ends:
        table = rows_of[first : last + 1]
        first = last + 1
        if any(text.find("\n", row[0], row[-1]) >= 0 for row in table):
            continue
        edits += _row_edits(text, table)
        spans.append((table[0][0], _line_end(text, table[-1][-1])))
    if not edits:
        return text, [], notes
    edits.sort(key=operator.itemgetter(0))
    pieces: list[str] = []
    keep = pieces.append
    done = 0
    for at, inserted in edits:
        keep(text[done:at])
        keep(inserted)
        done = at
    keep(text[done:])
    ats = [at for at, _ in edits]
    added = list(itertools.accumulate(map(len, [inserted for _, inserted in edits])))
    placed = [
        (_shift(ats, added, a, before=True), _shift(ats, added, b, before=False)) for a, b in spans
    ]
    moved = None if notes is None else _shift(ats, added, notes, before=True)
    return "".join(pieces), placed, moved
