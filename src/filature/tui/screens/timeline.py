"""The timeline (f4): the dated relations of the selected entity, or of the whole corpus, in
date order and grouped by year, with a chart of the count per year; Enter opens the evidence
of an entry. Dates are shown as the text gives them ("2015", "2017-09"). The chart counts
every year in SQL; the entries are listed a page at a time ("… N more"), and exported whole."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from filature.export.views import Record, View, timeline_view
from filature.query import Relation
from filature.query.timeline import grouped
from filature.query.views import Timeline, TimelineEntry
from filature.tui.catalog import Catalog
from filature.tui.explorer import explorer
from filature.tui.render import flat
from filature.tui.screens.evidence import amount_text
from filature.tui.screens.relation_screen import RelationScreen
from filature.tui.widgets.key_footer import KeyFooter
from filature.tui.widgets.year_chart import YearChart

PRECISION = {"year": "year only", "month": "month only", "day": ""}
PAGE = 500
"""Entries read at a time (the corpus's timeline is read a page at a time)."""
MORE = "more"


def entry_content(entry: TimelineEntry) -> Content:
    """``2016-11-10  Meng Hongwei → president of → Interpol · président``."""
    r = entry.relation
    date = entry.date.text
    note = PRECISION[entry.date.precision]
    if entry.from_period:
        note = "period" + (f", {note}" if note else "")
    extras = [r.role or "", amount_text(r.amount, r.currency)]
    if r.period and not entry.from_period:
        extras.append(f"period {r.period}")
    tail = " · ".join(flat(x) for x in extras if x)
    event = "◆ " if entry.events else "  "
    return Content.assemble(
        Content(flat(date).ljust(10)).stylize("bold"),
        Content(f" ({note})" if note else "").stylize("$text-muted"),
        Content(f"  {event}"),
        Content(flat(r.source.name)).stylize("bold"),
        Content(f" → {r.label} → ").stylize("$text-muted"),
        Content(flat(r.target.name)).stylize("bold"),
        Content(f" · {tail}" if tail else ""),
    )


class TimelineScreen(RelationScreen):
    """Dated relations by year, for one entity or the corpus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "toggle_scope", "Entity/all", tooltip="The selected entity or the corpus"),
        Binding("enter", "evidence", "Evidence", tooltip="The passages behind the relation"),
        Binding(
            "e", "open_entity", "Go to", tooltip="Show the entry's other end on the main screen"
        ),
    ]

    def __init__(self, catalog: Catalog, entity_id: int | None, entity_name: str = "") -> None:
        """The timeline of ``entity_id`` (named ``entity_name``; None: the corpus)."""
        super().__init__()
        self.catalog = catalog
        self.entity_id = entity_id
        self.entity_name = entity_name
        self.corpus = entity_id is None
        self.loaded: list[TimelineEntry] = []
        """The entries read so far, in date order (a page at a time)."""
        self.ids: array[int] | None = None
        """Every dated relation's id in date order, once read."""
        self.counts: dict[int, int] = {}
        self.undated = 0
        self.entries: list[TimelineEntry | None] = []

    @property
    def timeline(self) -> Timeline:
        """The entries read so far, grouped by year."""
        return Timeline(self.scope, grouped(self.loaded), self.undated)

    @property
    def dated(self) -> int:
        """How many dated relations the timeline has, read or not."""
        return sum(self.counts.values())

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="timeline-title", markup=False)
        yield YearChart(id="timeline-chart")
        yield OptionList(id="timeline-entries")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#timeline-entries").border_title = "Dated relations"
        self.query_one("#timeline-entries").focus()
        self._load()

    @property
    def scope(self) -> int | None:
        """The entity shown, None for the corpus."""
        return None if self.corpus else self.entity_id

    def reload_data(self) -> None:
        """Read the database again (it was rebuilt, or decisions were made elsewhere)."""
        self._load()

    def _load(self) -> None:
        self._generation += 1
        self.ids = None
        title = "the corpus" if self.scope is None else self.entity_name
        self.query_one("#timeline-title", Static).update(
            Content.assemble(Content("Timeline of ").stylize("$text-muted"), Content(flat(title)))
        )
        self._read_pages(self.scope, self._generation)

    @work(thread=True, exclusive=True, group="timeline")
    def _read_pages(self, entity_id: int | None, generation: int) -> None:
        worker = get_current_worker()
        first, counts, undated = self.catalog.timeline_head(entity_id, PAGE)
        entries = self.catalog.timeline_entries(first)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._loaded, entries, counts, undated, generation)
        ids = self.catalog.timeline_order(entity_id) if len(first) == PAGE else first
        if not worker.is_cancelled:
            self.app.call_from_thread(self._ordered, ids, generation)

    def _ordered(self, ids: array[int] | None, generation: int) -> None:
        if generation == self._generation and self.is_attached:
            self.ids = ids

    def _loaded(
        self,
        entries: tuple[TimelineEntry, ...],
        counts: dict[int, int],
        undated: int,
        generation: int,
    ) -> None:
        if generation != self._generation or not self.is_attached:
            return
        self.counts, self.undated = counts, undated
        self.query_one(YearChart).show(counts)
        self.loaded = []
        self.entries = []
        options = self.query_one("#timeline-entries", OptionList)
        options.clear_options()
        self._add(entries)
        first = next((i for i, e in enumerate(self.entries) if e is not None), None)
        options.highlighted = first
        total = self.dated
        options.border_subtitle = f"{total:,} dated relation{'s' if total != 1 else ''}"

    def _add(self, entries: tuple[TimelineEntry, ...]) -> None:
        """List ``entries`` after those listed, then what remains unread or undated (the
        options added at once: one by one, each laid the whole list out again)."""
        options = self.query_one("#timeline-entries", OptionList)
        if self.entries and self.entries[-1] is None and self.loaded:
            self.entries.pop()  # the closing line, written again below
            options.remove_option_at_index(options.option_count - 1)
        added: list[Option] = []
        year = self.loaded[-1].date.year if self.loaded else None
        for entry in entries:
            if entry.date.year != year:
                year = entry.date.year
                count = self.counts.get(year, 0)
                heading = Content(f"── {year} · {count:,} ").stylize("bold $accent")
                added.append(Option(heading, disabled=True))
                self.entries.append(None)
            added.append(Option(entry_content(entry)))
            self.entries.append(entry)
        self.loaded.extend(entries)
        closing = self._closing_option()
        if closing is not None:
            added.append(closing)
            self.entries.append(None)
        options.add_options(added)

    def _closing_option(self) -> Option | None:
        """The line after the entries listed: how many more, or how many undated."""
        more = self.dated - len(self.loaded)
        if more > 0:
            plural = "s" if more != 1 else ""
            line = (
                f"… {more:,} more dated relation{plural}: Enter lists the next {min(more, PAGE):,}"
            )
            return Option(Content(line).stylize("italic $text-muted"), id=MORE)
        if self.undated:
            s = "s" if self.undated != 1 else ""
            note = f"{self.undated:,} stated relation{s} without a date, not shown"
            return Option(Content(note).stylize("italic $text-muted"), disabled=True)
        if not self.loaded:
            return Option(
                Content("No dated relation.").stylize("italic $text-muted"), disabled=True
            )
        return None

    def _more(self) -> None:
        """List the next page of entries."""
        if self.ids is None:
            self.notify("Still reading the order of the dated relations…", markup=False)
            return
        start = len(self.loaded)
        self._add(self.catalog.timeline_entries(self.ids[start : start + PAGE]))

    def _current(self) -> TimelineEntry | None:
        index = self.query_one("#timeline-entries", OptionList).highlighted
        if index is None or index >= len(self.entries):
            return None
        return self.entries[index]

    @on(OptionList.OptionSelected, "#timeline-entries")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE:
            self._more()
        else:
            self.action_evidence()

    def current_relation(self) -> Relation | None:
        """The relation of the entry under the cursor."""
        entry = self._current()
        return None if entry is None else entry.relation

    def action_toggle_scope(self) -> None:
        """Switch between the selected entity's timeline and the corpus's."""
        if self.entity_id is None:
            self.notify("No entity is selected: this is the corpus's timeline.", markup=False)
            return
        self.corpus = not self.corpus
        self._load()

    def action_open_entity(self) -> None:
        """Show the entry's other end (or its source, on the corpus's timeline) on the main
        screen."""
        entry = self._current()
        if entry is None:
            return
        r = entry.relation
        other = r.target if r.source.id == self.scope else r.source
        explorer(self).open_entity(other.id)

    def current_view(self) -> View:
        """Every dated relation of the timeline (not only those listed so far), quotes
        cited: streamed from the database a page at a time when written."""
        ids = self.ids
        if ids is None:
            ids = self.catalog.timeline_order(self.scope) or array("q")
        catalog, scope = self.catalog, self.scope

        def stream() -> Iterator[Record]:
            for start in range(0, len(ids), PAGE):
                entries = catalog.timeline_entries(ids[start : start + PAGE])
                view = timeline_view(Timeline(scope, grouped(entries), 0))
                yield from zip(view.rows, view.quotes, strict=True)

        view = timeline_view(Timeline(scope, (), 0))
        title = "the corpus" if self.scope is None else self.entity_name
        return View(f"Timeline of {title}", view.columns, (), (), stream, len(ids))
