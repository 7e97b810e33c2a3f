"""Analysing documents in several processes: every core by default.

The passages to analyse are cut into tasks of a few hundred passages (small documents grouped,
a large document cut into runs of consecutive passages), handed to worker processes that share
the parent's loaded model (fork), and merged back in document order, so that the results are
the very ones of one process. A worker that dies (a crash, the out-of-memory killer) costs only
the document it was analysing: that document is reported with the reason and the others go on.
Ctrl-C stops every worker before the build reports the interruption.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any

from filature.models import Document
from filature.workers.child import Documents, Outcome, Task, serve

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from spacy.language import Language

    from filature.extract.analysing import Advance, Finish
    from filature.extract.compiled import PatternStore
    from filature.extract.result import DocumentResult
    from filature.extract.stream import DocumentPart, Segment

TASK_PASSAGES = (64, 512)
"""Passages per task, at least and at most: enough for full ``nlp.pipe`` batches, few enough
that the progress bar moves and the cores stay busy to the end."""


def default_workers() -> int:
    """The cores this process may run on (its affinity mask where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no affinity masks (macOS, Windows)
        return max(1, os.cpu_count() or 1)


def plan_tasks(documents: Sequence[Document], workers: int) -> list[Task]:
    """Tasks of about the same number of passages, in document order; the last passages (a
    task's worth per worker) in tasks a quarter that size, so that the workers finish close
    together instead of one idling while another ends a full task."""
    total = sum(len(d.passages) for d in documents)
    low, high = TASK_PASSAGES
    full = max(low, min(high, -(-total // (workers * 8))))
    tail = total - workers * full

    def size_at(seen: int) -> int:
        return full if seen + full <= tail else max(low, full // 4)

    tasks: list[Task] = []
    current: Task = []
    filled = seen = 0
    for i, document in enumerate(documents):
        count = len(document.passages)
        size = size_at(seen)
        if count > size:
            if current:
                tasks.append(current)
                current, filled = [], 0
            k = 0
            while k < count:
                stop = min(k + size_at(seen + k), count)
                tasks.append([(i, k, stop)])
                k = stop
            seen += count
            continue
        seen += count
        current.append((i, 0, count))
        filled += count
        if filled >= size:
            tasks.append(current)
            current, filled = [], 0
    if current:
        tasks.append(current)
    return tasks


def analyse_in_workers(
    documents: Sequence[Document],
    model: Callable[[], Language],
    progress: Advance,
    finished: Finish,
    *,
    workers: int,
) -> dict[int, str]:
    """Analyse ``documents`` in up to ``workers`` processes (see ``extract.run.Stream``):
    ``finished(i, result)`` for each document, in any order; returns the documents whose
    analysis failed, with the reason. One worker, or one task, stays in this process."""
    from filature.extract.stream import analyze_stream

    tasks = plan_tasks(documents, workers)
    nlp = model()  # loaded before the workers start, so that they share it
    if workers <= 1 or len(tasks) <= 1:
        analyze_stream(documents, nlp, progress=progress, finished=finished)
        return {}
    with Pool(documents, min(workers, len(tasks))) as pool:
        return pool.collect(tasks, progress, finished)


@dataclass
class Merger:
    """Documents put back together from their parts, in passage order."""

    documents: Sequence[Document]
    finished: Finish
    failed: dict[int, str] = field(default_factory=dict)
    parts: dict[int, dict[int, tuple[int, DocumentPart]]] = field(default_factory=dict)

    def add(self, segment: Segment, outcome: DocumentResult | DocumentPart | str) -> None:
        """One segment's outcome; a document is finished once all its parts are in."""
        from filature.extract.result import DocumentResult
        from filature.extract.stream import merge_parts

        i, start, stop = segment
        if i in self.failed:
            return
        if isinstance(outcome, str):
            self.failed[i] = outcome
            self.parts.pop(i, None)
        elif isinstance(outcome, DocumentResult):
            self.finished(i, outcome)
        else:
            parts = self.parts.setdefault(i, {})
            parts[start] = (stop - start, outcome)
            if sum(n for n, _ in parts.values()) == len(self.documents[i].passages):
                del self.parts[i]
                ordered = (parts[k][1] for k in sorted(parts))
                self.finished(i, merge_parts(self.documents[i], ordered))


class _Worker:
    """One worker process, the pipe to it and the task it holds."""

    def __init__(
        self, context: Any, documents: Sequence[Document], patterns: PatternStore | None
    ) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process: BaseProcess = context.Process(
            target=serve, args=(child, documents, patterns), daemon=True
        )
        # Ctrl-C during the fork would raise inside Python's at-fork hooks, where it is printed
        # and lost (the build then went on): held back until the worker exists, it reaches
        # the build as usual, and the worker, which ignores it, drops its own copy.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        child.close()
        self.tasks: deque[Task] = deque()
        """Sent and not yet answered, in order: the first is being analysed, the next waits in
        the pipe so that the worker goes on while this process takes in the first's outcomes."""


class Pool:
    """Worker processes for one analysis; leaving it stops them, whatever happened. Forked
    after the model is loaded, they share it; forked before, each loads it (from
    ``patterns``, see ``extract.compiled``)."""

    def __init__(
        self, documents: Sequence[Document], size: int, patterns: PatternStore | None = None
    ) -> None:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.context = multiprocessing.get_context(method)
        self.documents = documents
        self.size = size
        self.patterns = patterns
        self.workers: list[_Worker] = []
        self.idle_deaths = 0

    def __enter__(self) -> Pool:
        gc.freeze()  # forked workers then share the parent's objects instead of copying them
        try:
            self.workers = [self._start() for _ in range(self.size)]
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()
        gc.unfreeze()

    def _start(self) -> _Worker:
        return _Worker(self.context, self.documents, self.patterns)

    def take_documents(self, documents: Sequence[Document]) -> None:
        """Analyse ``documents`` from now on: the workers, started without them, are sent
        them (one that died meanwhile is started again, with them)."""
        self.documents = documents
        for worker in list(self.workers):
            try:
                worker.conn.send(Documents(tuple(documents)))
            except OSError:
                self._replace_idle(worker)

    def collect(self, tasks: Sequence[Task], progress: Advance, finished: Finish) -> dict[int, str]:
        """Analyse ``tasks`` (and any handed out already): ``finished(i, result)`` for each
        document as its last part comes in; the documents whose analysis failed."""
        merger = Merger(self.documents, finished)
        for task, outcomes in self.run(deque(tasks)):
            for n, outcome in outcomes:
                merger.add(task[n], outcome)
                if progress is not None:
                    progress(task[n][2] - task[n][1])
        return merger.failed

    def run(self, pending: deque[Task]) -> Iterator[tuple[Task, list[Outcome]]]:
        """Each task with its outcomes, as workers finish them."""
        while pending or any(w.tasks for w in self.workers):
            self.hand_out(pending)
            busy = [w for w in self.workers if w.tasks]
            if not busy:
                continue
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
            for worker in busy:
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                task = worker.tasks[0]
                try:
                    outcomes: list[Outcome] = worker.conn.recv()
                    worker.tasks.popleft()
                except (EOFError, OSError):
                    outcomes = self._died(worker, pending)
                if outcomes:
                    yield task, outcomes

    def hand_out(self, pending: deque[Task]) -> None:
        """Give each worker a task, and a second one while enough are left for every worker
        (at the end, a task waiting behind another would keep an idle worker waiting)."""
        for depth in (1, 2):
            for worker in list(self.workers):
                if len(worker.tasks) >= depth or not pending:
                    continue
                if depth == 2 and len(pending) <= len(self.workers):
                    return
                task = pending.popleft()
                try:
                    worker.conn.send(task)
                except OSError:  # the worker died: not the task's doing
                    pending.appendleft(task)
                    if not worker.tasks:
                        self._replace_idle(worker)
                    continue  # a death during its first task is seen by ``run``
                worker.tasks.append(task)

    def _replace_idle(self, worker: _Worker) -> None:
        self.idle_deaths += 1
        if self.idle_deaths > 2 * self.size + 2:
            raise RuntimeError("the analysis workers keep dying before any work (out of memory?)")
        worker.process.join(5)
        worker.conn.close()
        self.workers[self.workers.index(worker)] = self._start()

    def _died(self, worker: _Worker, pending: deque[Task]) -> list[Outcome]:
        """A worker died: the task it was analysing has its segments tried one by one (a
        segment that kills a worker on its own fails with the reason); the task waiting
        behind it goes back untouched."""
        worker.process.join(5)
        code = worker.process.exitcode
        worker.conn.close()
        self.workers[self.workers.index(worker)] = self._start()
        task, *waiting = worker.tasks
        pending.extendleft(reversed(waiting))
        if len(task) > 1:
            pending.extendleft([segment] for segment in reversed(task))
            return []
        return [(0, _death_reason(code))]

    def _stop(self) -> None:
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


def _death_reason(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        if -code == signal.SIGKILL:
            return f"the analysis was killed ({name}; out of memory?)"
        return f"the analysis crashed ({name})"
    return f"the analysis process ended unexpectedly (exit status {code})"
