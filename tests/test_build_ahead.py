"""A rebuild after a few documents changed analyses them in a worker started before the model
is loaded, while the build reads every other document's analysis from the cache: the same
database row for row as a full build, the build process never loads the model, and a worker
that crashes costs only its document. One process (``workers=1``) stays one process. Workers
start while the files are read when a few small ones are new among kept ones, and never for
nothing; with more new files, the build loads the model while other processes read them."""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from dbfactory import table_rows, with_cache
from filature.build import build
from filature.extract.analyze import DocumentAnalyzer
from filature.ingest.corpus import read_corpus
from filature.store.cache import AnalysisCache
from reliability import ROOT

SEEDS = ROOT / "seeds"
NEW = "Le ministre de l'Intérieur a rencontré le secrétaire général d'Interpol à Lyon.\n"
CRASH = "Le ministre Aurélien Crashtest a rencontré Interpol à Lyon.\n"


class Watch:
    """How many worker processes were alive each time the bar of ``stage`` moved."""

    def __init__(self, stage: str = "analyse") -> None:
        self.stage = stage
        self.children: list[int] = []

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == self.stage:
            self.children.append(len(multiprocessing.active_children()))


def test_a_new_document_is_analysed_ahead_with_the_same_rows(seed_db: Path, tmp_path: Path) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    (seeds / "nouveau.txt").write_text(NEW, encoding="utf-8")
    watch = Watch()
    report = build(seeds, db, workers=2, progress=watch)
    documents = len(list(SEEDS.glob("*.txt")))
    assert (report.analysed, report.cached) == (1, documents)
    assert not report.model_loaded  # loaded by the worker, not by the build
    # the cached documents' passages move the bar while the worker analyses the new one
    assert watch.children.count(1) >= documents, watch.children
    assert not multiprocessing.active_children()
    full = build(seeds, tmp_path / "full" / "filature.db", workers=1, use_cache=False)
    expected, rows = table_rows(full.db_path), table_rows(db)
    assert rows.keys() == expected.keys()
    for name in expected.keys() - {"meta"}:
        assert rows[name] == expected[name], f"table {name} differs from a full build"


def test_one_process_asked_for_stays_one_process(seed_db: Path, tmp_path: Path) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    (seeds / "nouveau.txt").write_text(NEW, encoding="utf-8")
    watch = Watch()
    report = build(seeds, db, workers=1, progress=watch)
    assert report.analysed == 1 and report.model_loaded
    assert set(watch.children) == {0}


def test_a_crash_in_the_worker_ahead_skips_only_its_document(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    (seeds / "zz-crash.txt").write_text(CRASH, encoding="utf-8")
    parent = os.getpid()
    add = DocumentAnalyzer.add

    def crashing(self: DocumentAnalyzer, passage: Any, text: str, doc: Any) -> None:
        if os.getpid() != parent and "Crashtest" in text:
            faulthandler.disable()  # no Python traceback in the test's output
            os.kill(os.getpid(), signal.SIGSEGV)
        add(self, passage, text, doc)

    monkeypatch.setattr(DocumentAnalyzer, "add", crashing)  # the forked worker inherits it
    report = build(seeds, db, workers=2)
    fates = {f.path: f for f in report.files}
    assert fates["zz-crash.txt"].status == "skipped"
    assert fates["zz-crash.txt"].reason == "the analysis crashed (SIGSEGV)"
    seeds_names = {p.name for p in SEEDS.glob("*.txt")}
    assert {p for p, f in fates.items() if f.status == "ok"} == seeds_names
    assert report.stats.documents == len(seeds_names)
    assert not multiprocessing.active_children()


def test_a_few_new_files_start_the_worker_before_they_are_read(
    seed_db: Path, tmp_path: Path
) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    (seeds / "nouveau.txt").write_text(NEW, encoding="utf-8")
    watch = Watch("read")
    report = build(seeds, db, workers=2, progress=watch)
    assert report.analysed == 1 and not report.model_loaded
    # started once the memo showed one new file, before it and the kept ones were loaded
    assert watch.children[0] == 0 and watch.children[1] == 1, watch.children
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("change", ["nothing", "a copy", "a broken file"])
def test_no_worker_is_started_or_kept_for_nothing(
    change: str, seed_db: Path, tmp_path: Path
) -> None:
    seeds, db = with_cache(seed_db, tmp_path)
    if change == "a copy":  # a new file whose analysis the cache has: nothing to analyse
        (seeds / "copie.txt").write_bytes(next(iter(sorted(SEEDS.glob("*.txt")))).read_bytes())
    elif change == "a broken file":
        (seeds / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    watch, analysing = Watch("read"), Watch()

    def both(stage: str, done: int, total: int) -> None:
        watch(stage, done, total)
        analysing(stage, done, total)

    report = build(seeds, db, workers=2, progress=both)
    if change == "nothing":
        assert set(watch.children) == {0}
    assert report.analysed == 0 and not report.model_loaded
    assert set(analysing.children) <= {0, 1}
    assert not multiprocessing.active_children()


class Stages:
    """Each report, in order: (stage, done, total)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int, int]] = []

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.seen.append((stage, done, total))


def test_a_first_build_loads_the_model_while_other_processes_read(tmp_path: Path) -> None:
    stages = Stages()
    report = build(SEEDS, tmp_path / "two" / "filature.db", workers=2, progress=stages)
    assert report.model_loaded and report.analysed == len(list(SEEDS.glob("*.txt")))
    first_model = stages.seen.index(("model", 0, 1))
    reading = [(done, total) for stage, done, total in stages.seen[:first_model] if stage == "read"]
    assert reading and reading[-1][0] < reading[-1][1]  # the files not read yet
    assert any(s[0] == "read" for s in stages.seen[first_model:])
    assert not multiprocessing.active_children()
    one = build(SEEDS, tmp_path / "one" / "filature.db", workers=1, use_cache=False)
    expected, rows = table_rows(one.db_path), table_rows(report.db_path)
    for name in expected.keys() - {"meta"}:
        assert rows[name] == expected[name], f"table {name} differs from one process"


def test_one_process_reads_then_loads(tmp_path: Path) -> None:
    stages = Stages()
    build(SEEDS, tmp_path / "one" / "filature.db", workers=1, progress=stages)
    names = [stage for stage, _, _ in stages.seen]
    assert max(i for i, n in enumerate(names) if n == "read") < names.index("model")


def test_the_reading_says_first_how_many_files_are_new(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(3):
        (folder / f"d{n}.txt").write_text(f"Le document {n} cite Interpol à Lyon.\n", "utf-8")
    cache = AnalysisCache(tmp_path / "memo.cache")
    told: list[tuple[int, int, int]] = []

    def unread(files: int, size: int, among: int) -> None:
        told.append((files, size, among))

    first, _ = read_corpus(folder, 10_000_000, lambda *_: None, memo=cache, unread=unread)
    new = folder / "d9.txt"
    new.write_text("Un nouveau document.\n", "utf-8")
    again, _ = read_corpus(folder, 10_000_000, lambda *_: None, memo=cache, unread=unread)
    size = sum(p.stat().st_size for p in folder.glob("d[012].txt"))
    assert told == [(3, size, 3), (1, new.stat().st_size, 4)]
    assert again[:3] == first and len(again) == 4
