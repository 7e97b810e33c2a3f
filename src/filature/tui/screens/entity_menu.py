"""The entity menu (ctrl+e): curation and the other actions on the selected entity.

Letters act only here, behind ctrl+e: on the main screen every typed character goes to the
name filter, so typing a name can never merge, rename or drop anything.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

# (key, action, what it does): the menu's lines, its bindings and the help text.
ITEMS: tuple[tuple[str, str, str], ...] = (
    ("m", "merge", "Merge the entity into another…"),
    ("r", "rename", "Rename the entity…"),
    ("y", "retype", "Change the entity's type…"),
    ("x", "drop", "Drop the entity as a false positive…"),
    ("s", "split", "Split an alias off the entity…"),
    ("u", "undo", "Undo the last curation decision"),
    ("l", "curation_list", "List every decision (revert, undo)"),
    ("c", "copy_card", "Copy the entity card"),
    ("d", "dossier", "Write the entity's dossier (Markdown and HTML) and say where"),
)


class EntityMenu(ModalScreen[str | None]):
    """Pick an action on one entity; dismisses with the main screen's action name (or None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+e", "dismiss(None)", "Close"),
        *[
            Binding(key, f"pick('{action}')", what.rstrip("…"), show=False, tooltip=what)
            for key, action, what in ITEMS
        ],
    ]

    def __init__(self, title: str) -> None:
        """A menu titled ``title`` (the entity's name, type and mentions, as plain text)."""
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="menu-box", classes="dialog"):
            yield OptionList(
                *[
                    Option(Content.assemble(Content(f" {key} ").stylize("bold $text-accent"), what))
                    for key, _, what in ITEMS
                ],
                id="menu-items",
            )
            yield Static(
                Content("a letter or Enter picks · Esc closes"), id="prompt-status", markup=False
            )

    def on_mount(self) -> None:
        try:
            box = self.query_one("#menu-box")
            items = self.query_one("#menu-items", OptionList)
        except NoMatches:  # already closed by a letter typed right after ctrl+e
            return
        box.border_title = Content(self.title_text)
        items.focus()

    def press(self, character: str) -> None:
        """A letter typed before the menu took the keys: pick its action, if it has one."""
        for key, action, _ in ITEMS:
            if key == character:
                self.dismiss(action)
                return

    def action_pick(self, action: str) -> None:
        """Close the menu with ``action``."""
        self.dismiss(action)

    @on(OptionList.OptionSelected, "#menu-items")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(ITEMS[event.option_index][1])
