"""The main screen's curation keys: merge, rename, retype, drop, split, undo, the list.

Each decision goes through ``filature.curation.session``: written to the curation file,
applied to the database at once; then the screen reloads its lists and the fuzzy index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.curation.entries import CurationError, Entry, describe
from filature.curation.session import CurationSession, new_entry
from filature.models import ENTITY_TYPES
from filature.query import EntityCard
from filature.text import norm_key
from filature.tui.render import flat, type_name

if TYPE_CHECKING:
    from filature.tui.screens.main import MainScreen


class Curator:
    """The actions behind the main screen's curation bindings."""

    def __init__(self, screen: MainScreen) -> None:
        """Curation for ``screen`` (its catalog, selection and panes)."""
        self.screen = screen
        self.catalog = screen.catalog

    @property
    def curation(self) -> CurationSession:
        """The session recording this app's decisions (the app's, which follows rebuilds)."""
        return self.screen.filature.curation

    def _selected(self) -> EntityCard | None:
        entity_id = self.screen.entity_id
        card = self.catalog.card(entity_id) if entity_id is not None else None
        if card is None:
            self.screen.notify("Select an entity first.", severity="warning", markup=False)
            return None
        problem = self.curation.problem()
        if problem is not None:
            self.screen.notify(problem, severity="error", title="Curation", markup=False)
            return None
        return card

    def merge(self) -> None:
        """Merge the selected entity into another, picked with the fuzzy jump."""
        from filature.tui.screens.jump import JumpScreen
        from filature.tui.screens.prompts import ConfirmPrompt

        card = self._selected()
        if card is None:
            return

        def merge(target_id: int | None) -> None:
            target = self.catalog.card(target_id) if target_id is not None else None
            if target is None:
                return
            if target.id == card.id:
                self.screen.notify("An entity cannot merge into itself.", markup=False)
                return
            same = card.type if card.type == target.type else None
            entry = new_entry("merge", into=target.name, names=[card.name], type=same)

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._decide(entry, target.id)

            question, warning = merge_question(card, target)
            prompt = ConfirmPrompt("Merge entities", question, warning, yes="merge")
            self.screen.app.push_screen(prompt, confirmed)

        title = f"Merge {flat(card.name)} into…"
        self.screen.app.push_screen(JumpScreen(self.catalog, title=title), merge)

    def rename(self) -> None:
        """Rename the selected entity."""
        from filature.tui.screens.prompts import TextPrompt

        card = self._selected()
        if card is None:
            return

        def rename(name: str | None) -> None:
            if name is None:
                return
            name = " ".join(name.split())
            if not name:
                message = f"A name cannot be blank: {flat(card.name)} was not renamed."
                self.screen.notify(message, severity="warning", title="Curation", markup=False)
            elif name != card.name:
                self._decide(new_entry("rename", name=card.name, to=name, type=card.type), card.id)

        hint = "Enter renames · Esc cancels · the old name stays an alias"
        prompt = TextPrompt(f"Rename {flat(card.name)}", card.name, hint)
        self.screen.app.push_screen(prompt, rename)

    def retype(self) -> None:
        """Change the type of the selected entity."""
        from filature.tui.screens.prompts import ChoicePrompt

        card = self._selected()
        if card is None:
            return

        def retype(etype: str | None) -> None:
            if etype and etype != card.type:
                self._decide(new_entry("retype", name=card.name, to=etype, type=card.type), card.id)

        choices = [(type_name(t), t) for t in ENTITY_TYPES]
        prompt = ChoicePrompt(f"Type of {flat(card.name)}", choices, card.type)
        self.screen.app.push_screen(prompt, retype)

    def drop(self) -> None:
        """Drop the selected entity as a false positive (after confirmation)."""
        from filature.tui.screens.prompts import ConfirmPrompt

        card = self._selected()
        if card is None:
            return

        def drop(yes: bool | None) -> None:
            if yes:
                self._decide(new_entry("drop", name=card.name, type=card.type), None)

        question = (
            f"Drop {flat(card.name)} ({type_name(card.type)}, {card.mention_count:,} mentions) "
            "as a false positive?"
        )
        self.screen.app.push_screen(ConfirmPrompt("Drop entity", question, yes="drop"), drop)

    def split(self) -> None:
        """Split an alias (and the mentions written that way) off into its own entity."""
        from filature.tui.screens.prompts import ChoicePrompt

        card = self._selected()
        if card is None:
            return
        aliases = [a for a in card.aliases if norm_key(a) != norm_key(card.name)]
        if not aliases:
            self.screen.notify(f"{flat(card.name)} has no other alias to split off.", markup=False)
            return

        def split_type(alias: str, etype: str | None) -> None:
            if etype:
                entry = new_entry("split", name=card.name, alias=alias, to=etype, type=card.type)
                self._decide(entry, card.id)

        def split(alias: str | None) -> None:
            if alias:
                choices = [(type_name(t), t) for t in ENTITY_TYPES]
                prompt = ChoicePrompt(f"Type of {flat(alias)}", choices, card.type)
                self.screen.app.push_screen(prompt, lambda t: split_type(alias, t))

        choices = [(flat(a), a) for a in aliases]
        self.screen.app.push_screen(ChoicePrompt(f"Split off {flat(card.name)}", choices), split)

    def undo(self) -> None:
        """Undo this session's last step: a decision, or a revert in the list."""
        try:
            step, owner = self.curation.undo()
        except CurationError as exc:
            self.screen.notify(flat(str(exc)), severity="error", title="Curation", markup=False)
            return
        if step is None:
            self.screen.notify("Nothing to undo in this session.", markup=False)
            return
        what = "Undone" if step.added else "Restored"
        self.screen.notify(f"{what}: {flat(describe(step.entry))}", title="Curation", markup=False)
        self.curation_changed(owner)

    def show_list(self) -> None:
        """Open the list of every decision."""
        from filature.tui.screens.curation import CurationScreen

        screen = CurationScreen(self.curation, self.curation_changed, self.undo)
        self.screen.app.push_screen(screen)

    def _decide(self, entry: Entry, select: int | None) -> None:
        try:
            owner = self.curation.decide(entry)
        except CurationError as exc:
            self.screen.notify(flat(str(exc)), severity="error", title="Curation", markup=False)
            return
        self.screen.notify(f"Done: {flat(describe(entry))}", title="Curation", markup=False)
        self.curation_changed(owner, select)

    def report_skipped(self) -> None:
        """Say which entries of the file the last apply could not apply (if any)."""
        for line in self.curation.skipped:
            self.screen.notify(
                f"Not applied: {flat(line)}", severity="warning", title="Curation", markup=False
            )

    def curation_changed(self, owner: dict[int, int], select: int | None = None) -> None:
        """Reload every view after the database changed; keep a sensible selection."""
        from filature.tui.widgets.entity_list import EntityList
        from filature.tui.widgets.entity_pane import EntityPane

        self.screen.filature.watcher.follow_rebuild()
        pane = self.screen.query_one(EntityPane)
        position = pane.entity_list.cursor
        wanted = select if select is not None else self.screen.entity_id
        if wanted is not None:
            wanted = owner.get(wanted, wanted)
        self.catalog.reset()
        pane.set_counts(self.catalog.type_counts())
        self.screen.entity_id = None
        self.screen.load_rows(pane.etype, wanted)
        entities = self.screen.query_one(EntityList)
        if wanted is None or entities.index_of(wanted) is None:
            entities.cursor = min(position, max(0, len(entities.rows) - 1))
            wanted = entities.current_id
        if wanted is not None:
            self.screen.show_entity(wanted, record=False)
        self.screen.filature.warm_index()
        self.report_skipped()


def merge_question(card: EntityCard, target: EntityCard) -> tuple[str, str]:
    """What a merge of ``card`` into ``target`` will do, and a warning if their types differ."""

    def what(c: EntityCard) -> str:
        mentions = f"{c.mention_count:,} mention{'s' if c.mention_count != 1 else ''}"
        return f"{flat(c.name)} ({type_name(c.type)}, {mentions})"

    question = (
        f"Merge {what(card)}\ninto {what(target)}?\n\n"
        f"{flat(card.name)} becomes an alias of {flat(target.name)}, which takes its mentions "
        "and relations."
    )
    warning = ""
    if card.type != target.type:
        warning = (
            f"Different types: {flat(card.name)} is a {type_name(card.type)}, "
            f"{flat(target.name)} a {type_name(target.type)}. The merged entity stays a "
            f"{type_name(target.type)}."
        )
    return question, warning
