"""What screens, widgets and the palette may ask of the running app, typed by a Protocol.

This module imports no screen and not the app: ``filature.tui.app.FilatureApp`` satisfies
``Explorer`` (mypy checks it there), so the app's modules import one another one way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from textual.command import Provider
from textual.dom import DOMNode

from filature.curation.session import CurationSession
from filature.query import Excerpt, FuzzyHit
from filature.tui.catalog import Catalog
from filature.tui.watch import Watcher


class Explorer(Protocol):
    """The app as its screens and widgets see it."""

    catalog: Catalog
    watcher: Watcher

    @property
    def curation(self) -> CurationSession:
        """The session recording this app's curation decisions."""

    def open_entity(self, entity_id: int) -> None:
        """Close any screen above the main one and show an entity there."""

    def open_document(self, excerpt: Excerpt) -> None:
        """Open an excerpt's passage in its whole document."""

    def copy_excerpt(self, excerpt: Excerpt | None) -> None:
        """Copy an excerpt with its citation."""

    def copy_text(self, text: str, what: str) -> None:
        """Copy ``text`` (cleaned); say what was copied."""

    def warm_index(self) -> None:
        """Build the fuzzy index in a thread."""

    def action_jump(self) -> None:
        """Open the fuzzy jump."""

    def action_find(self) -> None:
        """Open the full-text search."""

    async def run_action(self, action: str) -> bool:
        """Run an app action by its name (the workbench's views, from the palette)."""

    async def run_in_thread_for_palette(
        self, function: Callable[[str, int], list[FuzzyHit]], text: str, limit: int
    ) -> list[FuzzyHit]:
        """Run a fuzzy search off the event loop."""


def explorer(node: DOMNode | Provider) -> Explorer:
    """The app ``node`` belongs to, as an ``Explorer``."""
    return cast("Explorer", node.app)
