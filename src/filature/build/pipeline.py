"""A build, the layers composed in order: ingest (discover, read, clean and split)
-> extract -> store (written atomically) -> curation (the curated tables derived)."""

from __future__ import annotations

import errno
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from filature import __version__
from filature.build.disk import disk_full, is_disk_full
from filature.build.early import Early
from filature.build.freshness import CURATION_FILE, corpus_fingerprint, recorded_curation
from filature.build.report import BuildReport, Progress, without_failed
from filature.curation.derivation import FileDerivation
from filature.curation.entries import CurationError
from filature.curation.state import META_DB, META_FILE, CurationFile, read_curation
from filature.errors import SourceProblem
from filature.ingest.corpus import read_corpus
from filature.ingest.documents_file import (
    DOCUMENTS_FILE,
    DocumentsFile,
    apply_documents_file,
    read_documents_file,
)
from filature.memory import keep_what_exists, kept_to_the_end, release_free_memory
from filature.models import Document, FileReport
from filature.store.atomic import build_lock, remove_stray_temporaries
from filature.store.begun import Begun
from filature.store.cache import AnalysisCache, cache_path
from filature.store.connect import refuse_newer
from filature.store.patternfiles import PatternFiles
from filature.store.writer import WriteStats, write_database
from filature.workers import LocalStream, default_workers

if TYPE_CHECKING:
    from filature.extract.analysing import Stream
    from filature.extract.result import DocumentResult

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


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
    follow_links: bool = False,
    explain_drops: Path | None = None,
    workers: int | None = None,
    dask: str | None = None,
) -> BuildReport:
    """Build the database at ``db_path`` from the documents under ``source``.

    One bad file never stops the build: it is skipped and reported. The previous database
    stays intact until the new one is complete (see ``store.writer.write_database``).
    Per-document analyses are cached beside the database, so only changed documents go
    through the NLP again. Symbolic links that lead outside ``source`` are skipped unless
    ``follow_links``. Raises ``CurationError`` for an invalid curation file or
    ``documents.toml`` (read before any work), ``DiskFull`` when the disk fills up,
    ``DatabaseProblem`` for a target of a newer schema version. With
    ``explain_drops``, every candidate span a filter removed is written there as TSV, with the
    rule's name and reason (see ``extract.drops``). The documents are analysed in ``workers``
    processes (default: every core this process may use; 1 analyses in this process), with the
    same results whatever their number; a document whose analysis fails or crashes is skipped
    with the reason. With ``dask`` (a scheduler's address, ``tcp://host:port``), they are
    analysed on that Dask cluster instead (``workers.cluster``), with the same results; the
    scheduler is reached before any work, and any failure of the cluster raises ``Problem``
    before anything is written.
    """
    workers = workers if workers is not None else default_workers()
    started = time.perf_counter()
    if not source.exists():
        raise SourceProblem(f"No folder at {source}.")
    if not source.is_dir():
        raise SourceProblem(f"{source} is not a folder.")
    if explain_drops is not None and not explain_drops.parent.is_dir():
        raise FileNotFoundError(
            errno.ENOENT, "No folder for the --explain-drops file", str(explain_drops)
        )
    existed = db_path.exists()
    stream: Stream = LocalStream(workers)
    cluster = None
    if dask is not None:
        from filature.workers.cluster import Cluster

        stream = cluster = Cluster(dask)
    try:
        with build_lock(db_path):
            refuse_newer(db_path)
            remove_stray_temporaries(db_path)
            made = _build_locked(
                source,
                db_path,
                max_bytes,
                curation,
                progress or _noop,
                use_cache,
                follow_links,
                explain_drops,
                stream,
            )
    except (OSError, sqlite3.Error) as exc:
        if is_disk_full(exc):
            raise disk_full(db_path, existed) from exc
        raise
    finally:
        if cluster is not None:
            cluster.close()
    stats, files, analysed, cached, curation_path, notes, loaded = made
    seconds = time.perf_counter() - started
    return BuildReport(
        db_path,
        tuple(files),
        stats,
        seconds,
        analysed,
        cached,
        curation_path,
        tuple(notes),
        workers,
        loaded,
        dask,
    )


