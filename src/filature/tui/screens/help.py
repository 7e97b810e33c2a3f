"""The help screen: filature's own keys by the part of the app they work in (from the
bindings), the keys of Textual's widgets said in filature's words, what the arrows and glyphs
mean, and what only the command line does."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "filature: pick an entity on the left, see its relations in the middle and the passages "
    "that say so on the right. Mouse clicks work everywhere; Tab moves between panes."
)
KEY_STYLE = "bold $text-accent"


@dataclass(frozen=True)
class Row:
    """A line of the help: keys (or a glyph) and what they do (or mean)."""

    keys: str
    what: str
    style: str = KEY_STYLE


@dataclass(frozen=True)
class Section:
    """A part of the app: the classes whose own bindings apply there, and ``rows`` for keys
    Textual's widgets provide (or anything else to explain), said in filature's words."""

    title: str
    classes: list[type[DOMNode]] = field(default_factory=list)
    rows: tuple[Row, ...] = ()


Sections = list[Section]
"""The parts of the app (given by ``tui.keymap``, which knows every screen)."""


def own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings filature's classes declare in ``cls``'s ancestry (a subclass's first);
    Textual's own ("Focus Next", "Cursor to next ancestor") are left out."""
    found: list[Binding] = []
    for klass in cls.__mro__:
        declared = vars(klass).get("BINDINGS")
        if declared and klass.__module__.startswith("filature."):
            for bindings in BindingsMap(declared).key_to_bindings.values():
                found.extend(bindings)
    return found


def binding_rows(app: App[Any], classes: list[type[DOMNode]]) -> list[tuple[str, str]]:
    """(keys, description) for filature's bindings of ``classes``, keys of one action
    together."""
    by_action: dict[tuple[str, str], list[str]] = {}
    for cls in classes:
        for binding in own_bindings(cls):
            what = binding.tooltip or binding.description or binding.action.replace("_", " ")
            keys = by_action.setdefault((binding.action, what), [])
            shown = app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
    return [(", ".join(keys), what) for (_, what), keys in by_action.items()]


class HelpScreen(ModalScreen[None]):
    """Every key, by the part of the app it works in, then the arrows and glyphs."""

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
        for section in self.sections:
            parts.append(Content(f"\n{section.title}\n").stylize("bold $text-primary"))
            rows = [Row(keys, what) for keys, what in binding_rows(self.app, section.classes)]
            for row in [*rows, *section.rows]:
                parts.append(Content(f"  {row.keys:<22}").stylize(row.style))
                parts.append(Content(f" {row.what}\n"))
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:
            self.dismiss(None)
