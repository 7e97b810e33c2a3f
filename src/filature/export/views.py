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
from collections.abc import Sequence
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


@dataclass(frozen=True)
class View:
    """A table as shown: its title, column names, rows of cells and each row's quotes."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    quotes: tuple[tuple[Quote, ...], ...]


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
    writer = csv.writer(buffer)
    writer.writerow([*view.columns, "quotes"])
    for cells, quotes in zip(view.rows, view.quotes, strict=True):
        cited = " | ".join(f"« {q.text} » — {q.citation}" for q in quotes)
        writer.writerow([guard(printable_line(c)) for c in (*cells, cited)])
    return buffer.getvalue()


def md_cell(text: str) -> str:
    """Text as an inert Markdown table cell on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(printable_line(text).split()))


def view_markdown(view: View) -> str:
    """The view as a Markdown table, quotes numbered in a last column and cited below it."""
    lines = [f"# {md_cell(view.title)}", ""]
    lines.append("| " + " | ".join(md_cell(c) for c in (*view.columns, "quotes")) + " |")
    lines.append("|" + " --- |" * (len(view.columns) + 1))
    cited: list[Quote] = []
    for cells, quotes in zip(view.rows, view.quotes, strict=True):
        refs = []
        for quote in quotes:
            cited.append(quote)
            refs.append(f"[{len(cited)}]")
        lines.append("| " + " | ".join(md_cell(c) for c in (*cells, " ".join(refs))) + " |")
    if cited:
        lines += ["", "## Quotes", ""]
        lines += [
            f"{n}. « {md_cell(q.text)} » — *{md_cell(q.citation)}*" for n, q in enumerate(cited, 1)
        ]
    return "\n".join(lines) + "\n"


def write_view(view: View, out: Path, fmt: ViewFormat | None = None) -> Path:
    """Write ``view`` to ``out`` atomically as CSV or Markdown (by default, from the suffix:
    ``.csv``, else Markdown)."""
    chosen = fmt or ("csv" if out.suffix.lower() == ".csv" else "md")
    if chosen not in ("csv", "md"):
        raise ExportProblem(f"Unknown view format {chosen!r}.", "use csv or md")
    text = view_csv(view) if chosen == "csv" else view_markdown(view)

    def write(handle: TextIO) -> None:
        if chosen == "csv":
            handle.write("\ufeff" if CSV_ENCODING == "utf-8-sig" else "")
        handle.write(text)

    return write_file(out, write, newline="")
