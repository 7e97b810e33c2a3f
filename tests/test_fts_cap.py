"""Full-text search on many matches: counted up to a cap ("10,000+"), listed in document order
with body passages first past the ranking cap, and still the right passages. Behaviour only;
the timings are measured in ``bench/``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dbfactory import DbBuilder
from filature import query
from filature.query.fts import COUNT_CAP, RANK_CAP
from filature.tui.app import make_app
from filature.tui.screens.find import FindScreen
from filature.tui.widgets.excerpt_list import ExcerptList


def _write(path: Path, passages: list[tuple[str, str]]) -> Path:
    b = DbBuilder()
    b.document("long.txt", "Long", passages)
    return b.write(path)


def _match(zone: str, n: int) -> tuple[str, str]:
    return (zone, f"La coopération policière, {zone} numéro {n}.")


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """Footnotes first, then more body passages than the cap, some passages matching nothing."""
    passages = [_match("footnote", n) for n in range(300)]
    passages += [("body", f"Un paragraphe sans le mot, numéro {n}.") for n in range(50)]
    passages += [_match("body", n) for n in range(COUNT_CAP + 100)]
    db = _write(tmp_path_factory.mktemp("fts") / "many.db", passages)
    conn = sqlite3.connect(db)
    yield conn
    conn.close()


def test_more_matches_than_the_cap_are_counted_to_it_and_listed_body_first(
    many: sqlite3.Connection,
) -> None:
    result = query.full_text_search(many, "coopération", 50)
    assert result.capped and result.total == COUNT_CAP
    assert result.count_text == f"{COUNT_CAP:,}+ passages"
    assert not result.ranked
    # the first body passages in document order: after the 300 footnotes and the 50 others
    assert [h.passage_id for h in result.hits] == list(range(351, 401))
    assert [h.text for h in result.hits[:2]] == [_match("body", 0)[1], _match("body", 1)[1]]
    assert all(h.text[h.spans[0][0] : h.spans[0][1]] == "coopération" for h in result.hits)
    prefix = query.full_text_search(many, "coopér", 5, prefix=True)
    assert prefix.capped and [h.passage_id for h in prefix.hits] == list(range(351, 356))


def test_few_body_passages_among_the_first_matches_still_come_first(tmp_path: Path) -> None:
    passages = [_match("footnote", n) for n in range(COUNT_CAP + 20)]
    passages += [_match("heading", 0), _match("body", 0), _match("table", 0), _match("body", 1)]
    conn = sqlite3.connect(_write(tmp_path / "late.db", passages))
    try:
        result = query.full_text_search(conn, "cooperation", 6)
    finally:
        conn.close()
    assert result.capped and result.total == COUNT_CAP and not result.ranked
    zones = [h.zone for h in result.hits]
    assert zones == ["body", "body", "heading", "table", "footnote", "footnote"]
    first = COUNT_CAP + 20
    assert [h.passage_id for h in result.hits] == [first + 2, first + 4, first + 1, first + 3, 1, 2]


def test_past_the_ranking_cap_the_count_is_exact_and_the_order_is_the_documents(
    tmp_path: Path,
) -> None:
    passages = [_match("heading", 0)] + [_match("body", n) for n in range(RANK_CAP + 5)]
    conn = sqlite3.connect(_write(tmp_path / "middle.db", passages))
    try:
        result = query.full_text_search(conn, "policière", RANK_CAP + 10)
        few = query.full_text_search(conn, "heading numéro", 10)
    finally:
        conn.close()
    assert not result.capped and result.total == RANK_CAP + 6 and not result.ranked
    assert [h.passage_id for h in result.hits] == [*range(2, RANK_CAP + 7), 1]
    assert result.count_text == f"{RANK_CAP + 6:,} passages"
    assert few.ranked and few.total == 1 and few.count_text == "1 passage"


@pytest.mark.anyio
async def test_the_find_screen_says_the_count_is_capped(
    many: sqlite3.Connection, tmp_path: Path
) -> None:
    (path,) = [row[2] for row in many.execute("PRAGMA database_list") if row[1] == "main"]
    app = make_app(Path(path), system_clipboard=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FindScreen)
        await pilot.press(*"cooperation")
        while app.screen.searched and app.workers._workers:
            await app.workers.wait_for_complete()
            await pilot.pause()
        status = str(app.screen.query_one("#find-status").render())
        assert status.startswith(f"{COUNT_CAP:,}+ passages (showing 200, in document order)")
        hits = app.screen.query_one("#find-hits", ExcerptList)
        assert [e.passage_id for e in hits.excerpts[:3]] == [351, 352, 353]
