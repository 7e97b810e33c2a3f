"""Reading a whole folder: every file read, cleaned and split, in worker processes when the
corpus is large enough for them to pay (cleaning is pure Python and one core per file)."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from filature.ingest import ticks
from filature.ingest.attached import read_attachments
from filature.ingest.discover import discover_files
from filature.ingest.document import load_document
from filature.ingest.memo import ReadMemo, dump_fates, keepable, load_fates, reading_key
from filature.ingest.read import read_source, rel_path_of
from filature.ingest.ticks import Ticker
from filature.models import Document, FileReport, SourceText
from filature.orphans import die_with_parent

PARALLEL_MIN_FILES = 16
PARALLEL_MIN_BYTES = 2 * 1024 * 1024
"""Below either, starting worker processes (~0.1 s) costs more than it saves."""

TICK_MIN_BYTES = 1024 * 1024
"""Files at least this large report progress while they are read and cleaned."""

ReadProgress = Callable[[str, int, int], None]
"""Called with ("read", bytes done, bytes in all the files)."""


Fate = tuple[Document | None, FileReport]
"""One file's document (None if it was skipped) and what happened to it."""


def read_one(path: Path, source: Path, max_bytes: int, tick: Ticker = ticks.ignore) -> Fate:
    """One file's document (None if it was skipped) and its fate, its attachments left
    unread; ``tick`` is told how far reading and cleaning it has got."""
    return read_all(path, source, max_bytes, tick, attachments=False)[0]


def read_all(
    path: Path,
    source: Path,
    max_bytes: int,
    tick: Ticker = ticks.ignore,
    *,
    attachments: bool = True,
) -> list[Fate]:
    """The fate of one file, then of each file attached to it (see ``ingest.attached``)."""
    result = read_source(path, source, max_bytes)
    if not isinstance(result, SourceText):
        return [(None, result)]
    tick(0.1)
    fates = [_load(result, ticks.part(tick, 0.1, 1.0))]
    for attached in read_attachments(result, max_bytes) if attachments else ():
        fates.append((None, attached) if isinstance(attached, FileReport) else _load(attached))
    return fates


def _load(source: SourceText, tick: Ticker = ticks.ignore) -> Fate:
    if not source.text.strip():
        return None, FileReport(source.rel_path, "skipped", f"{source.format}: no text")
    try:
        document = load_document(source, tick)
    except Exception as exc:  # one broken file never stops a build
        return None, FileReport(source.rel_path, "skipped", f"could not be cleaned: {exc}")
    if not document.passages:
        return None, FileReport(source.rel_path, "skipped", "no text after cleaning")
    return document, _ok_report(source)


def _ok_report(source: SourceText) -> FileReport:
    encoding = source.encoding or None
    if source.warnings:
        return FileReport(source.rel_path, "warning", "; ".join(source.warnings), encoding)
    return FileReport(source.rel_path, "ok", "", encoding)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _worth_workers(paths: list[Path]) -> bool:
    if (os.cpu_count() or 1) < 2 or len(paths) < PARALLEL_MIN_FILES:
        return False
    return sum(map(_size, paths)) >= PARALLEL_MIN_BYTES


def _reader_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    die_with_parent()


def _results(
    paths: list[Path],
    source: Path,
    max_bytes: int,
    tick: Callable[[int], Ticker],
    aside: Callable[[], None] | None = None,
) -> Iterator[list[Fate]]:
    """Each file's fates, in order; ``aside`` is run once they are being read in worker
    processes (always, then), before the first is taken in."""
    read = partial(read_all, source=source, max_bytes=max_bytes)
    if aside is None and not _worth_workers(paths):
        for n, path in enumerate(paths):
            yield read(path, tick=tick(n))
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    workers = min(os.cpu_count() or 2, 4)
    with ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context(method), initializer=_reader_start
    ) as pool:
        try:
            results = pool.map(read, paths)  # one file at a time: Ctrl-C waits for few
            if aside is not None:
                aside()
            yield from results
        except BaseException:  # Ctrl-C, a failed model load: files not begun are not read
            pool.shutdown(cancel_futures=True)
            raise


def read_corpus(
    source: Path,
    max_bytes: int,
    report: ReadProgress,
    *,
    follow_links: bool = False,
    memo: ReadMemo | None = None,
    unread: Callable[[int, int, int], Callable[[], None] | None] | None = None,
) -> tuple[list[Document], list[FileReport]]:
    """Read every file under ``source``: the documents that loaded and each file's fate
    (sorted by path); documents keep the discovery order, a message's attachments after it.
    Links out of ``source`` are followed only with ``follow_links``. ``report`` is told the
    bytes read, during large files as well as after each file. With ``memo``, a file whose
    bytes did not change since it was kept there is not read again (see ``ingest.memo``), and
    ``unread`` is told first how many files, and bytes, the memo does not hold, of how many; if
    it gives back a task, the files are read in worker processes while this one runs it."""
    paths, files = discover_files(source, follow_links=follow_links)
    sizes = [_size(path) for path in paths]
    total = sum(sizes)
    done = 0
    fates: list[list[Fate] | None] = [None] * len(paths)
    keys: list[tuple[str, str] | None] = [None] * len(paths)
    report("read", 0, total)
    aside = None
    if memo is not None:
        keys = [reading_key(path, rel_path_of(path, source), max_bytes) for path in paths]
        kept = memo.kept_readings([key[0] for key in keys if key is not None])
        if unread is not None:
            missing = [n for n, key in enumerate(keys) if key is None or key[0] not in kept]
            aside = unread(len(missing), sum(sizes[n] for n in missing), len(paths))
        for n, key in enumerate(keys):
            text = memo.get_reading(key[0]) if key is not None and key[0] in kept else None
            fates[n] = load_fates(text) if text is not None else None
            if fates[n] is not None:
                done += sizes[n]
        report("read", done, total)
    todo = [n for n in range(len(paths)) if fates[n] is None]

    def tick(k: int) -> Ticker:
        n = todo[k]
        if sizes[n] < TICK_MIN_BYTES:
            return ticks.ignore
        return lambda fraction: report("read", done + int(fraction * sizes[n]), total)

    for k, read in enumerate(_results([paths[n] for n in todo], source, max_bytes, tick, aside)):
        n = todo[k]
        fates[n] = read
        key = keys[n]
        if memo is not None and key is not None and keepable(read, key[1]):
            memo.put_reading(key[0], dump_fates(read))
        done += sizes[n]
        report("read", done, total)
    documents: list[Document] = []
    for got in fates:
        for document, fate in got or ():
            if document is not None:
                documents.append(document)
            files.append(fate)
    files.sort(key=lambda f: f.path)
    return documents, files
