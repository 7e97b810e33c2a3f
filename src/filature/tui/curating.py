"""The main screen's curation keys: merge, rename, retype, drop, split, undo, the list.

Each decision goes through ``filature.curation.session``: written to the curation file,
applied to the database at once; then the curator posts ``Curator.Changed`` to its screen,
which reloads its lists and the fuzzy index. The curator uses only the generic screen API
(notify, push a screen, post a message): it never reaches into the main screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from filature.curation.entries import CurationError, Entry, describe
from filature.curation.session import CurationSession
from filature.curation.steps import new_entry
from filature.models import ENTITY_TYPES
from filature.query import EntityCard
from filature.text import norm_key
from filature.tui.catalog import Catalog
from filature.tui.render import flat, type_name
from filature.tui.screens.curation import CurationScreen
from filature.tui.screens.jump import JumpScreen
from filature.tui.screens.prompts import ChoicePrompt, ConfirmPrompt, TextPrompt


def _on_selected(
    act: Callable[[Curator, EntityCard], None],
) -> Callable[[Curator, int | None], None]:
    """An action on the entity ``entity_id`` names: only a notice when there is none, or when
    the curation file cannot take a decision."""

    @wraps(act)
    def on_entity(curator: Curator, entity_id: int | None) -> None:
        card = curator._selected(entity_id)
        if card is not None:
            act(curator, card)

    return on_entity


class Curator:
    """The actions behind the main screen's curation bindings, on the entity it names."""

    @dataclass
    class Changed(Message):
        """The database changed (a decision, an undo, a revert): reload every view."""

        owner: dict[int, int]
        """Which entity each former entity id now belongs to."""
        select: int | None = None
        """The entity to show afterwards (else the one shown, where it went)."""

    def __init__(
        self, screen: Screen[None], catalog: Catalog, session: Callable[[], CurationSession]
    ) -> None:
        """Curation from ``screen`` (notified, and sent ``Changed``) over ``catalog``;
        ``session`` gives the session recording the app's decisions (it follows rebuilds)."""
        self.screen = screen
        self.catalog = catalog
        self._session = session

    @property
    def curation(self) -> CurationSession:
        """The session recording this app's decisions."""
        return self._session()

    def _notify(
        self, message: str, severity: SeverityLevel = "information", title: str = ""
    ) -> None:
        self.screen.notify(message, severity=severity, title=title, markup=False)

    def _selected(self, entity_id: int | None) -> EntityCard | None:
        card = self.catalog.card(entity_id) if entity_id is not None else None
        if card is None:
            self._notify("Select an entity first.", severity="warning")
            return None
        problem = self.curation.problem()
        if problem is not None:
            self._notify(problem, severity="error", title="Curation")
            return None
        return card

    def changed(self, owner: dict[int, int], select: int | None = None) -> None:
        """Tell the screen that the database changed."""
        self.screen.post_message(self.Changed(owner, select))

    @_on_selected
    def merge(self, card: EntityCard) -> None:
        """Merge the selected entity into another, picked with the fuzzy jump."""

        def merge(target_id: int | None) -> None:
            target = self.catalog.card(target_id) if target_id is not None else None
            if target is None:
                return
            if target.id == card.id:
                self._notify("An entity cannot merge into itself.")
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

    @_on_selected
    def rename(self, card: EntityCard) -> None:
        """Rename the selected entity."""

        def rename(name: str | None) -> None:
            if name is None:
                return
            name = " ".join(name.split())
            if not name:
                message = f"A name cannot be blank: {flat(card.name)} was not renamed."
                self._notify(message, severity="warning", title="Curation")
            elif name != card.name:
                self._decide(new_entry("rename", name=card.name, to=name, type=card.type), card.id)

        hint = "Enter renames · Esc cancels · the old name stays an alias"
        prompt = TextPrompt(f"Rename {flat(card.name)}", card.name, hint)
        self.screen.app.push_screen(prompt, rename)

    @_on_selected
    def retype(self, card: EntityCard) -> None:
        """Change the type of the selected entity."""

        def retype(etype: str | None) -> None:
            if etype and etype != card.type:
                self._decide(new_entry("retype", name=card.name, to=etype, type=card.type), card.id)

        choices = [(type_name(t), t) for t in ENTITY_TYPES]
        prompt = ChoicePrompt(f"Type of {flat(card.name)}", choices, card.type)
        self.screen.app.push_screen(prompt, retype)

    @_on_selected
    def drop(self, card: EntityCard) -> None:
        """Drop the selected entity as a false positive (after confirmation)."""

        def drop(yes: bool | None) -> None:
            if yes:
                self._decide(new_entry("drop", name=card.name, type=card.type), None)

        question = (
            f"Drop {flat(card.name)} ({type_name(card.type)}, {card.mention_count:,} mentions) "
            "as a false positive?"
        )
        self.screen.app.push_screen(ConfirmPrompt("Drop entity", question, yes="drop"), drop)

    @_on_selected
    def split(self, card: EntityCard) -> None:
        """Split an alias (and the mentions written that way) off into its own entity."""
        aliases = [a for a in card.aliases if norm_key(a) != norm_key(card.name)]
        if not aliases:
            self._notify(f"{flat(card.name)} has no other alias to split off.")
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
            self._notify(flat(str(exc)), severity="error", title="Curation")
            return
        if step is None:
            self._notify("Nothing to undo in this session.")
            return
        what = "Undone" if step.added else "Restored"
        self._notify(f"{what}: {flat(describe(step.entry))}", title="Curation")
        self.changed(owner)

    def show_list(self) -> None:
        """Open the list of every decision."""

        screen = CurationScreen(self.curation, self.changed, self.undo)
        self.screen.app.push_screen(screen)

    def _decide(self, entry: Entry, select: int | None) -> None:
        try:
            owner = self.curation.decide(entry)
        except CurationError as exc:
            self._notify(flat(str(exc)), severity="error", title="Curation")
            return
        self._notify(f"Done: {flat(describe(entry))}", title="Curation")
        self.changed(owner, select)

    def report_skipped(self) -> None:
        """Say which entries of the file the last apply could not apply (if any)."""
        for line in self.curation.skipped:
            self._notify(f"Not applied: {flat(line)}", severity="warning", title="Curation")


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
