"""Funding tables: one ``funds`` relation per funder and programme of each row.

A table may come as one passage or as a run of short passages (one per cell or line). Cells are
cut at passage ends, line ends, wide gaps, bullets, amounts and dates, then read in order: a row
is a funder, one or more programmes (bulleted lines, or the cells after the funder), amounts,
maybe other columns, and a period. Nothing depends on the names in the table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from filature.extract.relations.lexicon import fold, load_relation_lexicon
from filature.extract.relations.quantities import find_amounts, find_dates, find_periods
from filature.extract.relations.types import MentionSpan, RelationCandidate, TableResult

_CUT = re.compile(r"\n|\t| {3,}|•|▪|◦|●")
_BULLET = ("•", "▪", "◦", "●")
_TRAIL = re.compile(
    r"[\s,;:–-]*(?:\(?\s*(?:1[89]|20)\d\d\s*[-–]\s*(?:1[89]|20)\d\d\s*\)?)?[\s,;:–-]*$"
)
_STRIP = " \t\n•▪◦●-–:;,"
PAIRED, SHARED = 0.9, 0.75

TablePassage = tuple[int, str, Sequence[MentionSpan]]
"""One table passage: its seq, its text and its mentions."""


@dataclass(frozen=True)
class Cell:
    """A piece of a table passage: ``kind`` is text, bullet, amount or period."""

    seq: int
    start: int
    end: int
    kind: str
    value: object = None


@dataclass
class Row:
    """The cells of one row read so far."""

    funder: Cell | None = None
    programmes: list[Cell] = field(default_factory=list)
    amounts: list[Cell] = field(default_factory=list)
    period: Cell | None = None
    cells: list[Cell] = field(default_factory=list)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    piece = text[start:end]
    m = _TRAIL.search(piece)
    if m and m.start() > 0:
        end = start + m.start()
    while end > start and text[end - 1] in " \t\n(–-,;:":
        end -= 1
    if text[start:end].endswith(")") and "(" in text[start:end]:
        cut = text.rindex("(", start, end)
        if any(ch.isalpha() for ch in text[start:cut]):
            end = cut
            while end > start and text[end - 1] in " \t\n":
                end -= 1
    return start, end


def _cells(seq: int, text: str) -> list[Cell]:
    marks: list[tuple[int, int, str, object]] = []
    for money in find_amounts(text):
        marks.append((money.start, money.end, "amount", (money.amount, money.currency)))
    taken = [(s, e) for s, e, _, _ in marks]
    for p in find_periods(text) + find_dates(text):
        if not any(p.start < e and s < p.end for s, e in taken):
            marks.append((p.start, p.end, "period", p.value))
            taken.append((p.start, p.end))
    cuts = sorted(
        {
            0,
            len(text),
            *(m.start() for m in _CUT.finditer(text)),
            *(s for s, _, _, _ in marks),
            *(e for _, e, _, _ in marks),
        }
    )
    cells = [Cell(seq, s, e, kind, value) for s, e, kind, value in marks]
    for a, b in itertools.pairwise(cuts):
        if any(s <= a and b <= e for s, e in taken):
            continue
        s, e = _trim(text, a, b)
        if e - s >= 2 and any(c.isalpha() for c in text[s:e]):
            kind = (
                "bullet"
                if text[max(0, a - 1) : a + 1].strip().startswith(_BULLET)
                or text[a : a + 1] in _BULLET
                else "text"
            )
            cells.append(Cell(seq, s, e, kind))
    return sorted(cells, key=lambda c: c.start)


def _money(cell: Cell) -> tuple[float, str]:
    value = cell.value
    assert isinstance(value, tuple)
    return float(value[0]), str(value[1])


def _line(text: str, start: int, end: int) -> str:
    stop = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1 : len(text) if stop < 0 else stop]


def _is_header(text: str) -> bool:
    words = set(re.findall(r"\w+", fold(text)))
    columns = load_relation_lexicon().table_headers.values()
    return sum(1 for col in columns if words & set(col)) >= 2


def _mention(mentions: Sequence[MentionSpan], start: int, end: int) -> MentionSpan | None:
    for m in mentions:
        overlap = min(end, m.end) - max(start, m.start)
        if (
            overlap > 0
            and overlap >= 0.6 * (end - start)
            and m.type in {"organization", "operation", "place", "event"}
        ):
            return m
    return None


def _rows(passages: Sequence[TablePassage]) -> list[Row]:
    stream = [c for seq, text, _ in passages for c in _cells(seq, text)]
    texts = {seq: text for seq, text, _ in passages}
    rows: list[Row] = []
    row = Row()
    for k, cell in enumerate(stream):
        nxt = stream[k + 1] if k + 1 < len(stream) else None
        if cell.kind == "text" and _is_header(_line(texts[cell.seq], cell.start, cell.end)):
            continue
        if cell.kind == "text":
            starts_row = (nxt is not None and nxt.kind == "bullet") or row.period is not None
            if starts_row or (row.funder is None and not row.programmes):
                if row.funder is not None:
                    rows.append(row)
                row = Row(funder=cell)
            elif row.amounts:
                pass
            else:
                row.programmes.append(cell)
        elif cell.kind == "bullet":
            row.programmes.append(cell)
        elif cell.kind == "amount":
            row.amounts.append(cell)
        elif row.amounts:
            row.period = cell
        row.cells.append(cell)
    if row.funder is not None:
        rows.append(row)
    return rows


def find_table_candidates(passages: Sequence[TablePassage]) -> TableResult:
    """``funds`` candidates from the table passages of one document, in order.

    Candidates are returned with the seq of the programme's passage in ``source_seq`` /
    ``target_seq``; names without a mention come back in ``new_mentions`` as (seq, span) for the
    pipeline to add (funders as organizations, programmes as operations).
    """
    known = {seq: list(ms) for seq, _, ms in passages}
    new: list[tuple[int, MentionSpan]] = []
    found: list[tuple[int, RelationCandidate]] = []

    def resolve(cell: Cell, etype: str) -> MentionSpan:
        hit = _mention(known[cell.seq], cell.start, cell.end)
        if hit is None:
            hit = MentionSpan(cell.start, cell.end, etype)
            known[cell.seq].append(hit)
            new.append((cell.seq, hit))
        return hit

    for row in _rows(passages):
        if row.funder is None or not row.programmes or not row.amounts:
            continue
        funder = resolve(row.funder, "organization")
        paired = len(row.amounts) == len(row.programmes)
        period = None if row.period is None else str(row.period.value)
        for i, prog in enumerate(row.programmes):
            target = resolve(prog, "operation")
            money = row.amounts[i if paired else 0]
            # a row's one amount for several programmes is their total, not each one's: it
            # stays in the evidence, never on a programme
            amount, currency = _money(money) if paired or len(row.programmes) == 1 else (None, None)
            cells = [row.funder, money, *([row.period] if row.period else [])]
            evidence = tuple((c.seq, c.start, c.end) for c in cells)
            found.append(
                (
                    prog.seq,
                    RelationCandidate(
                        source=funder.span,
                        target=target.span,
                        type="funds",
                        rule="table_funding_row" if paired else "table_funding_row_total",
                        confidence=PAIRED if paired else SHARED,
                        evidence=(prog.start, prog.end),
                        amount=None if amount is None else float(amount),
                        currency=None if currency is None else str(currency),
                        period=period,
                        source_seq=row.funder.seq,
                        more_evidence=evidence,
                        trigger="table",
                    ),
                )
            )
    return TableResult(tuple(found), tuple(new))
