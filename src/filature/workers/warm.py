"""Workers started while the build reads its files, so that they load the model meanwhile.

The model load takes about a second, most of it in one core, and reading and cleaning the
files takes as long again at ten times the seeds: started side by side, the two overlap. The
workers are forked before the documents exist and are sent them once read
(``Pool.take_documents``). A rebuild with a few small new files among kept ones starts one
worker, for the analysis ahead (``workers.ahead``); a build with more to read starts one per
process the build may use, for the whole analysis (``ahead.analyse_in_workers``). A build whose
files are all kept starts none: it may need no model at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from filature.workers.pool import Pool

if TYPE_CHECKING:
    from filature.extract.compiled import PatternStore

FEW_BYTES = 256 * 1024
"""New files of at most this many bytes in all, among kept ones, start a single worker: a
few documents, likely one task of the analysis ahead."""


class Warm:
    """The workers a build may start early (``consider``) and hand to its analysis
    (``take``); leaving the block stops them, taken or not."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.patterns: PatternStore | None = None
        self.pool: Pool | None = None
        self.taken = False
        self.shown: Callable[[bool], None] | None = None

    def arm(self, patterns: PatternStore | None) -> Warm:
        """Ready for one build whose workers load the model's long patterns from
        ``patterns``; nothing started yet, nothing ``shown``."""
        self.patterns, self.pool, self.taken, self.shown = patterns, None, False, None
        return self

    def wait_loaded(self, pool: Pool) -> None:
        """Wait for the model in every worker of ``pool``; ``shown``, if set, is told when
        the wait starts (False) and ends (True)."""
        if self.shown is not None:
            self.shown(False)
        pool.wait_loaded()
        if self.shown is not None:
            self.shown(True)

    def consider(self, files: int, size: int, among: int) -> None:
        """Start workers if ``files`` of the ``among`` files to read, ``size`` bytes in all,
        are new: one for a few small files among kept ones, else one per process."""
        if self.pool is not None or self.workers < 2 or not files:
            return
        few = files < among and size <= FEW_BYTES
        self.pool = Pool((), 1 if few else self.workers, self.patterns).__enter__()

    def take(self) -> Pool | None:
        """The started workers' pool, for one analysis; None if none was started (or it was
        taken already). It is stopped on leaving the block all the same."""
        pool, self.taken = (None, self.taken) if self.taken else (self.pool, True)
        return pool

    def __enter__(self) -> Warm:
        return self

    def __exit__(self, *exc: object) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.__exit__(*exc)
