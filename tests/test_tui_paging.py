"""The explorer stays fast on big databases: the entity list comes in two steps, excerpts page
by page. Behaviour only; the timings are measured in ``bench/``."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from dbfactory import write_sample
from filature.query import EntityRow, Excerpt
from filature.tui import catalog as catalog_module
from filature.tui.app import make_app
from filature.tui.screens import main as main_module
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.excerpt_list import FIRST_PAGE, PAGE, ExcerptList

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