def _build_locked(
    source: Path,
    db_path: Path,
    max_bytes: int,
    curation: Path | None,
    report: Progress,
    use_cache: bool,
    follow_links: bool,
    explain_drops: Path | None,
    stream: Stream,
) -> tuple[WriteStats, list[FileReport], int, int, Path, list[str], bool]:
    if curation is not None and not curation.exists():
        raise CurationError(
            "no such file", path=curation, action="check the path given to --curation"
        )
    curation_path = (
        curation or recorded_curation(source, db_path) or source / CURATION_FILE
    ).resolve()
    curation_file = read_curation(curation_path)  # a bad file stops the build before any work
    documents_file = read_documents_file(source / DOCUMENTS_FILE)  # so does a bad one here
    cache = AnalysisCache(cache_path(db_path)) if use_cache else None
    try:
        with kept_to_the_end():
            return _build_from(
                source,
                db_path,
                max_bytes,
                curation_path,
                curation_file,
                documents_file,
                report,
                cache,
                follow_links,
                explain_drops,
                stream,
            )
    finally:
        if cache is not None:
            cache.close()


def _build_from(
    source: Path,
    db_path: Path,
    max_bytes: int,
    curation_path: Path,
    curation_file: CurationFile,
    documents_file: DocumentsFile,
    report: Progress,
    cache: AnalysisCache | None,
    follow_links: bool,
    explain_drops: Path | None,
    stream: Stream,
) -> tuple[WriteStats, list[FileReport], int, int, Path, list[str], bool]:
    patterns = PatternFiles() if cache is not None else None
    with Early(stream, patterns, report) as early:  # a worker started early ends with it
        documents, files = read_corpus(
            source,
            max_bytes,
            report,
            follow_links=follow_links,
            memo=cache,
            unread=early.unread,
        )
        if cache is not None:
            cache.prune_readings()
        documents, metadata_notes = apply_documents_file(documents, documents_file)
        release_free_memory()
        keep_what_exists()
        failures: dict[int, str] = {}
        results, loaded = _analysed(documents, report, cache, (stream, early), failures, patterns)
    from filature.extract.drops import CorpusDrop, write_drops
    from filature.extract.run import extract_results, pipeline_version, symmetric_types

    drops: list[CorpusDrop] | None = [] if explain_drops is not None else None
    if failures:
        documents, files = without_failed(documents, files, failures)
    keep_what_exists()  # the analyses live to the end, and so does the extraction
    with Begun(db_path, documents) as begun:  # written beside the extraction
        extraction = extract_results(documents, results, drops=drops, steps=cache)
        keep_what_exists()
        if cache is not None:
            cache.prune_steps()
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
            META_FILE: str(curation_path),
            META_DB: str(db_path.resolve()),
        }
        stats = write_database(
            db_path,
            documents,
            extraction,
            files,
            meta,
            derivation=FileDerivation(curation_file),
            symmetric=symmetric_types(),
            begun=begun,
        )
    report("write", 1, 1)
    analysed = len(documents) - cached
    return stats, files, analysed, cached, curation_path, metadata_notes, loaded


def _analysed(
    documents: list[Document],
    report: Progress,
    cache: AnalysisCache | None,
    streams: tuple[Stream, Early],
    failures: dict[int, str],
    patterns: PatternFiles | None,
) -> tuple[list[DocumentResult], bool]:
    """Every document's analysis by ``streams`` (the stream, and what it started while the
    files were read; ``failures`` gets those that failed), and whether the model was loaded in
    this process; ``report`` shows the progress."""
    from filature.extract.run import analyze_corpus

    total = sum(len(d.passages) for d in documents)
    done = 0
    loaded = False

    def advance(n: int) -> None:
        nonlocal done
        done += n
        report("analyse", done, total)
        keep_what_exists()  # a document's analysis, read or made, lives to the end

    def loading(ready: bool) -> None:
        nonlocal loaded
        loaded = loaded or ready
        report("model", int(ready), 1)
        if ready:  # the bar shows the analysis from its start, before any task comes back
            report("analyse", done, total)

    stream, early = streams
    if early.nlp is not None:  # loaded while the files were read
        loaded = True
        report("analyse", done, total)
    results = analyze_corpus(
        documents,
        nlp=early.nlp,
        cache=cache,
        progress=advance,
        loading=loading,
        stream=stream,
        failures=failures,
        patterns=patterns,
    )
    return results, loaded
