"""The box that filters the entity list as one types."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class FilterBox(Input):
    """A one-line text box where ctrl+k still opens the fuzzy jump.

    Textual's Input binds ctrl+k to "delete to the end of the line", which would otherwise
    swallow the app's main key whenever the filter has the focus (the main screen takes
    ctrl+e and ctrl+u, also Input keys, before the box sees them).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+k", "app.jump", "Jump", show=False),
    ]
