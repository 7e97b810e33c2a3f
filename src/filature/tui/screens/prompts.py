"""Small dialogs for curation: a line of text, a choice in a list, a yes/no confirmation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class TextPrompt(ModalScreen[str | None]):
    """Edit one line of text; Enter gives it back, Esc gives None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, value: str, hint: str) -> None:
        """A dialog titled ``title`` with ``value`` to edit and a one-line ``hint``."""
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box", classes="dialog"):
            yield Input(self.value, id="prompt-input", select_on_focus=False)
            yield Static(Content(self.hint), id="prompt-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#prompt-box").border_title = Content(self.title_text)
        self.query_one("#prompt-input", Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class ChoicePrompt(ModalScreen[str | None]):
    """Pick one of a few values; Enter gives it back, Esc gives None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(
        self, title: str, choices: Sequence[tuple[str, str]], current: str | None = None
    ) -> None:
        """``choices`` are (label, value) pairs; the cursor starts on ``current``."""
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box", classes="dialog"):
            yield OptionList(*[Option(Content(label)) for label, _ in self.choices], id="choices")
            yield Static(Content("Enter chooses · Esc cancels"), id="prompt-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#choice-box").border_title = Content(self.title_text)
        options = self.query_one("#choices", OptionList)
        values = [value for _, value in self.choices]
        options.highlighted = values.index(self.current) if self.current in values else 0
        options.focus()

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])


class ConfirmPrompt(ModalScreen[bool]):
    """A question answered with y (yes) or n or Esc (no); Enter alone does not say yes, so
    neither a held key nor an Enter pressed once too often confirms anything."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Yes"),
        Binding("n,escape", "dismiss(False)", "No"),
    ]

    def __init__(self, title: str, question: str, warning: str = "", *, yes: str = "yes") -> None:
        """A dialog titled ``title`` asking ``question``, with an optional ``warning`` (plain
        text, never markup); ``yes`` names what y does."""
        super().__init__()
        self.title_text = title
        self.question = question
        self.warning = warning
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(Content(self.question), id="confirm-text", markup=False)
            if self.warning:
                warning = Content("⚠ " + self.warning).stylize("bold $text-warning")
                yield Static(warning, id="confirm-warning", markup=False)
            yield Static(Content(f"y: {self.yes} · n or Esc: cancel"), id="prompt-status")

    def on_mount(self) -> None:
        self.query_one("#confirm-box").border_title = Content(self.title_text)
