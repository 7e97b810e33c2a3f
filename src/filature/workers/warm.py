"""A worker started while the build reads its files, so that it loads the model meanwhile.

A rebuild with a few small new files among kept ones analyses them ahead (``workers.ahead``)
in one worker: started as soon as the reading finds them new, before they are read, it loads
the model, its longest part, while the build reads every file and every kept analysis. It is
forked before the documents exist and is sent them once read (``Pool.take_documents``). A
build with more to analyse loads the model itself while the files are read in other processes
(``ingest.corpus.read_corpus``), and forks its workers after, sharing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.workers.pool import Pool

if TYPE_CHECKING:
    from filature.extract.compiled import PatternStore

FEW_BYTES = 256 * 1024
"""New files of at most this many bytes in all, among kept ones, start the worker: a few
documents, likely one task of the analysis ahead."""


class Warm:
    """The worker a build may start early (``consider``) and hand to its analysis ahead
    (``take``); leaving the block stops it, taken or not."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.patterns: PatternStore | None = None
        self.pool: Pool | None = None
        self.taken = False

    def arm(self, patterns: PatternStore | None) -> Warm:
        """Ready for one build whose worker loads the model's long patterns from
        ``patterns``; nothing started yet."""
        self.patterns, self.pool, self.taken = patterns, None, False
        return self

    def consider(self, files: int, size: int, among: int) -> bool:
        """Start the worker if ``files`` of the ``among`` files to read, ``size`` bytes in
        all, are new, some but not all, few and small (``FEW_BYTES``); True if it runs."""
        if self.pool is None and self.workers >= 2 and 0 < files < among and size <= FEW_BYTES:
            self.pool = Pool((), 1, self.patterns).__enter__()
        return self.pool is not None

    def take(self) -> Pool | None:
        """The started worker's pool, for one analysis ahead; None if none was started (or
        it was taken already). It is stopped on leaving the block all the same."""
        if self.taken:
            return None
        self.taken = True
        return self.pool

    def __enter__(self) -> Warm:
        return self

    def __exit__(self, *exc: object) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.__exit__(*exc)
