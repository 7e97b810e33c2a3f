"""The relations table's text: the totals per source and year, and the view as the grid shows
it (period beside the date and made compact, shared amounts marked)."""

from __future__ import annotations

import re

from textual.content import Content

from filature.export.views import View
from filature.query.views import SourceTotal, TableRow
from filature.text import counted
from filature.tui.render import flat
from filature.tui.screens.evidence import amount_text

TOTALS_SHOWN = 200
"""Lines of totals the box holds: it is laid out whole, and at 30,000 sources each layout of
the screen took seconds (filtering the table narrows the totals to its rows)."""


def totals_content(totals: tuple[SourceTotal, ...]) -> Content:
    """One line per source and currency: its amount per year, then its total (the first
    ``TOTALS_SHOWN``, then how many more)."""
    lines: list[Content] = []
    for t in totals[:TOTALS_SHOWN]:
        years = " · ".join(
            f"{'undated' if year is None else year}: {amount_text(value, None)}"
            for year, value in t.by_year
        )
        lines.append(
            Content.assemble(
                Content(flat(t.source.name)).stylize("bold"),
                Content(f" ({t.currency or 'no currency'}) "),
                Content(years),
                Content(f" · total {amount_text(t.total, t.currency)}").stylize("bold"),
                Content(f" · {counted(t.relations, 'relation')}").stylize("$text-muted"),
            )
        )
    more = len(totals) - TOTALS_SHOWN
    if more > 0:
        lines.append(
            Content(
                f"… {more:,} more sources and currencies: filter the table (/) to see theirs"
            ).stylize("$text-muted")
        )
    return Content("\n").join(lines)


def compact_period(period: str) -> str:
    """A period as short as it can be said exactly: ``2017-01-01/2017-12-31`` -> ``2017``,
    ``2017-01-01/2018-12-31`` -> ``2017–2018``; any other period as given."""
    found = _WHOLE_YEARS.fullmatch(period.strip())
    if found is None:
        return period
    first, last = found["first"], found["last"]
    return first if first == last else f"{first}–{last}"


_WHOLE_YEARS = re.compile(r"(?P<first>\d{4})(?:-01-01)?/(?P<last>\d{4})(?:-12-31)?")

DISPLAY_ORDER = (
    "source", "relation", "target", "role", "date", "period", "amount", "currency",
    "documents", "passages",
)  # fmt: skip


def shown_view(view: View, rows: tuple[TableRow, ...]) -> View:
    """The view as the grid shows it: the period beside the date and made compact, a
    shared amount as ``2 047 000 shared`` (its currency is in the next column)."""
    order = [view.columns.index(c) for c in DISPLAY_ORDER if c in view.columns]
    amount, period = view.columns.index("amount"), view.columns.index("period")
    cells = []
    for row, values in zip(rows, view.rows, strict=True):
        changed = list(values)
        changed[period] = compact_period(values[period])
        if row.shared_amount is not None:
            changed[amount] = f"{amount_text(row.shared_amount.value, None)} shared"
        cells.append(tuple(changed[i] for i in order))
    columns = tuple(view.columns[i] for i in order)
    return View(view.title, columns, tuple(cells), view.quotes)
