"""What the entity menu runs on the entity shown: the curation decisions (through the
``Curator``), copying its card and writing its dossier."""

from __future__ import annotations

import sqlite3

from textual.screen import Screen

from filature.errors import Problem
from filature.export.views import View
from filature.tui.catalog import Catalog
from filature.tui.curating import Curator
from filature.tui.explorer import Explorer, explorer
from filature.tui.noting import Notary, entity_item, excerpt_item, relation_item
from filature.tui.render import entity_card_text, flat, type_name
from filature.tui.screens.entity_menu import EntityMenu
from filature.tui.screens.main_view import entity_list_view, excerpts_view
from filature.tui.widgets.entity_header import EntityHeader
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.entity_pane import EntityPane
from filature.tui.widgets.excerpt_list import ExcerptList
from filature.tui.widgets.relations_tree import RelationsTree


class EntityActions(Screen[None]):
    """The main screen's entity menu and its actions (the main screen derives from it)."""

    catalog: Catalog
    entity_id: int | None
    curator: Curator
    notary: Notary

    @property
    def filature(self) -> Explorer:
        """The app, typed."""
        return explorer(self)

    def action_copy_card(self) -> None:
        """Copy the card of the entity shown."""
        card = self.query_one(EntityHeader).card
        if card is None:
            self.notify("No entity to copy.", severity="warning", markup=False)
            return
        text = entity_card_text(card, self.query_one(RelationsTree).rows)
        self.filature.copy_text(text, f"card of {card.name}")

    def action_dossier(self) -> None:
        """Write the dossier of the entity shown (Markdown and HTML, under exports/dossiers/)
        and say where."""
        card = self.query_one(EntityHeader).card
        if card is None:
            self.notify("No entity to write a dossier on.", severity="warning", markup=False)
            return
        from filature.dossier import write_dossier  # on demand: not for the first screen

        try:
            with self.catalog.computing() as conn:  # its timeline calls Python SQL functions
                paths = [write_dossier(conn, card.id, fmt) for fmt in ("md", "html")]
        except (Problem, OSError, sqlite3.Error) as exc:
            self.notify(f"The dossier was not written: {exc}", severity="error", markup=False)
            return
        where = " and ".join(str(p.resolve()) for p in paths)
        self.notify(
            f"Dossier of {flat(card.name)} written to {where}",
            title="Dossier",
            timeout=15,
            markup=False,
        )

    def action_note(self) -> None:
        """Star the highlighted excerpt (excerpts focused), relation (relations focused) or
        else the entity shown, with a note; or edit the note already there."""
        card = self.query_one(EntityHeader).card
        if card is None:
            self.notify("Select an entity first.", severity="warning", markup=False)
            return
        excerpts = self.query_one(ExcerptList)
        relations = self.query_one(RelationsTree)
        if excerpts.has_focus and excerpts.current is not None:
            item = excerpt_item(excerpts.current)
        elif relations.has_focus and relations.current is not None:
            item = relation_item(card, relations.current)
        else:
            item = entity_item(card)
        self.notary.note(item)

    def action_entity_menu(self) -> None:
        """Open the menu of actions on the selected entity (curation among them)."""
        card = self.catalog.card(self.entity_id) if self.entity_id is not None else None
        if card is None:
            title = "Curate (no entity selected)"
        else:
            mentions = f"{card.mention_count:,} mention{'s' if card.mention_count != 1 else ''}"
            title = f"{flat(card.name)} · {type_name(card.type)} · {mentions}"
        self.app.push_screen(EntityMenu(title), self._menu_chosen)

    def _menu_chosen(self, action: str | None) -> None:
        if action is not None:
            getattr(self, f"action_{action}")()

    def action_merge(self) -> None:
        """Merge the selected entity into another (picked with the fuzzy jump)."""
        self.curator.merge(self.entity_id)

    def action_rename(self) -> None:
        """Rename the selected entity."""
        self.curator.rename(self.entity_id)

    def action_retype(self) -> None:
        """Change the selected entity's type."""
        self.curator.retype(self.entity_id)

    def action_drop(self) -> None:
        """Drop the selected entity as a false positive."""
        self.curator.drop(self.entity_id)

    def action_split(self) -> None:
        """Split an alias off the selected entity."""
        self.curator.split(self.entity_id)

    def action_undo(self) -> None:
        """Undo this session's last curation decision."""
        self.curator.undo()

    def action_curation_list(self) -> None:
        """List every curation decision."""
        self.curator.show_list()

    def current_view(self) -> View:
        """What ctrl+o exports here: the excerpts, cited, when their pane has the focus;
        else the entity list as shown (type, order, scope and filter applied)."""
        excerpts = self.query_one(ExcerptList)
        card = self.query_one(EntityHeader).card
        if excerpts.has_focus and excerpts.excerpts:
            return excerpts_view(excerpts, f"Excerpts of {card.name if card else 'the entity'}")
        entities = self.query_one(EntityList)
        shown = type_name(self.query_one(EntityPane).etype or "") or "all"
        return entity_list_view(entities, f"Entities ({shown}, by {entities.order})")
