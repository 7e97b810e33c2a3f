"""Entries that match something but cannot apply change nothing and are reported (issue 12,
item 1): a merge whose ``into`` matches no entity is never turned into a silent rename, and
a rename to a blank name is ignored, in the app's database and in a build alike."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import OptionList

from curationkit import Copy, curatable_copy
from filature.curation import Entry, load_curation
from filature.curation.apply import apply_entries
from filature.curation.session import CurationSession
from filature.tui.app import make_app
from reliability import filature

SHIPPED = Path(__file__).resolve().parents[1] / "seeds" / "curation.toml"


@pytest.fixture()
def copy(seed_db: Path, tmp_path: Path) -> Copy:
    return curatable_copy(seed_db, tmp_path)


def test_a_merge_into_nothing_renames_nothing_and_is_reported(copy: Copy) -> None:
    before = copy.tables()
    skipped: list[str] = []
    merge = Entry("merge", {"into": "Nulle Part Ailleurs", "names": ["Asie"]})
    apply_entries(copy.db, (*load_curation(copy.curation).entries, merge), skipped=skipped)
    assert copy.entity("Nulle Part Ailleurs") is None
    assert copy.entity("Asie") is not None
    assert copy.tables() == before
    assert len(skipped) == 1
    assert "'Nulle Part Ailleurs' matches no entity" in skipped[0]


def test_a_rename_to_a_blank_name_is_ignored_and_reported(copy: Copy) -> None:
    before = copy.tables()
    skipped: list[str] = []
    rename = Entry("rename", {"name": "Asie", "to": "  "})
    apply_entries(copy.db, (*load_curation(copy.curation).entries, rename), skipped=skipped)
    assert copy.tables() == before
    assert len(skipped) == 1 and "blank" in skipped[0]


def test_entries_that_match_nothing_at_all_stay_silent(copy: Copy) -> None:
    skipped: list[str] = []
    merge = Entry("merge", {"into": "Atlantide", "names": ["Lémurie"]})
    apply_entries(copy.db, (*load_curation(copy.curation).entries, merge), skipped=skipped)
    assert skipped == []


def test_the_shipped_file_applies_whole(copy: Copy) -> None:
    skipped: list[str] = []
    apply_entries(copy.db, load_curation(SHIPPED).entries, skipped=skipped)
    assert skipped == []
    assert copy.entity("Organisation des Nations unies") is not None
    assert {"ONU", "Nations unies"} <= copy.aliases("Organisation des Nations unies")


@pytest.mark.anyio
async def test_the_app_says_when_a_revert_leaves_a_merge_into_nothing(copy: Copy) -> None:
    text = copy.curation.read_text(encoding="utf-8")
    copy.curation.write_text(
        text + '\n[[rename]]\nname = "Asie"\nto = "Continent asiatique"\n'
        '\n[[merge]]\ninto = "Continent asiatique"\nnames = ["Afrique"]\n',
        encoding="utf-8",
    )
    conn = sqlite3.connect(copy.db)
    try:
        session = CurationSession(copy.db, conn)
    finally:
        conn.close()
    session.apply()
    assert copy.entity("Afrique") is None and copy.entity("Asie") is None
    rename = len(session.entries()) - 2
    app = make_app(copy.db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+u")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = rename
        await pilot.press("d", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(
            "Not applied" in m and "'Continent asiatique' matches no entity" in m for m in said
        ), said
    assert copy.entity("Continent asiatique") is None
    assert copy.entity("Afrique") is not None and copy.entity("Asie") is not None


def test_undoing_a_revert_puts_the_entry_back_in_its_place_in_a_changed_file() -> None:
    from filature.curation import parse_curation
    from filature.curation.edit import appended, removed
    from filature.curation.steps import Step, new_entry, restored

    text = SHIPPED.read_text(encoding="utf-8") + "\n# a closing remark of the analyst\n"
    entries = parse_curation(text).entries
    after = removed(text, 2)
    step = Step(entries[2], 2, text, after)
    assert restored(after, step) == text  # unchanged since: exactly the text before
    later = appended(after, new_entry("drop", name="Asie"))
    back = parse_curation(restored(later, step)).entries
    assert back[:-1] == entries and back[-1].get("name") == "Asie"
    assert "# a closing remark of the analyst" in restored(later, step)


def test_a_build_lists_the_entries_it_could_not_apply(seed_db: Path, tmp_path: Path) -> None:
    shutil.copytree(SHIPPED.parent, tmp_path / "seeds")
    db = tmp_path / "filature.db"
    shutil.copyfile(seed_db.with_name(seed_db.name + ".cache"), db.with_name(db.name + ".cache"))
    curation = tmp_path / "seeds" / "curation.toml"
    curation.write_bytes(
        curation.read_bytes() + b'\n[[merge]]\ninto = "Nulle Part Ailleurs"\nnames = ["Asie"]\n'
    )
    built = filature("build", "seeds", "--db", str(db), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    lines = [line for line in built.stdout.splitlines() if "not applied" in line]
    assert len(lines) == 1 and "'Nulle Part Ailleurs' matches no entity" in lines[0], built.stdout
    conn = sqlite3.connect(db)
    names = {name for (name,) in conn.execute("SELECT name FROM entities")}
    conn.close()
    assert "Asie" in names and "Nulle Part Ailleurs" not in names
