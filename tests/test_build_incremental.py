"""Rebuilds: unchanged documents come from the analysis cache, without spaCy; a changed one is
the only one analysed again."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from filature.build import build
from filature.store.cache import cache_path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

CACHED_BUILD = """
import sys
from pathlib import Path
from filature.build import build
report = build(Path(sys.argv[1]), Path(sys.argv[2]))
nlp = any(m.split(".")[0] in {"spacy", "thinc"} for m in sys.modules)
print(report.analysed, report.cached, nlp)
"""


def _with_cache(seed_db: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The seeds and an empty database folder holding the seed database's analysis cache."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "db" / "filature.db"
    db.parent.mkdir()
    shutil.copyfile(cache_path(seed_db), cache_path(db))
    return seeds, db


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
    seeds, db = _with_cache(seed_db, tmp_path)
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
    seeds, db = _with_cache(seed_db, tmp_path)
    changed = sorted(seeds.glob("*.txt"))[-1]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text + "\n\nLe ministre a rencontré Interpol à Lyon.\n", encoding="utf-8")
    report = build(seeds, db)
    assert (report.analysed, report.cached) == (1, len(list(seeds.glob("*.txt"))) - 1)
    again = build(seeds, db)
    assert (again.analysed, again.cached) == (0, len(list(seeds.glob("*.txt"))))
