"""Curation decisions applied to a built database at once, and by the next full build."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curationkit import Copy, curatable_copy
from filature.build import build
from filature.curation import CurationError, Entry, load_curation
from filature.curation.apply import apply_entries
from filature.curation.session import CurationSession
from filature.curation.steps import new_entry


@pytest.fixture()
def copy(seed_db: Path, tmp_path: Path) -> Copy:
    return curatable_copy(seed_db, tmp_path)


def session(copy: Copy) -> CurationSession:
    conn = sqlite3.connect(copy.db)
    try:
        return CurationSession(copy.db, conn)
    finally:
        conn.close()


def test_the_build_records_where_its_curation_file_is(seed_db: Path) -> None:
    conn = sqlite3.connect(f"{seed_db.as_uri()}?mode=ro", uri=True)
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    conn.close()
    assert Path(meta["curation_path"]) == Path(meta["source"]) / "curation.toml"


def test_applying_the_same_file_again_changes_nothing(copy: Copy) -> None:
    before = copy.tables()
    session(copy).apply()
    assert copy.tables() == before


def test_merge_moves_mentions_aliases_and_relations(copy: Copy) -> None:
    interpol, bureau = copy.entity("Interpol"), copy.entity("Bureau chinois d’Interpol")
    assert interpol is not None and bureau is not None
    related = {
        r[0]
        for r in copy.rows(
            "SELECT CASE WHEN source_id = ? THEN target_id ELSE source_id END FROM relations "
            "WHERE ? IN (source_id, target_id)",
            bureau[0],
            bureau[0],
        )
    } - {interpol[0]}
    session(copy).decide(
        new_entry(
            "merge", into="Interpol", names=["Bureau chinois d’Interpol"], type="organization"
        )
    )
    assert copy.entity("Bureau chinois d’Interpol") is None
    merged = copy.entity("Interpol")
    assert merged is not None and merged[0] == interpol[0]
    mentions = copy.rows("SELECT count(*) FROM mentions WHERE entity_id = ?", interpol[0])[0][0]
    assert merged[3] == mentions == interpol[3] + bureau[3]
    assert "Bureau chinois d’Interpol" in copy.aliases("Interpol")
    now = {
        r[0]
        for r in copy.rows(
            "SELECT CASE WHEN source_id = ? THEN target_id ELSE source_id END FROM relations "
            "WHERE ? IN (source_id, target_id)",
            interpol[0],
            interpol[0],
        )
    }
    assert related <= now and interpol[0] not in now
    assert copy.rows("SELECT count(*) FROM relations WHERE source_id = target_id") == [(0,)]
    assert copy.rows("SELECT count(*) FROM mentions WHERE entity_id = ?", bureau[0]) == [(0,)]


def test_a_merge_that_makes_self_relations_drops_them_and_combines_duplicates(
    copy: Copy,
) -> None:
    chine, usa = copy.entity("Chine"), copy.entity("États-Unis")
    assert chine is not None and usa is not None
    stated = (
        "SELECT count(*) FROM relations WHERE type = 'agreement_with' "
        "AND ? IN (source_id, target_id) AND ? IN (source_id, target_id)"
    )
    assert copy.rows(stated, chine[0], usa[0]) == [(1,)]
    session(copy).decide(new_entry("merge", into="Chine", names=["États-Unis"], type="place"))
    assert copy.rows("SELECT count(*) FROM relations WHERE source_id = target_id") == [(0,)]
    duplicates = copy.rows(
        "SELECT source_id, target_id, type, role, count(*) FROM relations WHERE type != 'funds' "
        "GROUP BY source_id, target_id, type, role HAVING count(*) > 1"
    )
    assert duplicates == []
    evidence = copy.rows(
        "SELECT count(*) FROM evidence WHERE relation_id NOT IN (SELECT id FROM relations)"
    )
    assert evidence == [(0,)]


def test_rename_retype_drop_and_split(copy: Copy) -> None:
    s = session(copy)
    s.decide(new_entry("rename", name="Matt Schrader", to="Matthew Schrader", type="person"))
    assert copy.entity("Matt Schrader") is None
    assert {"Matt Schrader", "Matthew Schrader"} <= copy.aliases("Matthew Schrader")
    s.decide(new_entry("retype", name="Mékong", to="event", type="place"))
    mekong = copy.entity("Mékong")
    assert mekong is not None and mekong[2] == "event"
    asie = copy.entity("Asie")
    assert asie is not None
    s.decide(new_entry("drop", name="Asie", type="place"))
    assert copy.entity("Asie") is None
    for table, column in (("mentions", "entity_id"), ("relations", "source_id")):
        assert copy.rows(f"SELECT count(*) FROM {table} WHERE {column} = ?", asie[0]) == [(0,)]
    school = "École supérieure de Police criminelle de Shenyang"
    before = copy.entity(school)
    espcc = copy.rows(
        "SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id "
        "WHERE e.name = ? AND m.surface = 'ESPCC'",
        school,
    )[0][0]
    assert before is not None and espcc > 0
    s.decide(new_entry("split", name=school, alias="ESPCC", to="organization", type="organization"))
    split = copy.entity("ESPCC")
    after = copy.entity(school)
    assert split is not None and after is not None
    assert split[3] == espcc and after[3] == before[3] - espcc
    assert "ESPCC" not in copy.aliases(school)
    assert [e.section for e in load_curation(copy.curation).entries][-4:] == [
        "rename",
        "retype",
        "drop",
        "split",
    ]


def test_undo_and_revert_restore_the_database(copy: Copy) -> None:
    before = copy.tables()
    text = copy.curation.read_text(encoding="utf-8")
    s = session(copy)
    s.decide(new_entry("drop", name="Asie", type="place"))
    s.decide(new_entry("drop", name="Russie", type="place"))
    step, _ = s.undo()
    assert step is not None and step.added and step.entry.get("name") == "Russie"
    assert copy.entity("Russie") is not None and copy.entity("Asie") is None
    entries = s.entries()
    s.revert(len(entries) - 1, entries[-1])
    assert copy.tables() == before
    assert copy.curation.read_text(encoding="utf-8") == text
    step, _ = s.undo()  # the revert is undone: Asie dropped again
    assert step is not None and not step.added and copy.entity("Asie") is None
    step, _ = s.undo()  # then the drop itself
    assert step is not None and step.added and copy.entity("Asie") is not None
    assert copy.tables() == before
    assert copy.curation.read_text(encoding="utf-8") == text
    assert s.undo() == (None, {})


def test_a_bad_database_leaves_the_file_as_it_was(copy: Copy) -> None:
    text = copy.curation.read_text(encoding="utf-8")
    conn = sqlite3.connect(copy.db)
    conn.execute("DROP TABLE base_evidence")
    conn.close()
    with pytest.raises(CurationError, match="nothing changed"):
        session(copy).decide(new_entry("drop", name="Asie"))
    assert copy.curation.read_text(encoding="utf-8") == text


def test_a_decision_made_in_the_app_survives_a_full_rebuild(copy: Copy) -> None:
    s = session(copy)
    s.decide(new_entry("merge", into="Interpol", names=["Bureau chinois d’Interpol"]))
    s.decide(new_entry("split", name="Chine", alias="RPC", to="organization", type="place"))
    s.decide(new_entry("rename", name="Safeguard Defenders", to='Safeguard "SD" Defenders'))
    decided = copy.tables()
    build(copy.seeds, copy.db)
    rebuilt = copy.tables()
    assert copy.entity("Bureau chinois d’Interpol") is None
    rpc = copy.entity("RPC")
    assert rpc is not None and rpc[2] == "organization"
    assert copy.entity('Safeguard "SD" Defenders') is not None
    assert rebuilt == decided


def test_apply_is_a_function_of_the_file(copy: Copy) -> None:
    entries = (Entry("drop", {"name": "Asie"}), Entry("drop", {"name": "Russie"}))
    apply_entries(copy.db, entries)
    once = copy.tables()
    apply_entries(copy.db, ())
    apply_entries(copy.db, entries)
    assert copy.tables() == once


def test_a_planted_trigger_blocks_curation_writes(copy: Copy) -> None:
    conn = sqlite3.connect(copy.db)
    conn.execute("CREATE TRIGGER wipe AFTER DELETE ON entities BEGIN DELETE FROM passages; END")
    conn.commit()
    conn.close()
    before = copy.db.read_bytes()
    with pytest.raises(CurationError, match="trigger"):
        apply_entries(copy.db, (Entry("drop", {"name": "Asie"}),))
    assert copy.db.read_bytes() == before
