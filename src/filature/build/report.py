"""What a build reports: every file's fate, the counts written, how it analysed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from filature.models import Document, FileReport
from filature.store.writer import WriteStats

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total); stages are "read", "model" (loading the language model,
only when some document is not in the cache), "analyse" and "write"."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did: every file's fate and the counts written."""

    db_path: Path
    files: tuple[FileReport, ...]
    stats: WriteStats
    seconds: float
    analysed: int = 0
    cached: int = 0
    curation: Path | None = None
    metadata_notes: tuple[str, ...] = ()
    workers: int = 1
    model_loaded: bool = False
    cluster: str | None = None

    @property
    def skipped(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.status == "skipped")


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
