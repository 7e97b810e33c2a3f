"""Rebuilds: unchanged documents come from the analysis cache, without spaCy; a changed one is
the only one analysed again."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dbfactory import table_rows, with_cache
from filature.build import build
from filature.ingest import corpus
from filature.models import Document, SourceText

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

CACHED_BUILD = """
import sys
from pathlib import Path
from filature.build import build
report = build(Path(sys.argv[1]), Path(sys.argv[2]))
nlp = any(m.split(".")[0] in {"spacy", "thinc"} for m in sys.modules)
print(report.analysed, report.cached, nlp)
"""


def _counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return {
            t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
            for t in ("entities", "aliases", "mentions", "relations", "evidence")
        }
    finally:
        conn.close()


def test_a_rebuild_from_the_cache_never_imports_spacy(seed_db: Path, tmp_path: Path) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", CACHED_BUILD, str(seeds), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    documents = len(list(SEEDS.glob("*.txt")))
    assert result.stdout.split() == ["0", str(documents), "False"]
    assert _counts(db) == _counts(seed_db)


def test_one_changed_document_is_the_only_one_analysed(seed_db: Path, tmp_path: Path) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    changed = sorted(seeds.glob("*.txt"))[-1]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text + "\n\nLe ministre a rencontré Interpol à Lyon.\n", encoding="utf-8")
    report = build(seeds, db)
    assert (report.analysed, report.cached) == (1, len(list(seeds.glob("*.txt"))) - 1)
    again = build(seeds, db)
    assert (again.analysed, again.cached) == (0, len(list(seeds.glob("*.txt"))))


REDERIVE = """
import sys
from pathlib import Path
from filature.build import build
report = build(Path(sys.argv[1]), Path(sys.argv[2]), workers=2)
nlp = any(m.split(".")[0] in {"spacy", "thinc"} for m in sys.modules)
print(report.analysed, report.cached, report.model_loaded, nlp)
"""


def _rederive(seeds: Path, db: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", REDERIVE, str(seeds), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


def test_curation_or_metadata_changes_rederive_without_any_nlp(
    seed_db: Path, tmp_path: Path
) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    documents = str(len(list(SEEDS.glob("*.txt"))))
    assert _rederive(seeds, db) == ["0", documents, "False", "False"]
    before = table_rows(db)
    with (seeds / "curation.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[rename]]\nname = "Interpol"\nto = "OIPC-Interpol"\n')
    assert _rederive(seeds, db) == ["0", documents, "False", "False"]
    curated = table_rows(db)
    assert curated["entities"] != before["entities"]
    metadata = seeds / "documents.toml"
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(text.replace('label = "MCC, brochure Chine"', 'label = "MCC 2"'), "utf-8")
    assert _rederive(seeds, db) == ["0", documents, "False", "False"]
    relabelled = table_rows(db)
    assert relabelled["documents"] != curated["documents"]
    full = build(seeds, tmp_path / "full" / "filature.db", use_cache=False, workers=1)
    assert full.model_loaded and full.analysed == int(documents)
    expected = table_rows(full.db_path)
    assert relabelled.keys() == expected.keys()
    for name, rows in expected.items():
        assert relabelled[name] == rows, f"table {name} differs from a full build"


def test_adding_or_removing_a_document_analyses_only_the_new_one(
    seed_db: Path, tmp_path: Path
) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    documents = len(list(seeds.glob("*.txt")))
    (seeds / "nouveau.txt").write_text(
        "Le ministre de l'Intérieur a rencontré le secrétaire général d'Interpol à Lyon.\n",
        encoding="utf-8",
    )
    added = build(seeds, db, workers=2)
    assert (added.analysed, added.cached, added.stats.documents) == (1, documents, documents + 1)
    (seeds / "nouveau.txt").unlink()
    sorted(seeds.glob("*.txt"))[0].unlink()
    removed = build(seeds, db, workers=2)
    assert (removed.analysed, removed.cached, removed.model_loaded) == (0, documents - 1, False)
    assert removed.stats.documents == documents - 1


def test_unchanged_files_are_not_read_and_cleaned_again(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    cleaned: list[str] = []
    load = corpus.load_document

    def counted(source: SourceText, *args: Any) -> Document:
        cleaned.append(source.rel_path)
        return load(source, *args)

    monkeypatch.setattr(corpus, "load_document", counted)
    first = build(seeds, db, workers=1)
    assert cleaned == []  # the seed build's readings, kept in the cache, serve this folder
    expected = table_rows(seed_db)
    rows = table_rows(first.db_path)
    assert rows.keys() == expected.keys()
    for name in expected.keys() - {"meta"}:  # meta names the folder and the curation file
        assert rows[name] == expected[name], f"table {name} differs"
    changed = sorted(seeds.glob("*.txt"))[-1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nInterpol.\n", encoding="utf-8")
    second = build(seeds, db, workers=1)
    assert cleaned == [changed.name]
    assert (second.analysed, second.stats.documents) == (1, first.stats.documents)
    third = build(seeds, db, workers=1)
    assert cleaned == [changed.name]
    assert (third.analysed, third.cached) == (0, first.stats.documents)
