"""The build's analysis stage: the model is loaded while the files are read only when every
document needs it (nothing of this pipeline version cached)."""

from __future__ import annotations

from pathlib import Path

from filature.build.analysis import every_document_analysed
from filature.extract.run import pipeline_version
from filature.store.cache import AnalysisCache


def test_the_model_is_wanted_early_only_when_no_analysis_of_this_version_is_cached(
    tmp_path: Path,
) -> None:
    assert every_document_analysed(None)  # no cache: every document is analysed
    cache = AnalysisCache(tmp_path / "f.db.cache")
    try:
        assert every_document_analysed(cache)
        cache.put("doc", "an older version", {"analysis": {}})
        assert not cache.holds(pipeline_version()) and cache.holds("an older version")
        assert every_document_analysed(cache)
        cache.put("doc", pipeline_version(), {"analysis": {}})
        assert not every_document_analysed(cache)
    finally:
        cache.close()
