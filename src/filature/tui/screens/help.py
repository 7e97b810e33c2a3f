"""The help screen: every key binding of every part of the app, generated from the bindings."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "filature: pick an entity on the left, see its relations in the middle and the passages "
    "that say so on the right. Mouse clicks work everywhere; Tab moves between panes."
)
EXTRA = [
    ("ctrl+p", "Command palette: jump to an entity, change theme, and more"),
    ("typing", "On the main screen, whatever you type goes to the name filter (never a command)"),
    ("click", "Select; double-click an entity to open its relations"),
]


def binding_rows(app: App[Any], classes: list[type[DOMNode]]) -> list[tuple[str, str]]:
    """(keys, description) for every binding of ``classes``, keys of one action together."""
    by_action: dict[tuple[str, str], list[str]] = {}
    for cls in classes:
        merged = cls._merged_bindings
        if merged is None:
            continue
        for bindings in merged.key_to_bindings.values():
            for binding in bindings:
                what = binding.tooltip or binding.description or binding.action.replace("_", " ")
                keys = by_action.setdefault((binding.action, what), [])
                shown = app.get_key_display(binding)
                if shown not in keys:
                    keys.append(shown)
    return [(", ".join(keys), what) for (_, what), keys in by_action.items()]


Sections = list[tuple[str, list[type[DOMNode]]]]
"""The parts of the app, each with the classes whose bindings apply there (``tui.keymap``)."""


class HelpScreen(ModalScreen[None]):
    """Every key, by the part of the app it works in."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss(None)", "Close help"),
    ]

    def __init__(self, sections: Sections) -> None:
        """The help over ``sections`` (given by the app, which knows its screens)."""
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(self.help_content(), markup=False, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Keys"
        self.query_one("#help-box").border_subtitle = "Esc closes"
        self.query_one("#help-box").focus()

    def help_content(self) -> Content:
        """The whole help text."""
        parts: list[Content | str] = [Content(INTRO).stylize("italic"), "\n"]
        for title, classes in self.sections:
            parts.append(Content(f"\n{title}\n").stylize("bold $text-primary"))
            for keys, what in binding_rows(self.app, classes):
                parts.append(Content(f"  {keys:<22}").stylize("bold $text-accent"))
                parts.append(Content(f" {what}\n"))
        parts.append(Content("\nAlso\n").stylize("bold $text-primary"))
        for keys, what in EXTRA:
            parts.append(Content(f"  {keys:<22}").stylize("bold $text-accent"))
            parts.append(Content(f" {what}\n"))
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:
            self.dismiss(None)
