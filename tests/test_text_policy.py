"""One fold and one control-character policy, the same at every output (issue 15).

A bidi override (U+202E) or a C0/C1 control in an entity name, a title or a passage is replaced
in the CLI's output, the export files, the dossier, the app and the clipboard; ``fold`` gives
one answer wherever a layer folds text.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dbfactory import DbBuilder
from filature.extract import textnorm
from filature.extract.relations import lexicon, quantities
from filature.query import fts as fts_module
from filature.query import text as query_text
from filature.query.fts import full_text_search
from filature.query.fuzzy import load_index
from filature.text import (
    CONTROL,
    fold,
    norm_key,
    norm_key_once,
    norm_keys,
    printable,
    safe_text,
    strip_accents,
)
from filature.tui.app import FilatureApp, make_app
from filature.tui.widgets.entity_header import EntityHeader
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.excerpt_list import ExcerptList
from filature.tui.widgets.relations_tree import RelationsTree

# Bidi embeddings, overrides and isolates, C0 (BEL, ESC) and C1 (NEL, CSI) controls.
HOSTILE = ("\u202e", "\u202a", "\u202d", "\u2066", "\u2069", "\x07", "\x1b", "\x85", "\x9b")
NAME = "Agent \u202eHtims\u202c Smith\x85"
PASSAGE = "Selon l'accord, Agent \u202eHtims\u202c Smith\x85 rejoint Interpol \u2066\x07 en 2019."


def clean(text: str) -> bool:
    return not any(c in text for c in HOSTILE) and CONTROL.search(text) is None


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    b = DbBuilder()
    (pid,) = b.document("notes \u202eftp.txt", "Titre \u202e\x1b[31m", [("body", PASSAGE)])
    smith = b.entity(NAME, "person")
    interpol = b.entity("Interpol", "organization")
    b.relation(smith, interpol, "member_of", role="agent\u2066", evidence=((pid, PASSAGE),))
    return b.write(tmp_path / "policy.db")


def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "filature", *args], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_the_cli_replaces_every_control(db: Path) -> None:
    outputs = [
        run("show", "Interpol", "--db", str(db)),
        run("show", "Interpol", "--json", "--db", str(db)),
        run("entities", "--db", str(db)),
        run("relations", "Interpol", "--db", str(db)),
        run("search", "agent smith", "--db", str(db)),
        run("find", "accord", "--db", str(db)),
    ]
    for out in outputs:
        assert "Htims" in out or "accord" in out
        assert clean(out), repr(out)
    assert "Agent \ufffdHtims\ufffd Smith\ufffd" in outputs[2]


def test_exports_and_dossiers_replace_every_control(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for fmt in ("json", "csv", "graphml", "gexf", "ftm"):
        run("export", "--format", fmt, "--out", str(out / fmt), "--db", str(db))
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        assert clean(text), path
        if path.suffix == ".json":
            assert all(clean(s) for s in strings(json.loads(text))), path
    assert "Agent \ufffdHtims\ufffd Smith\ufffd" in (out / "json").read_text(encoding="utf-8") or (
        any("Agent \ufffdHtims" in p.read_text(encoding="utf-8") for p in files)
    )
    for fmt in ("md", "html"):
        page = tmp_path / f"dossier.{fmt}"
        run("dossier", "Interpol", "--format", fmt, "--out", str(page), "--db", str(db))
        text = page.read_text(encoding="utf-8")
        assert "Htims" in text and "Titre" in text
        assert clean(text), fmt


pytestmark = pytest.mark.anyio


async def test_the_app_and_the_clipboard_replace_every_control(db: Path) -> None:
    app: FilatureApp = make_app(db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        entities = app.main.query_one(EntityList)
        rows = [entities.render_line(y).text for y in range(len(entities.rows))]
        assert any("Htims" in row for row in rows) and all(clean(row) for row in rows)
        await pilot.press("ctrl+k", *"interpol", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        header = str(app.main.query_one(EntityHeader).render())
        tree = app.main.query_one(RelationsTree)
        labels = [str(leaf.label) for node in tree.root.children for leaf in node.children]
        excerpts = app.main.query_one(ExcerptList)
        shown = [str(excerpts.get_option_at_index(i).prompt) for i in range(excerpts.option_count)]
        assert any("Htims" in label for label in labels) and any("Htims" in s for s in shown)
        for text in (header, *labels, *shown):
            assert clean(text), repr(text)
        excerpts.focus()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert "Htims" in app.clipboard and clean(app.clipboard)


def test_one_fold_everywhere() -> None:
    assert textnorm.fold is lexicon.fold is quantities.fold is query_text.fold is fold
    assert fold("lʼÉtat") == fold("l’État") == fold("l'etat") == "l'etat"
    assert fold("Lætitia") == "laetitia" and fold("Œuvre") == "oeuvre"
    assert not hasattr(fts_module, "fold")
    assert norm_key("lʼÉtat") == norm_key("l'État") == "l etat"


@given(st.text(max_size=30))
def test_fold_is_the_fold_of_each_character(text: str) -> None:
    """So the highlighting map (``fold_with_map``) lines up with what was matched."""
    assert fold(text) == "".join(fold(c) for c in text)
    folded, index = query_text.fold_with_map(text)
    assert len(folded) == len(index)
    assert folded.split() == norm_key(text.replace("-", " ").replace("_", " ")).split() or (
        "\n" in text or "-" in text
    )


@given(st.text(max_size=30))
def test_the_key_of_a_text_met_once_is_the_key(text: str) -> None:
    assert norm_key_once(text) == norm_key(text)


@given(st.lists(st.text(max_size=20), max_size=8))
def test_the_keys_of_many_texts_folded_at_once_are_their_keys(texts: list[str]) -> None:
    assert norm_keys(texts) == [norm_key(t) for t in texts]
    assert norm_keys([*texts, "Ḑiyarbakır\u0651", "Дмитрий"]) == [
        *(norm_key(t) for t in texts),
        "diyarbakir",
        "дмитрии",
    ]


def test_the_fuzzy_index_over_every_name_leaves_the_memos_empty(tmp_path: Path) -> None:
    """A pass over every name (the app's fuzzy index, its name filter) meets each once: the
    memos of the one fold, kept for the build's repeated words, are not filled with them."""
    b = DbBuilder()
    b.document("a.txt", "A", [("body", "Rien.")])
    for n in range(50):
        b.entity(f"Ministère numéro {n} de l'Intérieur", "organization", (f"Alias {n} Œuvre",))
    conn = sqlite3.connect(b.write(tmp_path / "names.db"))
    memos = (norm_key, fold, strip_accents)
    for memo in memos:
        memo.cache_clear()
    try:
        index = load_index(conn)
    finally:
        conn.close()
    assert [memo.cache_info().currsize for memo in memos] == [0, 0, 0]
    assert len(index) == 100
    assert index.search("ministere numero 7")[0].name == "Ministère numéro 7 de l'Intérieur"


def test_policy_is_one_definition() -> None:
    assert query_text.printable is printable
    assert safe_text("a\u202eb\x1b\nc") == "a\ufffdb\u241b\nc"
    assert safe_text("a\nb\tc", keep_newlines=False) == "a b c"


def test_search_finds_a_name_however_it_is_spelled(tmp_path: Path) -> None:
    """The fuzzy index and the full-text search fold the query as the names were folded: the
    ligature is found from either spelling, and a match is highlighted through the one fold."""
    b = DbBuilder()
    b.document("a.txt", "A", [("body", "Lætitia Casta visite lʼÉtat."), ("body", "Laetitia.")])
    b.entity("Lætitia Casta", "person")
    conn = sqlite3.connect(b.write(tmp_path / "s.db"))
    try:
        index = load_index(conn)
        for query in ("laetitia casta", "Lætitia Casta", "LAETITIA"):
            assert [h.name for h in index.search(query)][:1] == ["Lætitia Casta"], query
        assert len(full_text_search(conn, "Lætitia", 5).hits) == 2
        assert len(full_text_search(conn, "laetitia", 5).hits) >= 1
        found = full_text_search(conn, "lʼÉtat", 5).hits
        assert found and found[0].spans
    finally:
        conn.close()
