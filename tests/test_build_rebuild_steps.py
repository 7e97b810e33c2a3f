"""Rebuilds after a document is added or removed: the per-document steps of the corpus merge
run on the changed document only, and the database is the one they give when every document is
searched again, row for row."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from dbfactory import table_rows
from filature.build import build
from filature.extract import spread
from filature.extract.namesearch import NameSearch
from filature.store.cache import cache_path
from test_build_incremental import with_cache

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

NEW = (
    "Note de la Commission de coopération fluviale\n\n"
    "Le ministre de l'Intérieur a rencontré le secrétaire général d'Interpol à Lyon en mars "
    "2019. La Commission de coopération fluviale a signé avec Interpol un accord d'échange.\n"
)


def _searches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the documents the 'same name' step searches (one ``NameSearch`` per document)."""
    made: list[int] = []

    class Counted(NameSearch):
        def __init__(self, names: list[str]) -> None:
            made.append(len(names))
            super().__init__(names)

    monkeypatch.setattr(spread, "NameSearch", Counted)
    return made


def _searched_afresh(seeds: Path, db: Path, tmp_path: Path, name: str) -> Path:
    """The same folder built with the same analyses but no remembered step: every document
    searched again."""
    fresh = tmp_path / name / "filature.db"
    fresh.parent.mkdir()
    shutil.copyfile(cache_path(db), cache_path(fresh))
    conn = sqlite3.connect(cache_path(fresh))
    with conn:
        conn.execute("DELETE FROM steps")
    conn.close()
    report = build(seeds, fresh, workers=1)
    assert report.analysed == 0
    return fresh


def _same_rows(db: Path, expected_db: Path) -> None:
    rows, expected = table_rows(db), table_rows(expected_db)
    assert rows.keys() == expected.keys()
    for name in expected.keys() - {"meta"}:  # meta names the database's own path
        assert rows[name] == expected[name], f"table {name} differs"


def test_adding_a_document_searches_only_it_and_gives_the_same_rows(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    documents = len(list(seeds.glob("*.txt")))
    build(seeds, db, workers=1)  # the seed folder's steps, remembered under this path
    searched = _searches(monkeypatch)
    (seeds / "000_nouveau.txt").write_text(NEW, encoding="utf-8")  # first: every index moves
    added = build(seeds, db, workers=1)
    assert (added.analysed, added.cached) == (1, documents)
    assert len(searched) == 1
    searched.clear()
    again = build(seeds, db, workers=1)
    assert (again.analysed, searched) == (0, [])
    _same_rows(db, _searched_afresh(seeds, db, tmp_path, "fresh"))
    assert len(searched) == documents + 1


def test_a_document_defining_known_acronyms_in_another_order_is_the_only_one_searched(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus's long forms come in the order their acronyms are first defined: a new
    first document defining them in another order changes that order, not the other
    documents' remembered steps (the document it repeats may be searched again: its names
    are now written twice as often in the corpus)."""
    seeds, db = with_cache(seed_db, tmp_path)
    documents = len(list(seeds.glob("*.txt")))
    build(seeds, db, workers=1)
    searched = _searches(monkeypatch)
    longest = max(seeds.glob("*.txt"), key=lambda p: p.stat().st_size)
    paragraphs = longest.read_text(encoding="utf-8").split("\n\n")
    reordered = "\n\n".join(reversed(paragraphs))
    (seeds / "000_reordered.txt").write_text(reordered, encoding="utf-8")
    added = build(seeds, db, workers=1)
    assert (added.analysed, added.cached) == (1, documents)
    assert len(searched) <= 2
    searched.clear()
    _same_rows(db, _searched_afresh(seeds, db, tmp_path, "fresh"))
    assert len(searched) == documents + 1


def test_removing_a_document_searches_only_what_it_changed_with_the_same_rows(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    build(seeds, db, workers=1)
    searched = _searches(monkeypatch)
    sorted(seeds.glob("*.txt"))[0].unlink()
    documents = len(list(seeds.glob("*.txt")))
    removed = build(seeds, db, workers=1)
    assert (removed.analysed, removed.model_loaded) == (0, False)
    assert removed.stats.documents == documents
    # Only the documents whose mentions or written long forms the removal changed (with the
    # seeds, each one of a kind: some do); a rebuild without a memory searches every one.
    assert len(searched) < documents
    searched.clear()
    _same_rows(db, _searched_afresh(seeds, db, tmp_path, "fresh"))
    assert len(searched) == documents


def test_a_damaged_remembered_step_is_searched_again(seed_db: Path, tmp_path: Path) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    first = build(seeds, db, workers=1)
    expected = table_rows(first.db_path)
    conn = sqlite3.connect(cache_path(db))
    with conn:
        assert conn.execute("SELECT count(*) FROM steps").fetchone()[0] > 0
        conn.execute("UPDATE steps SET data = x'00ff'")
    conn.close()
    build(seeds, db, workers=1)
    rows = table_rows(db)
    for name in expected.keys() - {"meta"}:
        assert rows[name] == expected[name], f"table {name} differs"
