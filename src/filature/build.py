"""Build orchestration: discover, read, clean and split, extract, then write atomically."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from filature import __version__
from filature.curation.state import META_DB, META_FILE, read_curation
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
    curation: Path | None = None

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
) -> BuildReport:
    """Build the database at ``db_path`` from the documents under ``source``.

    One bad file never stops the build: it is skipped and reported. The previous database
    stays intact until the new one is complete (see ``store.writer.write_database``).
    Per-document analyses are cached beside the database, so only changed documents go
    through the NLP again.
    """
    started = time.perf_counter()
    report = progress or _noop
    if not source.exists():
        raise SourceProblem(f"No folder at {source}.")
    if not source.is_dir():
        raise SourceProblem(f"{source} is not a folder.")
    with build_lock(db_path):
        remove_stray_temporaries(db_path)
        documents, files = read_corpus(source, max_bytes, report)
        curation_path = (
            curation or recorded_curation(source, db_path) or source / CURATION_FILE
        ).resolve()
        curation_file = read_curation(curation_path)
        from filature.extract.run import extract_all, pipeline_version, symmetric_types

        total = sum(len(d.passages) for d in documents)
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            report("analyse", done, total)

        report("analyse", 0, total)
        cache = AnalysisCache(cache_path(db_path)) if use_cache else None
        try:
            extraction = extract_all(documents, cache=cache, progress=advance)
        finally:
            if cache is not None:
                cache.close()
        cached = cache.hits if cache is not None else 0
        report("write", 0, 1)
        meta = {
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "pipeline_version": pipeline_version(),
            "filature_version": __version__,
            "corpus_sha256": corpus_fingerprint(documents),
            "source": str(source.resolve()),
            META_FILE: str(curation_path),
            META_DB: str(db_path.resolve()),
        }
        symmetric = symmetric_types()
        stats = write_database(
            db_path,
            documents,
            extraction,
            files,
            meta,
            curation_file=curation_file,
            symmetric=symmetric,
        )
        report("write", 1, 1)
    seconds = time.perf_counter() - started
    analysed = len(documents) - cached
    return BuildReport(db_path, tuple(files), stats, seconds, analysed, cached, curation_path)


def recorded_curation(source: Path, db_path: Path) -> Path | None:
    """The curation file the database at ``db_path`` follows, if it was built from ``source``
    (so that a database built once with ``--curation FILE`` keeps following that file)."""
    import sqlite3

    if not db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if meta.get("source") != str(source.resolve()) or not meta.get(META_FILE):
        return None
    return Path(str(meta[META_FILE]))


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
