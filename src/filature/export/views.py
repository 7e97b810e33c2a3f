"""Export of a view (the relations table, its totals, a timeline, a network, the notes) to
CSV or Markdown, with every quoted excerpt cited (``filature.cite``).

A view is a title, columns, rows of cells and, per row, the quotes that support it. CSV is
UTF-8 with a byte-order mark, formula-looking cells guarded (as the CSV export); Markdown
escapes every markup character and numbers the quotes under the table.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from filature.export.files import ExportProblem, write_file
from filature.export.tabular import CSV_ENCODING, guard
from filature.query.types import Evidence, Excerpt, Relation
from filature.query.views import Network, NoteRecord, RelationTable, Timeline
from filature.text import printable_line

ViewFormat = Literal["csv", "md"]
MAX_QUOTES = 3
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>&|~$^!#])")


@dataclass(frozen=True)
class Quote:
    """A quoted excerpt and its citation."""

    text: str
    citation: str


Record = tuple[tuple[str, ...], tuple[Quote, ...]]


@dataclass(frozen=True)
class View:
    """A table as shown: its title, column names, rows of cells and each row's quotes; or,
    for a table too large to hold (the relations table), ``stream`` giving its rows and
    quotes a few at a time and ``size`` their number (``rows`` and ``quotes`` then empty)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    quotes: tuple[tuple[Quote, ...], ...]
    stream: Callable[[], Iterator[Record]] | None = None
    size: int | None = None


def view_records(view: View) -> Iterator[Record]:
    """Each row of ``view`` with its quotes, streamed when the view streams."""
    if view.stream is not None:
        yield from view.stream()
    else:
        yield from zip(view.rows, view.quotes, strict=True)


def view_size(view: View) -> int:
    """How many rows ``view`` has."""
    return len(view.rows) if view.size is None else view.size


def _amount(value: float | None) -> str:
    return (
        ""
        if value is None
        else f"{value:,.0f}".replace(",", " ")
        if value == int(value)
        else f"{value:,.2f}".replace(",", " ")
    )


def _quotes(evidence: Sequence[Evidence | Excerpt]) -> tuple[Quote, ...]:
    out = []
    for item in evidence[:MAX_QUOTES]:
        text = item.quote if isinstance(item, Evidence) else _marked(item)
        out.append(Quote(printable_line(text), printable_line(item.reference())))
    return tuple(out)


def _marked(excerpt: Excerpt) -> str:
    if excerpt.spans:
        start, end = excerpt.spans[0]
        return excerpt.text[start:end]
    return excerpt.text


def _relation_cells(r: Relation) -> tuple[str, ...]:
    return (
        r.source.name, r.label, r.target.name, r.role or "", r.date or "",
        _amount(r.amount), r.currency or "", r.period or "",
    )  # fmt: skip


def relation_table_view(table: RelationTable) -> View:
    """The relations table as a view: one row per relation, its evidence quoted."""
    columns = (
        "source", "relation", "target", "role", "date", "amount", "currency", "period",
        "documents", "passages",
    )  # fmt: skip
    rows = tuple(
        (*_relation_cells(row.relation), "; ".join(row.documents), str(row.passages))
        if row.shared_amount is None
        else (
            *_relation_cells(row.relation)[:5],
            f"{row.shared_amount.text} (shared)",
            row.shared_amount.currency or "",
            row.relation.period or "",
            "; ".join(row.documents),
            str(row.passages),
        )
        for row in table.rows
    )
    quotes = tuple(_quotes(row.relation.evidence) for row in table.rows)
    return View(f"Relations: {table.rtype or 'every stated type'}", columns, rows, quotes)


def totals_view(table: RelationTable) -> View:
    """The amounts per source, currency and year of a relations table."""
    rows = tuple(
        (t.source.name, t.currency or "", "undated" if year is None else str(year), _amount(amount))
        for t in table.totals
        for year, amount in (*t.by_year, ("total", t.total))
    )
    return View(
        f"Amounts per source: {table.rtype or 'every stated type'}",
        ("source", "currency", "year", "amount"),
        rows,
        tuple(() for _ in rows),
    )


