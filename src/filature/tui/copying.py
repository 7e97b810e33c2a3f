"""Copying from the explorer: OSC 52 and the system clipboard (wl-copy, xclip...), the text
cleaned of control characters first, and a note saying what was copied."""

from __future__ import annotations

from textual import work
from textual.app import App
from textual.notifications import SeverityLevel

from filature.query import Excerpt
from filature.tui.clipboard import (
    clean_for_copy,
    copy_report,
    copy_to_system,
    system_clipboard_command,
    too_big,
)
from filature.tui.render import citation


class CopyingApp(App[None]):
    """The app's copying (the explorer derives from it); ``system_clipboard`` also copies with
    wl-copy/xclip."""

    system_clipboard: bool = True

    def copy_excerpt(self, excerpt: Excerpt | None) -> None:
        """Copy an excerpt with its citation."""
        if excerpt is None:
            self.notify("No excerpt selected to copy.", severity="warning", markup=False)
            return
        self.copy_text(citation(excerpt), "excerpt")

    def copy_text(self, text: str, what: str) -> None:
        """Copy ``text`` (cleaned) by OSC 52 and the system clipboard; say what was copied."""
        text = clean_for_copy(text)
        if too_big(text):
            size = len(text.encode("utf-8")) // 1000
            self.notify(
                f"Not copied: the {what} is {size:,} KB, over the 500 KB limit.",
                severity="error",
                markup=False,
            )
            return
        self.copy_to_clipboard(text)
        if self.system_clipboard and system_clipboard_command() is not None:
            self._copy_system(text, what)
        else:
            self._report_copy(what, len(text), None, attempted=False)

    @work(thread=True, group="clipboard")
    def _copy_system(self, text: str, what: str) -> None:
        tool = copy_to_system(text)
        self.call_from_thread(self._report_copy, what, len(text), tool, attempted=True)

    def _report_copy(self, what: str, chars: int, tool: str | None, *, attempted: bool) -> None:
        message, confirmed = copy_report(what, chars, tool, attempted=attempted)
        title = "Copied" if confirmed else "Copy not confirmed"
        severity: SeverityLevel = "information" if confirmed else "warning"
        self.notify(message, title=title, severity=severity, markup=False)
