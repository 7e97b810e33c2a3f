"""The main screen: entities, relations of the selected one, and the excerpts that say so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Select
from textual.worker import get_current_worker

from filature.query import EntityRow, RelationRow
from filature.text import counted
from filature.tui.catalog import Catalog
from filature.tui.curating import Curator
from filature.tui.history import History
from filature.tui.noting import Notary
from filature.tui.render import flat
from filature.tui.screens.entity_actions import EntityActions
from filature.tui.screens.excerpt_host import ExcerptHost
from filature.tui.screens.history_keys import HistoryKeys
from filature.tui.screens.type_ahead import TypeAhead
from filature.tui.screens.zoom import PaneZoom
from filature.tui.widgets.entity_header import EntityHeader
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.entity_pane import EntityPane
from filature.tui.widgets.excerpt_list import FIRST_PAGE, ExcerptList
from filature.tui.widgets.key_footer import KeyFooter
from filature.tui.widgets.relation_detail import RelationDetail
from filature.tui.widgets.relations_tree import RelationsTree

# At start-up the list shows this many entities at once, the rest once read (in a thread).
FIRST_ROWS = 500


class MainScreen(EntityActions, TypeAhead, PaneZoom, HistoryKeys, ExcerptHost):
    """Three panes and a header; keeps the history of the entities shown.

    The app talks to it with messages (``Show``, ``Reload``), as its widgets and its curator
    do (``EntityList.Chosen``, ``Curator.Changed``...): nothing outside reaches into it.
    """

    @dataclass
    class Show(Message):
        """Show an entity (recorded in the history)."""

        entity_id: int

    class Reload(Message):
        """The database changed under the app (a rebuild, decisions made elsewhere)."""

    @dataclass
    class ShowType(Message):
        """List the entities of one type (the frequency view's Enter on a type)."""

        etype: str

    # No printable key is bound here: whatever is typed on this screen goes to the name filter
    # (``on_key``), so typing a name never runs a command. Curation waits behind ctrl+e.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "copy_excerpt", "Copy", tooltip="Copy the excerpt with its citation"),
        Binding(
            "ctrl+e",
            "entity_menu",
            "Curate",
            tooltip="Entity menu: merge, rename, type, drop, split, undo, copy card, dossier",
        ),
        Binding("ctrl+u", "curation_list", "Decisions", show=False, tooltip="List every decision"),
        Binding(
            "ctrl+n",
            "note",
            "Note",
            show=False,
            tooltip="Star the highlighted excerpt, relation or entity with a note (or edit it)",
        ),
        Binding("escape", "clear_filter", "Clear filter", show=False, tooltip="Clear the filter"),
        Binding("alt+left,backspace", "back", "Back", tooltip="Previous entity"),
        Binding("alt+right", "forward", "Forward", show=False, tooltip="Next entity"),
        Binding("enter", "open_excerpt", "Open", show=False),
    ]

    def __init__(self, catalog: Catalog) -> None:
        """The main screen over ``catalog``."""
        super().__init__()
        self.catalog = catalog
        self.history = History()
        self.entity_id: int | None = None
        self.relation: RelationRow | None = None
        self.curator = Curator(self, catalog, lambda: self.filature.curation)
        self.notary = Notary(self, catalog)
        self._rows_etype: str | None = None
        self._rows_generation = 0

    def compose(self) -> ComposeResult:
        yield EntityHeader(id="header")
        with Horizontal(id="panes"):
            yield EntityPane(self.catalog.type_counts(), self.catalog.entity_facts, id="entities")
            yield RelationsTree(id="relations")
            yield ExcerptList(id="excerpts")
        yield RelationDetail(id="relation-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#entities").border_title = "Entities"
        self.query_one("#relations").border_title = "Relations"
        self.query_one("#excerpts").border_title = "Excerpts"
        entities = self.query_one(EntityList)
        with entities.prevent(EntityList.Highlighted):  # shown once the list is on screen
            self.load_rows(None, None, quick=True)
        entities.focus()
        self.call_after_refresh(self._show_first)

    def _show_first(self) -> None:
        """The entity under the cursor at start, drawn after the list (first paint)."""
        if self.entity_id is None and (current := self.query_one(EntityList).current_id):
            self.show_entity(current, browsing=True)

    def _rows_complete(self) -> None:
        """Every entity is listed: time to build the fuzzy index (once, in a thread), after the
        rows so that the two never hold their working memory at the same time."""
        if not self.catalog.index_ready:
            self.call_after_refresh(self.filature.warm_index)

    def load_rows(self, etype: str | None, keep_id: int | None, *, quick: bool = False) -> None:
        """List the entities of ``etype`` (all if None), keeping ``keep_id`` selected; ``quick``
        lists the most mentioned at once and every entity once read (in a thread)."""
        self._rows_etype = etype
        self._rows_generation += 1
        rows = self.catalog.entities(etype, FIRST_ROWS if quick else None)
        if quick and len(rows) >= FIRST_ROWS:
            pane = self.query_one(EntityPane)
            total = pane.counts.get(etype, 0) if etype else sum(pane.counts.values())
            self._set_rows(rows, keep_id, max(total, len(rows)))
            self.call_after_refresh(self._load_every_row, etype, self._rows_generation)
        else:
            self._set_rows(rows, keep_id, len(rows))
            if quick:
                self._rows_complete()

    @work(thread=True, exclusive=True, group="rows")
    def _load_every_row(self, etype: str | None, generation: int) -> None:
        rows = self.catalog.entities(etype)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._every_row_loaded, rows, generation)

    def _every_row_loaded(self, rows: list[EntityRow], generation: int) -> None:
        if generation == self._rows_generation:
            keep = self.entity_id
            if keep is None:
                keep = self.query_one(EntityList).current_id
            self._set_rows(rows, keep, len(rows))
        self._rows_complete()

    def _set_rows(self, rows: list[EntityRow], keep_id: int | None, total: int) -> None:
        pane = self.query_one(EntityPane)
        pane.set_rows(rows, keep_id)
        pane.border_subtitle = f"{total:,}"
        if not rows:
            self.query_one(EntityHeader).show(None)
            self.query_one(RelationsTree).show([])
            self.query_one(ExcerptList).show_message("This database holds no entities.")

    def show_entity(
        self, entity_id: int, record: bool = True, browsing: bool = False, reveal: bool = False
    ) -> None:
        """Show an entity in the header, relations and excerpts panes (``reveal``: a jump, so
        clear a filter that hides it from the list; never while a name is being typed)."""
        card = self.catalog.card(entity_id)
        if card is None:
            self.notify(
                f"No entity #{entity_id} in this database.", severity="warning", markup=False
            )
            return
        if record:
            self.history.visit(entity_id, browsing=browsing)
        self.entity_id = entity_id
        self.relation = None
        self.query_one(RelationDetail).show(None)
        self.query_one(EntityHeader).show(card)
        relations = self.catalog.relations(entity_id)
        tree = self.query_one(RelationsTree)
        with tree.prevent(RelationsTree.Focused):
            tree.show(relations)
        tree.border_subtitle = f"{len(relations):,}"
        self._show_entity_excerpts(entity_id)
        entities = self.query_one(EntityList)
        hidden = entities.current_id != entity_id and not entities.move_to(entity_id)
        if hidden and reveal and self._reveal(entity_id, card.type):
            self.load_rows(None, entity_id)

    def _show_entity_excerpts(self, entity_id: int) -> None:
        excerpts = self.query_one(ExcerptList)
        total = self.catalog.excerpt_count(entity_id)

        excerpts.show(
            self.catalog.excerpts(entity_id, 0, FIRST_PAGE),
            total,
            lambda offset, limit: self.catalog.excerpts(entity_id, offset, limit),
        )
        excerpts.border_title = "Excerpts"
        excerpts.border_subtitle = counted(total, "passage")

    def _show_relation_excerpts(self, relation: RelationRow) -> None:
        excerpts = self.query_one(ExcerptList)
        found = self.catalog.relation_excerpts(relation.id)
        excerpts.show(found, len(found))
        arrow = "→" if relation.direction == "out" else "←"
        excerpts.border_title = Content(f"Excerpts {arrow} {flat(relation.counterpart_name)}")
        excerpts.border_subtitle = f"{len(found):,} supporting"

    @on(EntityList.Highlighted)
    def _browse(self, event: EntityList.Highlighted) -> None:
        # A cursor move announced before a jump re-read the rows arrives after it: stale.
        current = self.query_one(EntityList).current_id
        if event.entity_id != self.entity_id and event.entity_id == current:
            self.show_entity(event.entity_id, browsing=True)

    @on(EntityList.Chosen)
    def _choose(self, event: EntityList.Chosen) -> None:
        if event.entity_id != self.entity_id:
            self.show_entity(event.entity_id)
        self.query_one(RelationsTree).focus()

    @on(Select.Changed, "#entity-type")
    def _type_changed(self, event: Select.Changed) -> None:
        etype = event.value if isinstance(event.value, str) and event.value != "all" else None
        if etype != self._rows_etype:  # not the Select's own Changed when it is first shown
            self.load_rows(etype, self.entity_id)

    @on(RelationsTree.Focused)
    def _relation_focused(self, event: RelationsTree.Focused) -> None:
        if event.relation == self.relation:
            return
        self.relation = event.relation
        relation = None if event.relation is None else self.catalog.relation(event.relation.id)
        self.query_one(RelationDetail).show(event.relation, relation)
        if event.relation is not None:
            self._show_relation_excerpts(event.relation)
        elif self.entity_id is not None:
            self._show_entity_excerpts(self.entity_id)

    @on(RelationsTree.Jump)
    def _jump(self, event: RelationsTree.Jump) -> None:
        self.show_entity(event.entity_id, reveal=True)

    def action_open_excerpt(self) -> None:
        """Enter outside the lists: open the selected excerpt."""
        excerpt = self.query_one(ExcerptList).current
        if excerpt is not None:
            self.filature.open_document(excerpt)

    @on(Show)
    def _show_asked(self, event: Show) -> None:
        self.show_entity(event.entity_id, record=True, reveal=True)

    @on(ShowType)
    def _show_type(self, event: ShowType) -> None:
        self.query_one(EntityPane).set_type(event.etype)
        self.query_one(EntityList).focus()

    @on(Reload)
    def _reload_asked(self) -> None:
        self.reload({})

    @on(Curator.Changed)
    def _curation_changed(self, event: Curator.Changed) -> None:
        self.reload(event.owner, event.select)

    def reload(self, owner: dict[int, int], select: int | None = None) -> None:
        """Reload every view after the database changed; keep a sensible selection (``owner``:
        where each former entity went; ``select``: the entity to show, if any)."""
        self.filature.watcher.follow_rebuild()
        pane = self.query_one(EntityPane)
        position = pane.entity_list.cursor
        wanted = select if select is not None else self.entity_id
        if wanted is not None:
            wanted = owner.get(wanted, wanted)
        self.catalog.reset()
        pane.set_counts(self.catalog.type_counts())
        self.entity_id = None
        self.load_rows(pane.etype, wanted)
        entities = self.query_one(EntityList)
        if wanted is None or entities.index_of(wanted) is None:
            entities.cursor = min(position, max(0, len(entities.rows) - 1))
            wanted = entities.current_id
        if wanted is not None:
            self.show_entity(wanted, record=False)
        self.filature.warm_index()
        self.curator.report_skipped()
