"""Child process: one instrumented ``filature.build.build`` run, its figures written as JSON.

``python -m bench.buildrun SOURCE DB --json OUT [--workers N]``. Counts every text given to
spaCy in this process (through ``Language.pipe`` or ``Language.__call__``; workers count their
own) so that a rebuild shows how much NLP it ran, and
records when each build stage ("read", "analyse", "write") started and ended, and samples the
memory of the whole process tree (the build and its analysis workers).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import importlib.abc  # noqa: E402
import importlib.machinery  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable, Iterable, Iterator, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from types import ModuleType  # noqa: E402
from typing import Any  # noqa: E402


class NlpCounter:
    """Counts the texts spaCy is given in this process (patched into ``Language``)."""

    def __init__(self) -> None:
        self.texts = 0
        self.chars = 0
        self.pipe_calls = 0

    def install(self) -> None:
        """Wrap ``Language.pipe`` and ``Language.__call__`` once spaCy is imported (if ever)."""
        module = sys.modules.get("spacy.language")
        if module is not None:
            self.patch(module)
        else:
            sys.meta_path.insert(0, _AfterImport("spacy.language", self.patch))

    def patch(self, module: ModuleType) -> None:
        """Wrap the methods of ``module.Language``."""
        Language = module.Language
        counter = self
        original_pipe = Language.pipe
        original_call = Language.__call__

        def counted(texts: Iterable[Any]) -> Iterator[Any]:
            for text in texts:
                counter.texts += 1
                counter.chars += len(text if isinstance(text, str) else text[0])
                yield text

        def pipe(self: Any, texts: Iterable[Any], *args: Any, **kwargs: Any) -> Any:
            counter.pipe_calls += 1
            return original_pipe(self, counted(texts), *args, **kwargs)

        def call(self: Any, text: Any, *args: Any, **kwargs: Any) -> Any:
            counter.texts += 1
            counter.chars += len(text) if isinstance(text, str) else 0
            return original_call(self, text, *args, **kwargs)

        Language.pipe = pipe
        Language.__call__ = call


class _AfterImport(importlib.abc.MetaPathFinder):
    """Runs ``hook(module)`` right after the module ``name`` is first executed."""

    def __init__(self, name: str, hook: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.hook = hook

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        execute = loader.exec_module
        hook = self.hook

        def exec_module(module: ModuleType) -> None:
            execute(module)
            hook(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def cpu_seconds() -> float:
    """User + system CPU time of this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class LoadClock:
    """Times ``filature.extract.nlp.load_nlp`` (the model load) once that module is imported,
    in this process and in the workers forked from it (which load the model themselves when
    started before it was loaded here, see ``filature.workers.warm``): the seconds this
    process spent loading it, and the CPU seconds every process did."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._cpu = multiprocessing.get_context("fork").Value("d", 0.0)

    @property
    def cpu_seconds(self) -> float:
        """The CPU seconds of every load, in this process and in its workers."""
        return float(self._cpu.value)

    def install(self) -> None:
        """Wrap ``load_nlp`` when its module is first imported."""
        sys.meta_path.insert(0, _AfterImport("filature.extract.nlp", self.patch))

    def patch(self, module: ModuleType) -> None:
        """Replace ``module.load_nlp`` by a timed call of it."""
        original = module.load_nlp
        clock, parent = self, os.getpid()

        def load_nlp() -> Any:
            started, cpu = time.perf_counter(), _own_cpu_seconds()
            try:
                return original()
            finally:
                if os.getpid() == parent:
                    clock.seconds += time.perf_counter() - started
                with clock._cpu.get_lock():
                    clock._cpu.value += _own_cpu_seconds() - cpu

        setattr(module, "load_nlp", load_nlp)  # noqa: B010


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class StageClock:
    """A build progress callback that records each stage's first and last call and totals."""

    def __init__(self) -> None:
        self.stages: dict[str, dict[str, float]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter() - STARTED
        entry = self.stages.setdefault(stage, {"first": now, "last": now, "done": 0, "total": 0})
        entry["last"] = now
        entry["done"] = done
        entry["total"] = total


PSS_EVERY = 10
"""Samples between two readings of the PSS: ``smaps_rollup`` walks a process's page tables
(about 10 ms of CPU for a worker holding the model, under its memory lock), so read at every
sample it cost the build it measured some 10 % of its CPU time, which bare spaCy never paid."""


class TreeMemory:
    """Samples the memory of this process and its descendants (the analysis workers) every
    0.2 s: the peak of their summed RSS and the largest RSS of any one child (cheap counters),
    and every ``PSS_EVERY`` samples, or when the summed RSS grew by 5 % since, the peak of their
    summed PSS (shared pages counted once, split between sharers)."""

    def __init__(self) -> None:
        self.peak_pss_kb = 0
        self.peak_rss_kb = 0
        self.worker_peak_rss_kb = 0
        self.peak_processes = 0
        self._since_pss = self._rss_at_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        """Start sampling."""
        self._thread.start()

    def stop(self) -> None:
        """Take a last sample and stop."""
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(0.2):
                return

    def sample(self) -> None:
        """One reading of the whole tree (its PSS too when due)."""
        tree = [os.getpid(), *_descendants(os.getpid())]
        rss = 0
        for pid in tree:
            kb = _proc_kb(f"/proc/{pid}/status", "VmRSS:")
            rss += kb
            if pid != os.getpid():
                self.worker_peak_rss_kb = max(self.worker_peak_rss_kb, kb)
        self._since_pss += 1
        if rss > self._rss_at_pss * 1.05 or self._since_pss >= PSS_EVERY:
            self._since_pss, self._rss_at_pss = 0, rss
            total = sum(_proc_kb(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in tree)
            self.peak_pss_kb = max(self.peak_pss_kb, total)
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        self.peak_processes = max(self.peak_processes, len(tree))


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            text = Path(f"/proc/{current}/task/{current}/children").read_text()
        except OSError:
            continue
        children = [int(n) for n in text.split()]
        found += children
        todo += children
    return found


def _proc_kb(path: str, field: str) -> int:
    try:
        with open(path, encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _waited(clock: StageClock) -> float:
    """How long the build waited for its workers' model after reading its files (the part of
    their model load it did not overlap)."""
    stage = clock.stages.get("model")
    return stage["last"] - stage["first"] if stage else 0.0


def main() -> None:
    """Run the build and write what it did as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("source", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=0, help="0: the build's default")
    args = parser.parse_args()

    counter = NlpCounter()
    counter.install()
    loading = LoadClock()
    loading.install()
    clock = StageClock()
    from filature.build import build

    imported = time.perf_counter() - STARTED

    cpu_started = cpu_seconds()
    tree = TreeMemory()
    tree.start()
    try:
        report = build(args.source, args.db, progress=clock, workers=args.workers or None)
    finally:
        tree.stop()
    build_cpu = cpu_seconds() - cpu_started
    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "process_seconds": time.perf_counter() - STARTED,
        "import_seconds": imported,
        "spacy_loaded": "spacy" in sys.modules,
        "build_seconds": report.seconds,
        "build_cpu_seconds": build_cpu,
        "model_load_seconds": loading.seconds if report.model_loaded else _waited(clock),
        "model_load_cpu_seconds": loading.cpu_seconds,
        "documents_analysed": getattr(report, "analysed", None),
        "documents_cached": getattr(report, "cached", None),
        "stages": clock.stages,
        "nlp_texts": counter.texts,
        "nlp_chars": counter.chars,
        "nlp_pipe_calls": counter.pipe_calls,
        "documents": report.stats.documents,
        "passages": report.stats.passages,
        "entities": report.stats.entities,
        "mentions": report.stats.mentions,
        "relations": report.stats.relations,
        "skipped": len(report.skipped),
        "workers": report.workers,
        "model_loaded": report.model_loaded,
        "tree_peak_pss_mb": tree.peak_pss_kb / 1024,
        "tree_peak_rss_mb": tree.peak_rss_kb / 1024,
        "tree_peak_processes": tree.peak_processes,
        "worker_peak_rss_mb": tree.worker_peak_rss_kb / 1024,
        "peak_rss_mb": self_usage.ru_maxrss / 1024,
        "children_peak_rss_mb": children.ru_maxrss / 1024,
        "user_seconds": self_usage.ru_utime + children.ru_utime,
        "system_seconds": self_usage.ru_stime + children.ru_stime,
    }
    args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
