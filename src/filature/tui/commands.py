"""Entities in Textual's command palette (ctrl+p): the same fuzzy index as the jump."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from filature.tui.explorer import explorer
from filature.tui.render import flat, type_name


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
                help=escape(f"{type_name(hit.type)} · {hit.mention_count:,} mentions{alias}"),
            )

    async def discover(self) -> Hits:
        """The jump and find commands themselves."""
        app = explorer(self)
        yield DiscoveryHit(Content("Jump to an entity…"), app.action_jump, text="Jump to an entity")
        yield DiscoveryHit(Content("Find text in passages…"), app.action_find, text="Find text")


VIEWS: tuple[tuple[str, str, str], ...] = (
    ("Network", "network", "Who is around the selected entity, by relation type (F5)"),
    ("Notes", "notes", "Every starred entity, relation and excerpt with its note (F6)"),
    ("Frequencies", "frequencies", "Entities counted by type and by document (F7)"),
)
"""The views the palette opens by name: (name, the app's action, what it shows)."""


class ViewCommands(Provider):
    """The workbench's views by name: Network, Notes, Frequencies."""

    def _run(self, action: str) -> None:
        getattr(self.app, f"action_{action}")()

    async def search(self, query: str) -> Hits:
        """The views whose name matches ``query``."""
        matcher = self.matcher(query)
        for name, action, what in VIEWS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action), help=what)

    async def discover(self) -> Hits:
        """Every view, before anything is typed."""
        for name, action, what in VIEWS:
            yield DiscoveryHit(Content(name), partial(self._run, action), help=what)
