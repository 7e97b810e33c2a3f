"""The build's analysis on this machine's cores, which can start a small analysis ahead.

A rebuild after a few documents changed analyses them in one task. Its worker is then started
before the model is loaded, and loads it itself, while the build reads every other document's
analysis from the cache: at 100 times the seeds each takes most of a second, and they now run
side by side instead of one after the other. When the files new to a rebuild are few and small,
the worker is started even before they are read (``Warm``): the model load, the longest part,
then starts with the build.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from filature.models import Document
from filature.workers.child import Task
from filature.workers.pool import Pool, analyse_in_workers, plan_tasks

if TYPE_CHECKING:
    from filature.extract.analysing import Advance, Finish
    from filature.extract.compiled import PatternStore


WARM_BYTES = 256 * 1024
"""New files of at most this many bytes in all start a worker before they are read: a few
documents, likely one task of the analysis ahead."""


class LocalStream(partial[dict[int, str]]):
    """``extract.analysing.Stream`` in ``workers`` processes: ``analyse_in_workers``."""

    warm: Warm | None = None

    def __new__(cls, workers: int) -> LocalStream:
        return super().__new__(cls, analyse_in_workers, workers=workers)

    def warming(self, patterns: PatternStore | None) -> Warm:
        """A block during which ``Warm.consider`` may start the worker of the analysis ahead
        before the documents are read; ``ahead`` then hands it the documents."""
        self.warm = Warm(self.workers, patterns)
        return self.warm

    @property
    def workers(self) -> int:
        """How many processes the analysis may use."""
        return int(self.keywords["workers"])

    def ahead(self, documents: Sequence[Document], patterns: PatternStore | None) -> Ahead | None:
        """The analysis of ``documents``, about to start in a worker of its own, when they
        make one task and the build may use more than one process; None otherwise (they are
        then analysed by calling the stream)."""
        tasks = plan_tasks(documents, self.workers)
        if self.workers < 2 or len(tasks) != 1:
            return None
        started = self.warm.take() if self.warm is not None else None
        return Ahead(documents, tasks[0], patterns, started)


class Warm:
    """A worker started while a rebuild reads its files, loading the model meanwhile, when
    ``consider`` finds few new files; leaving the block stops it unless ``take`` gave it to an
    analysis ahead."""

    def __init__(self, workers: int, patterns: PatternStore | None) -> None:
        self.workers = workers
        self.patterns = patterns
        self.pool: Pool | None = None
        self.taken = False

    def consider(self, files: int, size: int, among: int) -> None:
        """Start the worker if ``files`` of the ``among`` files to read, ``size`` bytes in
        all, are new: some but not all, few and small (``WARM_BYTES``)."""
        if self.pool is not None or self.workers < 2 or not 0 < files < among:
            return
        if size <= WARM_BYTES:
            pool = Pool((), 1, self.patterns)
            self.pool = pool.__enter__()

    def take(self) -> Pool | None:
        """The started worker's pool, for one analysis ahead; None if none was started (or
        it was taken already). It is stopped on leaving the block all the same."""
        pool, self.taken = (None, self.taken) if self.taken else (self.pool, True)
        return pool

    def __enter__(self) -> Warm:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.__exit__(*exc)


class Ahead:
    """One task analysed by a worker that starts when the block is entered (or was started
    before, given as ``started``); ``collect`` waits for it. Leaving the block stops the
    worker, whatever happened."""

    def __init__(
        self,
        documents: Sequence[Document],
        task: Task,
        patterns: PatternStore | None,
        started: Pool | None = None,
    ) -> None:
        self.started = started is not None
        self.pool = started or Pool(documents, 1, patterns)
        self.documents = documents
        self.task = task

    def __enter__(self) -> Ahead:
        if not self.started:
            self.pool.__enter__()
        try:
            if self.started:
                self.pool.take_documents(self.documents)
            self.pool.hand_out(deque([self.task]))
        except BaseException:
            self.pool.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.__exit__(*exc)

    def collect(self, progress: Advance, finished: Finish) -> dict[int, str]:
        """``finished(i, result)`` for each document analysed; the others with the reason."""
        return self.pool.collect((), progress, finished)
