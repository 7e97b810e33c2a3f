"""Issue 16, "fix what hides information": the selected relation in full (a detail line) and
a zoom of the focused pane (f2), the list's cursor on the entity jumped to, excerpt windows on
word boundaries, body passages before footnotes, counts in agreement, the fuzzy jump's scores
and suggestions."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input
from typer.testing import CliRunner

from dbfactory import sample_builder, write_sample
from filature.cli import app as cli
from filature.query import full_text_search, load_index
from filature.query.fuzzy import is_close
from filature.tui.render import window
from filature.tui.screens.jump import JumpScreen
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.relation_detail import RelationDetail
from filature.tui.widgets.relations_tree import RelationsTree
from pilotkit import jump, press, settle, started
from reliability import screen_text

pytestmark = pytest.mark.anyio
ZONE_ORDER = {"body": 0, "heading": 1, "table": 2}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "sample.db")


@pytest.fixture()
def funded(tmp_path: Path) -> Path:
    """The sample with an amount, a currency and a period on Meng Hongwei's presidency."""
    path = write_sample(tmp_path / "funded.db")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE relations SET amount = 1250000, currency = 'EUR', period = '2017/2019',"
            " rule = 'role_predicate', confidence = 0.85 WHERE type = 'president_of'"
            " AND source_id = (SELECT id FROM entities WHERE name = 'Meng Hongwei')"
        )
    conn.close()
    return path


