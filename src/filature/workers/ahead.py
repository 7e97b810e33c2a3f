"""The build's analysis on this machine's cores, which can start a small analysis ahead.

A rebuild after a few documents changed analyses them in one task. Its worker is then started
before the model is loaded, and loads it itself, while the build reads every other document's
analysis from the cache: at 100 times the seeds each takes most of a second, and they now run
side by side instead of one after the other. When the files new to a rebuild are few and small,
the worker is started even before they are read (``workers.warm``): the model load, the
longest part, then starts with the build.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from filature.models import Document
from filature.workers.child import Task
from filature.workers.pool import Pool, analyse_in_workers, plan_tasks
from filature.workers.warm import Warm

if TYPE_CHECKING:
    from filature.extract.analysing import Advance, Finish
    from filature.extract.compiled import PatternStore


class LocalStream(partial[dict[int, str]]):
    """``extract.analysing.Stream`` in ``workers`` processes: ``analyse_in_workers``."""

    warm: Warm

    def __new__(cls, workers: int) -> LocalStream:
        stream = super().__new__(cls, analyse_in_workers, workers=workers)
        stream.warm = Warm(workers)
        return stream

    def warming(self, patterns: PatternStore | None) -> Warm:
        """A block during which ``Warm.consider`` may start the worker of the analysis ahead
        before the documents are read; ``ahead`` then hands it the documents."""
        return self.warm.arm(patterns)

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
        return Ahead(documents, tasks[0], patterns, self.warm.take())


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
