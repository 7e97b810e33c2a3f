"""The curation list: every decision of the curation file, in order; any can be reverted
(after a confirmation), and u undoes the last step, a revert included."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from filature.curation.entries import CurationError, Entry, describe
from filature.curation.session import CurationSession
from filature.tui.render import flat
from filature.tui.screens.prompts import ConfirmPrompt


def entry_content(number: int, entry: Entry) -> Content:
    """One line: number, date, what the entry decides, and its note."""
    date = str(entry.get("date") or "hand-written")
    parts: list[Content | str] = [
        Content(f"{number:>3}. ").stylize("$text-muted"),
        Content(f"{flat(date)[:19]:<19}  ").stylize("$text-muted"),
        Content(flat(describe(entry))),
    ]
    if entry.get("note"):
        parts.append(Content(f"  “{flat(str(entry.get('note')))}”").stylize("italic $text-muted"))
    return Content.assemble(*parts)


class CurationScreen(ModalScreen[None]):
    """The decisions in the curation file; d or Delete reverts the highlighted one once
    confirmed, u undoes the session's last step (a revert included)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+u", "dismiss(None)", "Close"),
        Binding("d,delete", "revert", "Revert", tooltip="Revert the highlighted decision (asks)"),
        Binding("u", "undo", "Undo", tooltip="Undo the last decision or revert"),
    ]

    def __init__(
        self,
        session: CurationSession,
        changed: Callable[[dict[int, int]], None],
        undo: Callable[[], None],
    ) -> None:
        """The list of ``session``'s file; ``changed`` is called after each revert, ``undo``
        undoes the session's last step (and reloads the views)."""
        super().__init__()
        self.session = session
        self.changed = changed
        self.undo = undo
        self.entries: tuple[Entry, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(id="curation-box", classes="dialog"):
            yield OptionList(id="curation-entries")
            yield Static(Content(""), id="curation-status", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#curation-box")
        box.border_title = "Curation decisions"
        box.border_subtitle = Content(flat(str(self.session.path or "no curation file")))
        self.reload()
        self.query_one("#curation-entries").focus()

    def reload(self, keep: int = 0) -> None:
        """Read the file again and list its entries."""
        status = self.query_one("#curation-status", Static)
        try:
            self.entries = self.session.entries()
        except CurationError as exc:
            self.entries = ()
            status.update(Content(flat(str(exc))))
            return
        options = self.query_one("#curation-entries", OptionList)
        options.clear_options()
        options.add_options(
            [Option(entry_content(n, e)) for n, e in enumerate(self.entries, start=1)]
        )
        if self.entries:
            options.highlighted = min(keep, len(self.entries) - 1)
        count = len(self.entries)
        status.update(
            Content(
                f"{count} decision{'s' if count != 1 else ''} · d reverts · u undoes · Esc closes"
                if count
                else "No decision yet. Esc closes."
            )
        )

    def action_revert(self) -> None:
        """Ask, then remove the highlighted entry from the file and apply the file again."""
        index = self.query_one("#curation-entries", OptionList).highlighted
        if index is None or index >= len(self.entries):
            return
        entry = self.entries[index]

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._revert(index, entry)

        question = (
            f"Revert decision {index + 1}: {flat(describe(entry))}?\n\n"
            "It is removed from the curation file and the database no longer applies it "
            "(u undoes this)."
        )
        self.app.push_screen(ConfirmPrompt("Revert decision", question, yes="revert"), confirmed)

    def _revert(self, index: int, entry: Entry) -> None:
        try:
            owner = self.session.revert(index, entry)
        except CurationError as exc:
            self.notify(flat(str(exc)), severity="error", markup=False)
            return
        self.notify(f"Reverted: {flat(describe(entry))}", title="Curation", markup=False)
        self.changed(owner)
        self.reload(index)

    def action_undo(self) -> None:
        """Undo the session's last step (a revert puts its entry back) and list again."""
        index = self.query_one("#curation-entries", OptionList).highlighted or 0
        self.undo()
        self.reload(index)
