"""Item 3: any query, fuzzy or full-text, in the library, the CLI and the app, returns results
or a message; long queries are cut before any work; hypothesis fuzzes both searches."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static
from typer.testing import CliRunner

from dbfactory import write_sample
from filature.cli import app as cli_app
from filature.query import FuzzyIndex, full_text_search, load_index
from filature.query import fts as fts_module
from filature.query import fuzzy as fuzzy_module
from filature.query import text as query_text
from filature.store.connect import open_readonly
from filature.tui.app import make_app
from filature.tui.screens.find import FindScreen
from filature.tui.screens.jump import JumpScreen
from pilotkit import settle
from reliability import filature

QUERIES = [
    '"',
    '"unterminated',
    "AND",
    "OR NOT AND",
    "NEAR(",
    "NEAR(interpol meng, 2)",
    "-x",
    "-interpol",
    "x-ray",
    "foo:bar",
    "text:interpol",
    "*",
    "inter*",
    "^interpol",
    "(",
    ")",
    "      ",
    "",
    "a\x00b",
    "interpol\x00",
    "🙂🚓 Interpol 🙂",
    "مرحبا بالعالم",
    "שלום עולם",
    "\u202eloportni",
    "x" * 10_000,
    "interpol " * 2_000,
]
CAP = 200
HANG = 2.0  # seconds: a hang detector only; speed is measured in bench/

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample(tmp_path_factory.mktemp("queries") / "sample.db")


@pytest.fixture(scope="module")
def conn(db: Path) -> Iterator[sqlite3.Connection]:
    connection = open_readonly(db, shared=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def index(conn: sqlite3.Connection) -> FuzzyIndex:
    return load_index(conn)


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_every_query_returns_results_or_a_message(
    conn: sqlite3.Connection, index: FuzzyIndex, query: str
) -> None:
    hits = index.search(query, limit=20)
    assert all(0 <= h.score <= 100 for h in hits)
    for prefix in (False, True):
        result = full_text_search(conn, query, 20, prefix=prefix)
        assert result.hits or result.message
        assert not result.message.startswith("The search could not run"), result.message


def test_operators_are_words_not_syntax(conn: sqlite3.Connection) -> None:
    assert full_text_search(conn, "-interpol", 5).hits  # not "NOT interpol"
    assert full_text_search(conn, "foo:bar", 5).message == "No passage contains 'foo bar'."
    assert full_text_search(conn, "NEAR(", 5).message.startswith("No passage contains")
    assert full_text_search(conn, "*", 5).message.startswith("Type one or more words")


def test_long_queries_are_cut_before_any_work(
    conn: sqlite3.Connection, index: FuzzyIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    def spy(real: object) -> object:
        def folding(text: str) -> object:
            seen.append(len(text))
            return real(text)  # type: ignore[operator]

        return folding

    monkeypatch.setattr(fuzzy_module, "norm_key", spy(query_text.norm_key))
    monkeypatch.setattr(fts_module, "norm_key", spy(query_text.norm_key))
    monkeypatch.setattr(fts_module, "fts_words", spy(query_text.fts_words))
    for query in ("x" * 10_000, "interpol " * 2_000, "é" * 50_000):
        index.search(query)
        full_text_search(conn, query, 5)
        full_text_search(conn, query, 5, prefix=True)
    assert seen and max(seen) <= CAP
    assert len(fts_module.search_terms("a " * 10_000)) <= fts_module.MAX_TERMS


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.text(max_size=400)
    | st.lists(
        st.sampled_from(
            ['"', "AND", "OR", "NOT", "NEAR(", ")", "*", "-", ":", "^", "+", "interpol"]
        )
        | st.text(max_size=8),
        max_size=30,
    ).map(" ".join)
)
def test_fuzzing_both_searches(conn: sqlite3.Connection, index: FuzzyIndex, query: str) -> None:
    started = time.perf_counter()
    index.search(query, limit=30)
    result = full_text_search(conn, query, 50, prefix=True)
    assert result.hits or result.message
    assert not result.message.startswith("The search could not run"), (query, result.message)
    assert time.perf_counter() - started < HANG


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_fuzzing_the_cli(db: Path, query: str) -> None:
    for command in ("search", "find"):
        result = runner.invoke(cli_app, [command, "--db", str(db), "--", query])
        assert result.exit_code in (0, 1), (command, query, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("command", ["search", "find"])
def test_cli_in_process_with_every_query(db: Path, command: str) -> None:
    for query in QUERIES:
        result = runner.invoke(cli_app, [command, "--db", str(db), "--", query])
        assert result.exit_code in (0, 1), (query, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        if result.exit_code == 1:
            assert result.stderr.strip(), query  # a message, not silence
        else:
            assert result.stdout.strip(), query
    # Without "--" a query that starts with "-" is an unknown option: a usage error, no crash.
    result = runner.invoke(cli_app, [command, "-x", "--db", str(db)])
    assert result.exit_code == 2 and "No such option: -x" in result.output


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "مرحبا Interpol", "🙂 NEAR( -x foo:bar *"],
    ids=["10k-chars", "right-to-left", "emoji-operators"],
)
def test_cli_processes_with_hostile_queries(db: Path, query: str) -> None:
    for command in ("search", "find"):
        result = filature(command, "--db", str(db), "--", query)
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
        assert (result.stdout if result.returncode == 0 else result.stderr).strip()


async def status_after(pilot: Pilot[None], screen: Screen[Any], name: str, query: str) -> str:
    """The status line of the ``name`` screen once ``query`` is typed into its input."""
    screen.query_one(f"#{name}-input", Input).value = query
    await settle(pilot)
    return str(screen.query_one(f"#{name}-status", Static).render())


@pytest.mark.anyio
async def test_app_jump_and_find_with_every_query(db: Path) -> None:
    app = make_app(db, system_clipboard=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("ctrl+k")
        jump = app.screen
        assert isinstance(jump, JumpScreen)
        for query in QUERIES:
            assert (await status_after(pilot, jump, "jump", query)).strip(), query
        await pilot.press("escape", "ctrl+f")
        find = app.screen
        assert isinstance(find, FindScreen)
        for query in QUERIES:
            status = await status_after(pilot, find, "find", query)
            assert status.strip() and "could not run" not in status, (query, status)
        assert app.is_running
