"""The store: schema contract, FTS, atomic replacement, stale sidecars, the build lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from docfactory import document_of
from filature.models import (
    Document,
    Entity,
    EvidenceSpan,
    Extraction,
    FileReport,
    Mention,
    Relation,
)
from filature.store.atomic import BuildLocked, build_lock, remove_stray_temporaries
from filature.store.connect import DatabaseProblem, open_readonly
from filature.store.schema import SCHEMA_VERSION, WRITE_ONCE
from filature.store.writer import write_database

CONTRACT = {
    "documents": {"id", "path", "title", "sha256", "encoding", "chars"},
    "passages": {
        "id",
        "document_id",
        "seq",
        "start",
        "end",
        "line_start",
        "line_end",
        "zone",
        "text",
    },
    "entities": {"id", "name", "type", "mention_count"},
    "aliases": {"entity_id", "alias"},
    "mentions": {"id", "entity_id", "passage_id", "start", "end", "surface"},
    "relations": {"id", "source_id", "target_id", "type", "confidence"},
    "evidence": {"relation_id", "passage_id", "start", "end"},
    "meta": {"key", "value"},
}


def sample(text_suffix: str = "") -> tuple[list[Document], Extraction]:
    body = "Meng Hongwei est élu président d'Interpol." + text_suffix
    note = "Voir le rapport d'Interpol."
    doc = document_of("a.txt", "A", [("body", body), ("footnote", note)])
    meng = Entity(
        0, "Meng Hongwei", "person", ("Meng Hongwei",), (Mention(0, 0, 0, 12, "Meng Hongwei"),)
    )
    interpol = Entity(
        1,
        "Interpol",
        "organization",
        ("Interpol", "INTERPOL"),
        (Mention(0, 0, 33, 41, "Interpol", None), Mention(0, 1, 18, 26, "Interpol")),
    )
    rel = Relation(
        0, 1, "holds_role", 0.9, "test", (EvidenceSpan(0, 0, 0, len(body)),), role="président"
    )
    return [doc], Extraction(entities=(meng, interpol), relations=(rel,))


def write(target: Path, suffix: str = "") -> None:
    docs, extraction = sample(suffix)
    write_database(
        target, docs, extraction, [FileReport("a.txt", "ok", "", "utf-8")], {"built_at": "now"}
    )


def test_schema_contract_and_counts(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    write(db)
    conn = open_readonly(db)
    for table, columns in CONTRACT.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        assert columns <= have, table
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION
    )
    row = conn.execute(
        "SELECT mention_count, body_mentions, footnote_mentions FROM entities WHERE name='Interpol'"
    ).fetchone()
    assert tuple(row) == (2, 1, 1)
    fks = {(r[2], r[3]) for r in conn.execute("PRAGMA foreign_key_list(mentions)")}
    assert fks == {("entities", "entity_id"), ("passages", "passage_id")}
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_every_foreign_key_into_a_table_curation_rewrites_is_indexed(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    write(db)
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        for fk in conn.execute(f"PRAGMA foreign_key_list({table})"):
            if fk[2] in WRITE_ONCE:  # never deleted from: no lookup by the child column
                continue
            column = fk[3]
            indexed = any(
                conn.execute(f"PRAGMA index_info({idx[1]})").fetchone()[2] == column
                for idx in conn.execute(f"PRAGMA index_list({table})")
            )
            assert indexed, f"{table}.{column} has no index"


def test_fts_is_populated_and_accent_insensitive(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    write(db)
    conn = open_readonly(db)
    hits = conn.execute(
        "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?", ('"elu"',)
    ).fetchall()
    assert [h[0] for h in hits] == [1]


def test_replacing_keeps_no_stale_sidecar_and_swaps_whole_file(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    write(db, " Ancien.")
    stale = Path(str(db) + "-wal")
    stale.write_bytes(b"garbage from an older database")
    Path(str(db) + "-journal").write_bytes(b"garbage")
    write(db, " Nouveau.")
    assert not stale.exists()
    assert not Path(str(db) + "-journal").exists()
    conn = open_readonly(db)
    assert "Nouveau" in conn.execute("SELECT text FROM passages WHERE seq=0").fetchone()[0]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_failed_write_leaves_the_previous_database_and_no_temporary(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    write(db)
    before = db.read_bytes()
    docs, _ = sample()
    broken = Extraction(entities=(Entity(0, "X", "person", ("X",), (Mention(5, 0, 0, 1, "X"),)),))
    with pytest.raises(KeyError):
        write_database(db, docs, broken, [], {})
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.db"]


def test_stray_temporaries_are_removed(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    stray = tmp_path / ".f.db.tmp-123-abcd"
    stray.write_bytes(b"half a build")
    assert remove_stray_temporaries(db) == [stray]
    assert not stray.exists()


def test_second_build_is_refused_while_the_lock_is_held(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    with build_lock(db), pytest.raises(BuildLocked), build_lock(db):
        pass
    with build_lock(db):
        pass


@pytest.mark.parametrize(
    "make",
    [
        lambda p: None,
        lambda p: p.write_bytes(b""),
        lambda p: p.write_bytes(b"\x00\x01garbage" * 100),
        lambda p: sqlite3.connect(p).execute("CREATE TABLE other(x)").connection.commit(),
        lambda p: p.mkdir(),
    ],
    ids=["missing", "empty", "random-bytes", "other-sqlite", "folder"],
)
def test_broken_databases_raise_a_problem_with_a_fix(tmp_path: Path, make: object) -> None:
    db = tmp_path / "f.db"
    make(db)  # type: ignore[operator]
    with pytest.raises(DatabaseProblem) as info:
        open_readonly(db)
    assert "filature build" in info.value.fix


def test_truncated_and_old_schema_databases_raise_a_problem(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    write(db)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    with pytest.raises(DatabaseProblem):
        open_readonly(db).execute("SELECT count(*) FROM mentions").fetchall()
    write(db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value='0' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseProblem, match="schema version 0"):
        open_readonly(db)


def test_the_check_before_the_swap_catches_a_damaged_page(tmp_path: Path) -> None:
    """A page the disk damaged fails the writer's integrity check, so the file is never
    swapped in."""
    from filature.store.writer import _check

    path = tmp_path / "damaged.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
    conn.executemany("INSERT INTO t (text) VALUES (?)", [("x" * 200,)] * 500)
    conn.commit()
    _check(conn)
    conn.close()
    with path.open("r+b") as handle:
        handle.seek(4096 * 3 + 8)
        handle.write(b"\xff" * 64)
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        _check(conn)
    conn.close()
