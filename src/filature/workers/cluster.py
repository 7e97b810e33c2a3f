"""Analysing documents on a Dask cluster (``filature build --dask tcp://host:port``).

The same tasks as the local workers (``plan_tasks``), each sent with the documents it needs to
a Dask worker that runs the same analysis (``child.analyse_task``) with its own copy of the
model, and merged back here in document order (``Merger``): the database is the one a local
build writes. Any failure of the cluster (scheduler out of reach, a worker that keeps dying on
a task, another filature version on a worker) stops the build before anything is written,
with a one-line message: the previous database is kept.
"""

from __future__ import annotations

import re
import socket
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from filature.errors import Problem
from filature.models import Document
from filature.workers.child import Outcome, Task, analyse_task
from filature.workers.pool import Merger, plan_tasks

if TYPE_CHECKING:
    from distributed import Client, Future
    from spacy.language import Language

    from filature.extract.analysing import Advance, Finish

EXTRA = "pip install 'filature[dask]'"
CONNECT_SECONDS = 10
WORKERS_SECONDS = 30
"""How long a build waits for the scheduler to answer, then for a first worker."""

_lock = threading.Lock()


def _fix(address: str) -> str:
    return (
        f"start a scheduler (dask scheduler) and workers (dask worker {address} --nthreads 1), "
        "or build without --dask"
    )


class Cluster:
    """A connection to a Dask scheduler that analyses documents (a ``Stream``); close it."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise Problem(
                "--dask needs the optional Dask extra, which is not installed.", EXTRA
            ) from None
        self.address = address
        try:
            _probe(address)  # a Client that fails to connect leaves a noisy finaliser behind
            self.client: Client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise Problem(
                f"Could not reach the Dask scheduler at {address} ({_reason(exc)}); "
                "nothing was written: the previous database is kept.",
                _fix(address),
            ) from None
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_SECONDS)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise Problem(
                f"No Dask worker joined the scheduler at {address} within {WORKERS_SECONDS} s "
                f"({_reason(exc)}); the previous database is kept.",
                f"start workers: dask worker {address} --nthreads 1",
            ) from None

    def close(self) -> None:
        """Leave the cluster (its scheduler and workers go on)."""
        self.client.close()

    def threads(self) -> int:
        """The worker threads the cluster has now."""
        return sum(self.client.nthreads().values())

    def __call__(
        self,
        documents: Sequence[Document],
        model: Callable[[], Language],
        progress: Advance,
        finished: Finish,
    ) -> dict[int, str]:
        """Analyse ``documents`` on the cluster (``model`` is not loaded here)."""
        try:
            return self._run(documents, progress, finished)
        except Problem:
            raise
        except Exception as exc:  # the scheduler lost, a worker killed again and again
            raise Problem(
                f"The Dask cluster at {self.address} failed during the analysis "
                f"({_reason(exc)}); the previous database is kept.",
                "check the scheduler's and workers' logs, then build again "
                "(or build without --dask)",
            ) from None

    def _run(
        self,
        documents: Sequence[Document],
        progress: Advance,
        finished: Finish,
    ) -> dict[int, str]:
        from distributed import as_completed

        from filature.extract.run import pipeline_version

        version = pipeline_version()
        tasks = plan_tasks(documents, max(1, self.threads()))
        shared = self._shared(documents, tasks)
        merger = Merger(documents, finished)
        queue = list(reversed(tasks))
        running: dict[Future[Any], Task] = {}
        done = as_completed(loop=self.client.loop)

        def submit() -> None:  # a few tasks per worker thread in flight, not the whole corpus
            window = 2 * max(1, self.threads()) + 2
            while queue and len(running) < window:
                task = queue.pop()
                indices = sorted({i for i, _, _ in task})
                local = [(indices.index(i), a, b) for i, a, b in task]
                sent = [shared.get(i, documents[i]) for i in indices]
                future = self.client.submit(analyse_remote, local, *sent, pure=False)
                running[future] = task
                done.add(future)

        submit()
        for future in done:
            task = running.pop(future)
            theirs, where, outcomes = future.result()
            future.release()
            if theirs != version:
                raise Problem(
                    f"The Dask worker at {where} runs another filature analysis "
                    f"({theirs}, here {version}); the previous database is kept.",
                    "install the same filature version on every worker",
                )
            for n, outcome in outcomes:
                merger.add(task[n], outcome)
                if progress is not None:
                    progress(task[n][2] - task[n][1])
            submit()
        return merger.failed

    def _shared(self, documents: Sequence[Document], tasks: list[Task]) -> dict[int, Any]:
        """The documents several tasks need (a large one cut into runs), sent to the cluster
        once instead of with every task."""
        uses = Counter(i for task in tasks for i in {s[0] for s in task})
        return {i: self.client.scatter(documents[i], hash=False) for i, n in uses.items() if n > 1}


def analyse_remote(task: Task, *documents: Document) -> tuple[str, str, list[Outcome]]:
    """What a Dask worker runs: the task's outcomes, with the worker's analysis version and
    address (``task`` indexes ``documents``)."""
    from distributed import get_worker

    from filature.extract.run import pipeline_version

    with _lock:  # one analysis at a time in a worker process, whatever its threads
        outcomes = analyse_task(documents, task, _model(), {})
    return pipeline_version(), get_worker().address, outcomes


@cache
def _model() -> Language:
    from filature.extract.nlp import load_nlp

    return load_nlp()


ADDRESS = re.compile(r"(?:tcp|tls)://(\[[0-9A-Fa-f:.]+\]|[^\s/:\[\]]+):(\d{1,5})")


def _probe(address: str) -> None:
    """Raise ``Problem`` for an address that is not ``tcp://HOST:PORT`` and ``OSError`` when
    nothing answers there."""
    found = ADDRESS.fullmatch(address)
    if found is None:
        raise Problem(
            f"--dask expects a Dask scheduler's address like tcp://HOST:8786, not {address!r}.",
            "give the address the scheduler printed when it started (dask scheduler)",
        )
    host, port = found[1].strip("[]"), int(found[2])
    with socket.create_connection((host, port), timeout=CONNECT_SECONDS):
        pass


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
