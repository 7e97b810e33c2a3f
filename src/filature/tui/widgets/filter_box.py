"""The box that filters the entity list as one types."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class FilterBox(Input):
    """A one-line text box where ctrl+k, ctrl+e and ctrl+u keep their meaning in the app.

    Textual's Input binds them to "delete to the end", "go to the end" and "delete to the
    start" of the line, which would otherwise swallow the jump, the entity menu and the list
    of decisions whenever the filter has the focus (End, Home and Escape still edit the box).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+k", "app.jump", "Jump", show=False),
        Binding("ctrl+e", "screen.entity_menu", "Curate", show=False),
        Binding("ctrl+u", "screen.curation_list", "Decisions", show=False),
    ]
