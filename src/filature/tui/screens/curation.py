"""The curation list: every decision of the curation file, in order; any can be reverted."""

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
    """The decisions in the curation file; d or Delete reverts the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,U", "dismiss(None)", "Close"),
        Binding("d,delete", "revert", "Revert", tooltip="Revert the highlighted decision"),
    ]

    def __init__(self, session: CurationSession, changed: Callable[[dict[int, int]], None]) -> None:
        """The list of ``session``'s file; ``changed`` is called after each revert."""
        super().__init__()
        self.session = session
        self.changed = changed
        self.entries: tuple[Entry, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(id="curation-box", classes="dialog"):
            yield OptionList(id="curation-entries")
            yield Static(Content(""), id="curation-status", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#curation-box")
        box.border_title = "Curation decisions"
        box.border_subtitle = flat(str(self.session.path or "no curation file"))
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
                f"{count} decision{'s' if count != 1 else ''} · d reverts · Esc closes"
                if count
                else "No decision yet. Esc closes."
            )
        )

    def action_revert(self) -> None:
        """Remove the highlighted entry from the file and apply the file again."""
        index = self.query_one("#curation-entries", OptionList).highlighted
        if index is None or index >= len(self.entries):
            return
        entry = self.entries[index]
        try:
            owner = self.session.revert(index, entry)
        except CurationError as exc:
            self.notify(flat(str(exc)), severity="error", markup=False)
            return
        self.notify(f"Reverted: {flat(describe(entry))}", title="Curation", markup=False)
        self.changed(owner)
        self.reload(index)
