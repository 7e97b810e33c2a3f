"""The timeline (f4): the dated relations of the selected entity, or of the whole corpus, in
date order and grouped by year, with a chart of the count per year; Enter opens the evidence
of an entry. Dates are shown as the text gives them ("2015", "2017-09")."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from filature.export.views import View, timeline_view
from filature.query import Relation
from filature.query.views import Timeline, TimelineEntry
from filature.tui.catalog import Catalog
from filature.tui.explorer import explorer
from filature.tui.render import flat
from filature.tui.screens.evidence import amount_text
from filature.tui.screens.relation_screen import RelationScreen
from filature.tui.widgets.year_chart import YearChart

PRECISION = {"year": "year only", "month": "month only", "day": ""}


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
        self.timeline = Timeline(None, (), 0)
        self.entries: list[TimelineEntry | None] = []

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="timeline-title", markup=False)
        yield YearChart(id="timeline-chart")
        yield OptionList(id="timeline-entries")
        yield Footer()

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
        title = "the corpus" if self.scope is None else self.entity_name
        self.query_one("#timeline-title", Static).update(
            Content.assemble(Content("Timeline of ").stylize("$text-muted"), Content(flat(title)))
        )
        scope = self.scope
        self.read(lambda: self.catalog.timeline(scope), self._loaded)

    def _loaded(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.query_one(YearChart).show(timeline.counts)
        options = self.query_one("#timeline-entries", OptionList)
        options.clear_options()
        self.entries = []
        for year in timeline.years:
            heading = Content(f"── {year.year} · {year.count} ").stylize("bold $accent")
            options.add_option(Option(heading, disabled=True))
            self.entries.append(None)
            for entry in year.entries:
                options.add_option(Option(entry_content(entry)))
                self.entries.append(entry)
        if timeline.undated:
            s = "s" if timeline.undated != 1 else ""
            note = f"{timeline.undated} stated relation{s} without a date, not shown"
            options.add_option(Option(Content(note).stylize("italic $text-muted"), disabled=True))
            self.entries.append(None)
        if not timeline.years:
            options.add_option(
                Option(Content("No dated relation.").stylize("italic $text-muted"), disabled=True)
            )
            self.entries.append(None)
        first = next((i for i, e in enumerate(self.entries) if e is not None), None)
        options.highlighted = first
        total = len(timeline.entries)
        options.border_subtitle = f"{total:,} dated relation{'s' if total != 1 else ''}"

    def _current(self) -> TimelineEntry | None:
        index = self.query_one("#timeline-entries", OptionList).highlighted
        if index is None or index >= len(self.entries):
            return None
        return self.entries[index]

    @on(OptionList.OptionSelected, "#timeline-entries")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
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
        """The timeline as shown, quotes cited."""
        view = timeline_view(self.timeline)
        title = "the corpus" if self.scope is None else self.entity_name
        return View(f"Timeline of {title}", view.columns, view.rows, view.quotes)
