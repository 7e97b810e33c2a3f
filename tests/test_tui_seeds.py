"""The explorer and the queries on the real seeds database, as an analyst would use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from filature.query import fuzzy_search
from filature.store.connect import open_readonly
from filature.tui.app import make_app
from filature.tui.widgets.entity_header import EntityHeader
from filature.tui.widgets.relations_tree import RelationsTree

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("xi jinpin", "Xi Jinping"),
        ("meng hong wei", "Meng Hongwei"),
        ("securite publique", "Ministère de la Sécurité publique"),
        ("pekin", "Beijing"),
        ("al raisi", "Ahmed Naser Al-Raisi"),
        ("interpole", "Interpol"),
        ("Frangois Haut", "François Haut"),
    ],
)
def test_fuzzy_jump_examples_find_the_actor_first(seed_db: Path, typed: str, expected: str) -> None:
    hits = fuzzy_search(open_readonly(seed_db), typed, limit=5)
    assert hits, typed
    assert hits[0].name == expected, [(h.name, h.alias, h.score) for h in hits]


@pytest.mark.anyio
async def test_meng_hongwei_election_excerpt_copied_in_under_ten_keys(seed_db: Path) -> None:
    app = make_app(seed_db, system_clipboard=False)
    keys = ["ctrl+k", "m", "e", "n", "g", "enter", "ctrl+c"]
    assert len(keys) < 10
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        card = app.main.query_one(EntityHeader).card
        assert card is not None and card.name == "Meng Hongwei"
        copied = app.clipboard
        assert "Meng Hongwei" in copied
        assert "est élu président d’Interpol" in copied
        assert copied.startswith("«")
        assert "— IRSEM, NR 135, lines" in copied  # the label of seeds/documents.toml
        roles = {
            (r.type, r.counterpart_name, r.role, r.date)
            for r in app.main.query_one(RelationsTree).rows
        }
        assert ("holds_role", "Interpol", "président", "2016-11-10") in roles


@pytest.mark.anyio
async def test_ctrl_e_d_writes_the_dossier_of_the_selected_entity(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(seed_db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in ["ctrl+k", "m", "e", "n", "g", "enter", "ctrl+e", "d"]:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
    written = list((tmp_path / "exports" / "dossiers").glob("*.md"))
    assert [p.name for p in written] == ["meng-hongwei.md"]
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith("# Meng Hongwei")
    assert "est élu président d’Interpol" in text
