"""The benchmark's synthetic corpora for the linear-cost series: sizes, names, determinism."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import large_document, small_documents
from bench.report import Figure

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_small_documents_are_1_to_3_kb_distinct_and_the_same_every_time(tmp_path: Path) -> None:
    written = small_documents(SEEDS, tmp_path / "a", 40)
    small_documents(SEEDS, tmp_path / "b", 40)
    files = sorted((tmp_path / "a").rglob("*.txt"))
    sizes = [p.stat().st_size for p in files]
    assert len({p.name for p in files}) == 40
    assert sum(sizes) == written
    assert min(sizes) >= 900 and max(sizes) <= 3072
    assert [p.read_bytes() for p in files] == [
        (tmp_path / "b" / p.relative_to(tmp_path / "a")).read_bytes() for p in files
    ]


def test_large_document_has_the_size_asked_for(tmp_path: Path) -> None:
    written = large_document(SEEDS, tmp_path, 0.3)
    assert 0.29e6 <= written <= 0.3e6
    assert (tmp_path / "large.txt").stat().st_size == written


def test_a_target_of_zero_is_met_only_by_zero() -> None:
    assert Figure("k", "tables that differ", 0, "tables", target=0, bound="max").met is True
    assert Figure("k", "tables that differ", 1, "tables", target=0, bound="max").met is False
