"""Entities in Textual's command palette (ctrl+p): the same fuzzy index as the jump."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from filature.text import counted
from filature.tui.explorer import explorer
from filature.tui.render import flat, type_name
from filature.tui.viewkeys import WORKBENCH_VIEWS


class EntityCommands(Provider):
    """Offers "Jump to <entity>" for the entities whose names or aliases match."""

    async def search(self, query: str) -> Hits:
        """Fuzzy hits for ``query`` (the index is built in a thread if it is not ready)."""
        app = explorer(self)
        catalog = app.catalog
        if catalog.index_ready:
            hits = catalog.fuzzy(query, 15)
        else:
            hits = await app.run_in_thread_for_palette(catalog.fuzzy, query, 15)
        for hit in hits:
            alias = "" if hit.alias == hit.name else f" (matched “{flat(hit.alias)}”)"
            # The palette parses help text as markup: escape() keeps names as data.
            label = Content.assemble(
                Content("Jump to ").stylize("$text-muted"),
                Content(flat(hit.name)).stylize("bold"),
            )
            yield Hit(
                hit.score / 100,
                label,
                partial(app.open_entity, hit.id),
                text=f"Jump to {hit.name}",
                help=escape(
                    f"{type_name(hit.type)} · {counted(hit.mention_count, 'mention')} · "
                    f"score {hit.score:.0f}{alias}{'' if hit.close else ' · a suggestion'}"
                ),
            )

    async def discover(self) -> Hits:
        """The jump and find commands themselves."""
        app = explorer(self)
        yield DiscoveryHit(Content("Jump to an entity…"), app.action_jump, text="Jump to an entity")
        yield DiscoveryHit(Content("Find text in passages…"), app.action_find, text="Find text")


class ViewCommands(Provider):
    """The workbench's views by their names ("Relations table", "Timeline", "Network", …)."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = explorer(self)
        return [
            (view.name, partial(app.run_action, view.action), f"{view.summary} ({view.key})")
            for view in WORKBENCH_VIEWS
        ]

    async def search(self, query: str) -> Hits:
        """The views whose names match ``query``."""
        matcher = self.matcher(query)
        for name, action, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, text=name, help=help_text)

    async def discover(self) -> Hits:
        """Every view, listed when the palette opens."""
        for name, action, help_text in self._commands():
            yield DiscoveryHit(Content(name), action, text=name, help=help_text)
