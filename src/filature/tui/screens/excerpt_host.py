"""What every screen showing an ``ExcerptList`` does with it: Enter on an excerpt opens its
passage in the whole document, and ``copy_excerpt`` copies the one under the cursor with its
citation (each screen binds it to its own keys)."""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from filature.tui.explorer import explorer
from filature.tui.widgets.excerpt_list import ExcerptList


class ExcerptHost(Screen[None]):
    """The base of the screens holding one ``ExcerptList`` (main, find, evidence)."""

    @on(ExcerptList.Open)
    def _open_excerpt(self, event: ExcerptList.Open) -> None:
        explorer(self).open_document(event.excerpt)

    def excerpt_list(self) -> ExcerptList | None:
        """The screen's excerpt list; None once its widgets are gone (a key queued behind the
        one that closed the screen still reaches the screen's bindings)."""
        return next(iter(self.query(ExcerptList)), None)

    def action_copy_excerpt(self) -> None:
        """Copy the excerpt under the cursor with its citation."""
        excerpts = self.excerpt_list()
        if excerpts is not None:
            explorer(self).copy_excerpt(excerpts.current)
