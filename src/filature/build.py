"""Build orchestration: discover, read, clean and split, extract, then write atomically."""

from __future__ import annotations

import errno
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from filature import __version__
from filature.curation.entries import load_curation
from filature.errors import SourceProblem
from filature.ingest.corpus import read_corpus
from filature.models import Document, FileReport
from filature.store.cache import AnalysisCache, cache_path
from filature.store.writer import (
    WriteStats,
    build_lock,
    remove_stray_temporaries,
    write_database,
)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
CURATION_FILE = "curation.toml"

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total); stages are "read", "analyse" and "write"."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did: every file's fate and the counts written."""

    db_path: Path
    files: tuple[FileReport, ...]
    stats: WriteStats
    seconds: float
    analysed: int = 0
    cached: int = 0

    @property
    def skipped(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.status == "skipped")


def _noop(stage: str, done: int, total: int) -> None:
    return None


def build(
    source: Path,
    db_path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    curation: Path | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
    explain_drops: Path | None = None,
) -> BuildReport:
    """Build the database at ``db_path`` from the documents under ``source``.

    One bad file never stops the build: it is skipped and reported. The previous database
    stays intact until the new one is complete (see ``store.writer.write_database``).
    Per-document analyses are cached beside the database, so only changed documents go
    through the NLP again. With ``explain_drops``, every candidate span a filter removed is
    written there as TSV, with the rule's name and reason (see ``extract.drops``).
    """
    started = time.perf_counter()
    report = progress or _noop
    if not source.exists():
        raise SourceProblem(f"No folder at {source}.")
    if not source.is_dir():
        raise SourceProblem(f"{source} is not a folder.")
    if explain_drops is not None and not explain_drops.parent.is_dir():
        raise FileNotFoundError(
            errno.ENOENT, "No folder for the --explain-drops file", str(explain_drops)
        )
    with build_lock(db_path):
        remove_stray_temporaries(db_path)
        documents, files = read_corpus(source, max_bytes, report)
        curation_path = curation if curation is not None else source / CURATION_FILE
        entries = load_curation(curation_path).entries
        from filature.extract.drops import CorpusDrop, write_drops
        from filature.extract.run import extract_all, pipeline_version, symmetric_types

        total = sum(len(d.passages) for d in documents)
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            report("analyse", done, total)

        report("analyse", 0, total)
        cache = AnalysisCache(cache_path(db_path)) if use_cache else None
        drops: list[CorpusDrop] | None = [] if explain_drops is not None else None
        try:
            extraction = extract_all(documents, cache=cache, progress=advance, drops=drops)
        finally:
            if cache is not None:
                cache.close()
        if explain_drops is not None and drops is not None:
            write_drops(explain_drops, documents, drops)
        cached = cache.hits if cache is not None else 0
        report("write", 0, 1)
        meta = {
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "pipeline_version": pipeline_version(),
            "filature_version": __version__,
            "corpus_sha256": corpus_fingerprint(documents),
            "source": str(source.resolve()),
            "curation_path": str(curation_path.resolve()),
        }
        symmetric = symmetric_types()
        stats = write_database(
            db_path, documents, extraction, files, meta, curation=entries, symmetric=symmetric
        )
        report("write", 1, 1)
    seconds = time.perf_counter() - started
    return BuildReport(db_path, tuple(files), stats, seconds, len(documents) - cached, cached)


def corpus_fingerprint(documents: list[Document]) -> str:
    """A hash of every document's path and content hash."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.path):
        digest.update(f"{doc.path}\0{doc.sha256}\n".encode())
    return digest.hexdigest()


def needs_build(source: Path, db_path: Path) -> bool:
    """True if the database is missing or older than any file under ``source``."""
    if not db_path.exists():
        return True
    built = db_path.stat().st_mtime
    for path in source.rglob("*"):
        try:
            if path.is_file() and path.stat().st_mtime > built:
                return True
        except OSError:
            continue
    return False