def detail_text(app: object) -> str:
    """The rows the detail line covers on the screen, joined into one text."""
    detail = app.screen.query_one(RelationDetail)  # type: ignore[attr-defined]
    rows = screen_text(app).splitlines()  # type: ignore[arg-type]
    region = detail.region
    return " ".join(
        rows[y][region.x : region.right].strip() for y in range(region.y, region.bottom)
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_detail_line_shows_the_whole_relation(
    funded: Path, size: tuple[int, int]
) -> None:
    async with started(funded, size, showing="Meng Hongwei") as (app, pilot):
        detail = app.screen.query_one(RelationDetail)
        assert not detail.display  # no relation selected yet
        await press(pilot, "tab")
        tree = app.screen.query_one(RelationsTree)
        for _ in range(6):
            if tree.current is not None and tree.current.type == "president_of":
                break
            await press(pilot, "down")
        assert tree.current is not None and tree.current.counterpart_name == "Interpol"
        assert detail.display
        text = " ".join(detail_text(app).split())
        for fact in (
            "President of → Interpol",
            "organisation",
            "role président",
            "date 2016-11-10",
            "amount 1,250,000 EUR",
            "period 2017/2019",
            "rule role_predicate",
            "confidence 0.85",
            "1 passage",
        ):
            assert fact in text, (fact, text)
        assert detail.region.bottom <= app.screen.query_one("Footer").region.y
        # The tree's own line names the amount and the period too (clipped or not).
        assert "1,250,000 EUR · 2017/2019" in str(tree.cursor_node.label)  # type: ignore[union-attr]
        await press(pilot, "up")  # a heading: no relation, no detail
        assert not detail.display


async def test_f2_zooms_the_focused_pane_and_back(db: Path) -> None:
    async with started(db, (80, 24)) as (app, pilot):
        assert "f2 Zoom" in screen_text(app).splitlines()[-1]
        await jump(pilot, "Meng Hongwei")
        await press(pilot, "tab")
        assert isinstance(app.focused, RelationsTree)
        await press(pilot, "f2")
        main = app.screen
        relations = main.query_one("#relations")
        assert relations.region.width == 80 and relations.region.height >= 20
        assert not main.query_one("#entities").display
        assert not main.query_one("#excerpts").display
        assert not main.query_one("#header").display
        await press(pilot, "f2")
        for name in ("entities", "relations", "excerpts", "header"):
            assert main.query_one(f"#{name}").display, name
        assert relations.region.width == 80 and relations.region.height < 12  # stacked again
        # Zoomed on the list, Enter opens the relations: the zoom follows the focus.
        await press(pilot, "shift+tab", "f2")
        assert main.query_one("#entities").region.height >= 20
        await press(pilot, "enter")
        assert isinstance(app.focused, RelationsTree)
        assert relations.region.height >= 20 and not main.query_one("#entities").display


async def test_after_a_jump_the_cursor_is_on_the_entity(db: Path) -> None:
    async with started(db, (120, 40)) as (app, pilot):
        entities = app.screen.query_one(EntityList)
        order = [row.name for row in entities.rows]
        await press(pilot, *"xi")  # a name filter that hides Meng Hongwei
        assert [row.name for row in entities.rows] == ["Xi Jinping"]
        await jump(pilot, "Meng Hongwei")
        assert entities.rows[entities.cursor].name == "Meng Hongwei"
        await press(pilot, "down")
        after = order[order.index("Meng Hongwei") + 1]
        assert app.screen.query_one("#header").card.name == after  # type: ignore[attr-defined]
        await press(pilot, "alt+t")  # people only: Interpol is not listed
        assert "Interpol" not in [row.name for row in entities.rows]
        await jump(pilot, "Interpol")
        assert entities.rows[entities.cursor].name == "Interpol"
        await press(pilot, "down")
        after = order[order.index("Interpol") + 1]
        assert app.screen.query_one("#header").card.name == after  # type: ignore[attr-defined]


async def test_a_jump_hidden_by_both_filters_stays_on_the_entity(db: Path) -> None:
    """Clearing the name filter moves the cursor (an announced move, handled later) before
    every type is listed again: the jump must still win once every message is handled."""
    async with started(db, (120, 40)) as (app, pilot):
        entities = app.screen.query_one(EntityList)
        await press(pilot, "alt+t", *"xi")  # people named "xi": Interpol hidden twice
        assert [row.name for row in entities.rows] == ["Xi Jinping"]
        await jump(pilot, "Interpol")
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        assert app.screen.query_one("#header").card.name == "Interpol"  # type: ignore[attr-defined]
        assert entities.rows[entities.cursor].name == "Interpol"


@pytest.mark.parametrize("size", [80, 200, 700])
def test_excerpt_windows_start_and_end_on_words(size: int) -> None:
    words = [f"mot{n}internationale{'x' * (n % 7)}" for n in range(400)]
    text = " ".join(words)
    for first in range(0, len(text) - 30, 97):
        span = (first, first + 20)
        shown, spans = window(text, (span,), size)
        core = shown.removeprefix("… ").removesuffix(" …")
        start = text.index(core)
        assert start == 0 or text[start - 1] == " ", shown[:30]
        end = start + len(core)
        assert end == len(text) or text[end] == " ", shown[-30:]
        assert shown.startswith("… ") == (start > 0)
        assert shown.endswith(" …") == (end < len(text))
        for a, b in spans:  # the marks still cover the same characters
            offset = start - (2 if start else 0)
            assert shown[a:b] == text[a + offset : b + offset]
        assert len(core) <= size + 80


def test_full_text_puts_body_passages_before_footnotes(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        hits = full_text_search(conn, "Meng Hongwei", 20).hits
    finally:
        conn.close()
    zones = [hit.zone for hit in hits]
    assert "body" in zones and "footnote" in zones
    assert zones == sorted(zones, key=lambda zone: ZONE_ORDER.get(zone, 3))
    found = CliRunner().invoke(cli, ["find", "Meng Hongwei", "--db", str(db), "--json"])
    assert found.exit_code == 0, found.output
    assert [hit["zone"] for hit in json.loads(found.output)] == zones
    shown = CliRunner().invoke(cli, ["find", "Meng Hongwei", "--db", str(db)])
    assert shown.output.rstrip().endswith("2 of 2 passages.")
    one = CliRunner().invoke(cli, ["find", "Raisi", "--db", str(db)])
    assert one.output.rstrip().endswith("1 of 1 passage.")


async def test_find_says_1_passage_and_no_passage_once(db: Path) -> None:
    async with started(db, (120, 40)) as (app, pilot):
        await press(pilot, "ctrl+f")
        app.screen.query_one("#find-input", Input).value = "Raisi"
        await settle(pilot)
        screen = screen_text(app)
        assert "1 passage ·" in screen and "1 passages" not in screen
        app.screen.query_one("#find-input", Input).value = "zzqx"
        await settle(pilot)
        assert screen_text(app).count("No passage contains") == 1


def test_a_close_match_is_what_was_typed() -> None:
    assert is_close("meng", "meng hongwei")
    assert is_close("secu pub", "ministere de la securite publique")
    assert is_close("intrepol", "interpol")
    assert is_close("hongwei meng", "meng hongwei")
    assert not is_close("aseanapol", "asean")
    assert not is_close("milipol", "filippo bubbico")


@pytest.fixture()
def with_asean(tmp_path: Path) -> Path:
    builder = sample_builder()
    builder.entity("ASEAN", "organization")
    return builder.write(tmp_path / "asean.db")


def test_the_index_marks_weak_matches(with_asean: Path) -> None:
    conn = sqlite3.connect(with_asean)
    index = load_index(conn)
    conn.close()
    best = index.search("ASEANAPOL", 5)[0]
    assert best.name == "ASEAN" and best.score >= 85 and not best.close
    assert index.search("meng", 5)[0].close
    found = CliRunner().invoke(cli, ["search", "ASEANAPOL", "--db", str(with_asean), "--json"])
    assert json.loads(found.output)[0]["close"] is False


async def test_the_jump_shows_scores_and_aliases_and_does_not_take_a_suggestion(
    with_asean: Path,
) -> None:
    async with started(with_asean, (120, 40)) as (app, pilot):
        shown = app.screen.query_one("#header").card.name  # type: ignore[attr-defined]
        await press(pilot, "ctrl+k")
        box = app.screen.query_one("#jump-input", Input)
        box.value = "police criminelle"
        await settle(pilot)
        screen = screen_text(app)
        assert re.search(r"\b\d{2,3}  Interpol  ■ organisation", screen), screen
        assert "matched “Organisation internationale de police criminelle”" in screen
        box.value = "ASEANAPOL"
        await settle(pilot)
        screen = screen_text(app)
        assert re.search(r"\b(8[5-9]|9\d)  ASEAN  ■ organisation", screen), screen
        assert "suggestions only" in screen and "nearest: ASEAN" in screen
        await press(pilot, "enter")
        assert isinstance(app.screen, JumpScreen)  # Enter did not take the suggestion
        assert app.main.query_one("#header").card.name == shown  # type: ignore[attr-defined]
        await press(pilot, "down", "enter")  # picked: now it jumps
        assert not isinstance(app.screen, JumpScreen)
        assert app.screen.query_one("#header").card.name == "ASEAN"  # type: ignore[attr-defined]