def timeline_view(timeline: Timeline) -> View:
    """A timeline as a view: the year, the date as given, then the relation."""
    columns = ("year", "date", "source", "relation", "target", "role", "amount", "currency")
    rows = tuple(
        (
            str(e.date.year),
            e.date.text + (" (period)" if e.from_period else ""),
            e.relation.source.name,
            e.relation.label,
            e.relation.target.name,
            e.relation.role or "",
            _amount(e.relation.amount),
            e.relation.currency or "",
        )
        for e in timeline.entries
    )
    quotes = tuple(_quotes(e.relation.evidence) for e in timeline.entries)
    return View("Timeline", columns, rows, quotes)


def network_view(network: Network) -> View:
    """An ego network as a view: one row per neighbour (and per ``+ N more``)."""
    rows: list[tuple[str, ...]] = []
    for via, groups in ((network.center, network.groups), *network.second):
        for g in groups:
            for n in g.neighbours:
                kind = "stated" if g.stated else "co-occurrence"
                rows.append(
                    (
                        via.name,
                        g.label,
                        n.entity.name,
                        n.entity.type,
                        kind,
                        str(n.relations),
                        str(n.weight),
                    )
                )
            if g.more:
                rows.append((via.name, g.label, g.more_label, "", "", "", ""))
    columns = ("from", "relation", "neighbour", "type", "kind", "relations", "weight")
    return View(f"Network of {network.center.name}", columns, tuple(rows), tuple(() for _ in rows))


def notes_view(notes: Sequence[NoteRecord]) -> View:
    """The notes as a view: what each points to, the note, and the quoted excerpt or
    evidence it stars."""
    rows = tuple(
        (n.kind, n.label, n.note, n.date or "", "" if n.found else "not found in this database")
        for n in notes
    )
    quotes = tuple(
        _quotes([n.excerpt] if n.excerpt else n.relation.evidence if n.relation else [])
        for n in notes
    )
    return View("Notes", ("kind", "points to", "note", "date", "status"), rows, quotes)


def view_csv(view: View) -> str:
    """The view as CSV: its columns, then ``quotes`` (« quote » — citation, joined by |)."""
    buffer = io.StringIO(newline="")
    _write_csv(view, buffer)
    return buffer.getvalue()


def _write_csv(view: View, handle: TextIO) -> None:
    writer = csv.writer(handle)
    writer.writerow([*view.columns, "quotes"])
    for cells, quotes in view_records(view):
        cited = " | ".join(f"« {q.text} » — {q.citation}" for q in quotes)
        writer.writerow([guard(printable_line(c)) for c in (*cells, cited)])


def md_cell(text: str) -> str:
    """Text as an inert Markdown table cell on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(printable_line(text).split()))


def view_markdown(view: View) -> str:
    """The view as a Markdown table, quotes numbered in a last column and cited below it."""
    buffer = io.StringIO()
    _write_markdown(view, buffer)
    return buffer.getvalue()


def _write_markdown(view: View, handle: TextIO) -> None:
    """The Markdown of ``view`` written row by row; the quotes cited below the table wait in
    a temporary file meanwhile (a streamed view is never held whole)."""
    handle.write(f"# {md_cell(view.title)}\n\n")
    handle.write("| " + " | ".join(md_cell(c) for c in (*view.columns, "quotes")) + " |\n")
    handle.write("|" + " --- |" * (len(view.columns) + 1) + "\n")
    cited = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as below:
        for cells, quotes in view_records(view):
            refs = []
            for quote in quotes:
                cited += 1
                refs.append(f"[{cited}]")
                below.write(f"{cited}. « {md_cell(quote.text)} » — *{md_cell(quote.citation)}*\n")
            handle.write("| " + " | ".join(md_cell(c) for c in (*cells, " ".join(refs))) + " |\n")
        if cited:
            handle.write("\n## Quotes\n\n")
            below.seek(0)
            shutil.copyfileobj(below, handle)


def write_view(view: View, out: Path, fmt: ViewFormat | None = None) -> Path:
    """Write ``view`` to ``out`` atomically as CSV or Markdown (by default, from the suffix:
    ``.csv``, else Markdown)."""
    chosen = fmt or ("csv" if out.suffix.lower() == ".csv" else "md")
    if chosen not in ("csv", "md"):
        raise ExportProblem(f"Unknown view format {chosen!r}.", "use csv or md")

    def write(handle: TextIO) -> None:
        if chosen == "csv":
            handle.write("\ufeff" if CSV_ENCODING == "utf-8-sig" else "")
            _write_csv(view, handle)
        else:
            _write_markdown(view, handle)

    return write_file(out, write, newline="")
