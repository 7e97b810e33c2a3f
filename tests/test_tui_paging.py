"""The explorer stays fast on big databases: the entity list comes in two steps, excerpts page
by page, a big group of relations a page at a time. Behaviour only; the timings are measured
in ``bench/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets.tree import TreeNode

from dbfactory import sample_builder, write_sample
from filature.query import EntityRow, Excerpt, RelationRow
from filature.tui import catalog as catalog_module
from filature.tui.app import make_app
from filature.tui.screens import main as main_module
from filature.tui.screens.main import MainScreen
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.excerpt_list import FIRST_PAGE, PAGE, ExcerptList
from filature.tui.widgets.relations_tree import MORE, More, RelationsTree
from filature.tui.widgets.relations_tree import PAGE as RELATIONS_PAGE

pytestmark = pytest.mark.anyio


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "sample.db")


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):  # workers start after a refresh, and may start others
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def test_the_list_shows_the_first_entities_then_every_one_read_once(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_module, "FIRST_ROWS", 3)
    calls: list[tuple[str | None, int | None]] = []
    real = catalog_module.Catalog.entities

    def spy(
        self: catalog_module.Catalog, etype: str | None = None, limit: int | None = None
    ) -> list[EntityRow]:
        calls.append((etype, limit))
        return real(self, etype, limit)

    monkeypatch.setattr(catalog_module.Catalog, "entities", spy)
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        entities = app.main.query_one(EntityList)
        assert len(entities.rows) == 10
        assert entities.rows[0].name == "Interpol" and entities.cursor == 0
        assert app.main.query_one("#entities").border_subtitle == "10"
        # the first three, then all: the type filter's own first Changed loads nothing
        assert calls == [(None, 3), (None, None)]
        assert app.catalog.index_ready


def _excerpt(n: int) -> Excerpt:
    return Excerpt(n, 1, "Doc", "doc.txt", n, n, "body", f"Passage [b]{n}[/b]", ((0, 7),), (1,))


async def test_excerpts_are_made_a_page_at_a_time(db: Path) -> None:
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        excerpts = app.main.query_one(ExcerptList)
        fetched: list[tuple[int, int]] = []

        def loader(offset: int, limit: int) -> list[Excerpt]:
            fetched.append((offset, limit))
            return [_excerpt(n) for n in range(offset, min(offset + limit, 100))]

        excerpts.show([_excerpt(n) for n in range(30)], 100, loader)
        assert len(excerpts.excerpts) == excerpts.option_count == FIRST_PAGE
        excerpts.load_more()  # from the 30 already read
        assert len(excerpts.excerpts) == excerpts.option_count == min(30, FIRST_PAGE + PAGE)
        while len(excerpts.excerpts) < 100:
            excerpts.load_more()
        assert [e.passage_id for e in excerpts.excerpts] == list(range(100))
        assert fetched[0] == (30, PAGE)
        excerpts.load_more()  # nothing left
        assert excerpts.option_count == 100
        excerpts.highlighted = 99
        assert excerpts.current is not None and excerpts.current.passage_id == 99


def _hub_db(path: Path, members: int, neighbours: int) -> Path:
    """An organisation with ``members`` members and ``neighbours`` co-occurring places."""
    b = sample_builder()
    hub = b.entity("Hub Organisation", "organization")
    for n in range(members):
        b.relation(b.entity(f"Member {n:03d}", "person"), hub, "member_of")
    for n in range(neighbours):
        b.relation(hub, b.entity(f"Place {n:03d}", "place"), "mentioned_with")
    return b.write(path)


def _leaves(group: TreeNode[RelationRow | More | None]) -> list[RelationRow]:
    return [c.data for c in group.children if isinstance(c.data, RelationRow)]


async def _choose_more(pilot: Pilot[None], tree: RelationsTree, group: TreeNode[Any]) -> bool:
    """Enter on the group's "… N more" line, if it has one."""
    more = [c for c in group.children if isinstance(c.data, More)]
    if not more:
        return False
    tree.focus()
    tree.cursor_line = more[0].line
    await pilot.press("enter")
    await pilot.pause()
    return True


async def test_a_big_group_of_relations_shows_a_page_then_more_on_enter(tmp_path: Path) -> None:
    db = _hub_db(
        tmp_path / "hub.db", members=MORE + 3 * RELATIONS_PAGE, neighbours=MORE + RELATIONS_PAGE + 5
    )
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        hub = next(r.id for r in app.catalog.entities() if r.name == "Hub Organisation")
        app.main.post_message(MainScreen.Show(hub))
        await settle(pilot)
        tree = app.main.query_one(RelationsTree)
        assert len(tree.rows) == 2 * MORE + 4 * RELATIONS_PAGE + 5
        members, co = tree.root.children
        assert len(_leaves(members)) == RELATIONS_PAGE
        more = members.children[-1]
        assert isinstance(more.data, More)
        assert str(more.label).startswith(f"… {MORE + 2 * RELATIONS_PAGE:,} more")
        assert await _choose_more(pilot, tree, members)
        shown = _leaves(members)
        assert len(shown) == RELATIONS_PAGE + MORE
        assert tree.cursor_node is not None and tree.cursor_node.data == shown[RELATIONS_PAGE]
        while await _choose_more(pilot, tree, members):
            pass
        wanted = [r for r in tree.rows if not r.is_co_occurrence]
        assert _leaves(members) == wanted  # every relation, once, in the order read
        co.expand()
        await pilot.pause()
        assert len(_leaves(co)) == RELATIONS_PAGE
        while await _choose_more(pilot, tree, co):
            pass
        assert _leaves(co) == [r for r in tree.rows if r.is_co_occurrence]
