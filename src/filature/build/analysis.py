"""The build's analysis stage around the stream: whether the language model is certainly
needed (then loaded while the files are read), and the documents whose analysis failed set
aside."""

from __future__ import annotations

from dataclasses import replace

from filature.models import Document, FileReport
from filature.store.cache import AnalysisCache


def every_document_analysed(cache: AnalysisCache | None) -> bool:
    """Whether every document will go through the language model (no analysis of this
    pipeline version is cached), so that it can load while the files are read."""
    from filature.extract.run import pipeline_version

    return cache is None or not cache.holds(pipeline_version())


def load_model() -> None:
    """Load the language model in this process (before the analysis needs it)."""
    from filature.extract.nlp import load_nlp

    load_nlp()  # remembered: the analysis then finds it loaded


def without_failed(
    documents: list[Document], files: list[FileReport], failures: dict[int, str]
) -> tuple[list[Document], list[FileReport]]:
    """The documents whose analysis succeeded, and the files with the others skipped."""
    reasons = {documents[i].path: why for i, why in failures.items()}
    kept = [d for i, d in enumerate(documents) if i not in failures]
    fates = [
        replace(f, status="skipped", reason=reasons[f.path]) if f.path in reasons else f
        for f in files
    ]
    return kept, fates
