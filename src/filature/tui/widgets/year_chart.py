"""How many dated relations each year holds, as a text bar chart: one column per year of the
span (years without any shown as such, never skipped), the count above each bar when there
is room, the years below."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

LEVELS = " ▁▂▃▄▅▆▇█"


def bar_lines(counts: dict[int, int], width: int) -> list[str]:
    """Three lines (counts, bars, years) for ``counts`` within ``width`` columns; years are
    merged in spans of several when the span is wider than the room."""
    if not counts:
        return ["", "No dated relation.", ""]
    first, last = min(counts), max(counts)
    span = last - first + 1
    step = 1
    while span / step * 2 > width and step < span:
        step += 1
    buckets = [
        (year, sum(counts.get(y, 0) for y in range(year, min(year + step, last + 1))))
        for year in range(first, last + 1, step)
    ]
    cell = max(2, min(6, width // len(buckets)))
    top = max(n for _, n in buckets)
    numbers, bars, years = [], [], []
    for year, n in buckets:
        level = 0 if n == 0 else max(1, round(n / top * (len(LEVELS) - 1)))
        bar = (LEVELS[level] if n else "·") * (cell - 1)
        bars.append(bar + " ")
        numbers.append((str(n) if n and len(str(n)) < cell else "").ljust(cell))
        years.append((str(year) if cell >= 5 else str(year)[2:]).ljust(cell)[:cell])
    if cell < 5:
        years = [f"{first}".ljust(cell * len(buckets) - 4) + f"{last}"]
        if step > 1:
            years = [f"{first} … {last} ({step} years per bar)"]
    return ["".join(numbers).rstrip(), "".join(bars).rstrip(), "".join(years).rstrip()]


class YearChart(Widget):
    """Counts per year, redrawn to the widget's width."""

    DEFAULT_CSS = "YearChart { height: 3; }"

    def __init__(self, *, id: str | None = None) -> None:
        """An empty chart."""
        super().__init__(id=id)
        self.counts: dict[int, int] = {}

    def show(self, counts: dict[int, int]) -> None:
        """Draw ``counts`` (year -> relations)."""
        self.counts = dict(counts)
        self.refresh()

    def render(self) -> Content:
        lines = bar_lines(self.counts, max(10, self.size.width))
        return Content.assemble(
            Content(lines[0]).stylize("$text-muted"),
            "\n",
            Content(lines[1]).stylize("$accent"),
            "\n",
            Content(lines[2]).stylize("$text-muted"),
        )
