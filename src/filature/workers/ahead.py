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
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from filature.models import Document
from filature.workers.child import Task
from filature.workers.pool import Pool, plan_tasks
from filature.workers.warm import Warm

if TYPE_CHECKING:
    from spacy.language import Language

    from filature.extract.analysing import Advance, Finish
    from filature.extract.compiled import PatternStore


def analyse_in_workers(
    documents: Sequence[Document],
    model: Callable[[], Language],
    progress: Advance,
    finished: Finish,
    *,
    workers: int,
    warm: Warm | None = None,
) -> dict[int, str]:
    """Analyse ``documents`` in up to ``workers`` processes (see ``extract.run.Stream``):
    ``finished(i, result)`` for each document, in any order; returns the documents whose
    analysis failed, with the reason. The workers ``warm`` started, loading the model while
    the files were read, take them; else one worker, or one task, stays in this process."""
    from filature.extract.stream import analyze_stream

    tasks = plan_tasks(documents, workers)
    started = warm.take() if warm is not None else None
    if warm is not None and started is not None:
        started.take_documents(documents)
        warm.wait_loaded(started)
        return started.collect(tasks, progress, finished)
    nlp = model()  # loaded before the workers start, so that they share it
    if workers <= 1 or len(tasks) <= 1:
        analyze_stream(documents, nlp, progress=progress, finished=finished)
        return {}
    with Pool(documents, min(workers, len(tasks))) as pool:
        return pool.collect(tasks, progress, finished)


class LocalStream(partial[dict[int, str]]):
    """``extract.analysing.Stream`` in ``workers`` processes: ``analyse_in_workers``."""

    def __new__(cls, workers: int) -> LocalStream:
        return super().__new__(cls, analyse_in_workers, workers=workers, warm=Warm(workers))

    def warming(self, patterns: PatternStore | None) -> Warm:
        """A block during which ``Warm.consider`` may start workers before the documents are
        read; the analysis (ahead or not) then hands them the documents."""
        warm: Warm = self.keywords["warm"]
        return warm.arm(patterns)

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
        warm: Warm = self.keywords["warm"]
        return Ahead(documents, tasks[0], patterns, warm.take())


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
