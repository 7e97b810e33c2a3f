"""Builds in several processes: the same database row for row as one process, Ctrl-C stops
every worker, and a worker that crashes on a document costs only that document."""

from __future__ import annotations

import faulthandler
import itertools
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from dbfactory import table_rows
from filature.build import DEFAULT_MAX_BYTES, build
from filature.extract.analyze import DocumentAnalyzer
from filature.ingest.corpus import read_corpus
from filature.models import Document, Passage
from filature.workers import plan_tasks
from reliability import ROOT, env_without_size

SEEDS = ROOT / "seeds"


def test_two_workers_build_the_seeds_row_for_row_like_one(tmp_path: Path) -> None:
    documents, _ = read_corpus(SEEDS, DEFAULT_MAX_BYTES, lambda *_: None)
    tasks = plan_tasks(documents, 2)
    assert any(start > 0 for task in tasks for _, start, _ in task), "no document cut in runs"
    children: list[int] = []

    def watch(stage: str, done: int, total: int) -> None:
        if stage == "analyse":
            children.append(len(multiprocessing.active_children()))

    one = build(SEEDS, tmp_path / "one" / "filature.db", workers=1, use_cache=False)
    two = build(SEEDS, tmp_path / "two" / "filature.db", workers=2, use_cache=False, progress=watch)
    assert max(children) == 2, children  # two worker processes analysed the passages
    assert len(children) > 2  # the bar moved while they did
    assert not multiprocessing.active_children()
    assert two.files == one.files and two.stats == one.stats
    first, second = table_rows(one.db_path), table_rows(two.db_path)
    assert first.keys() == second.keys()
    for name in first:
        assert second[name] == first[name], f"table {name} differs"


CRASH = "Le ministre Aurélien Crashtest a rencontré Interpol à Lyon."
FAIL = "La commissaire Bérénice Failtest a signé un accord avec Europol à La Haye."


def test_a_worker_crash_or_error_skips_only_its_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "corpus"
    shutil.copytree(SEEDS, source)
    (source / "zz-crash.txt").write_text(f"{CRASH}\n", encoding="utf-8")
    (source / "zz-fail.txt").write_text(f"{FAIL}\n", encoding="utf-8")
    parent = os.getpid()
    add = DocumentAnalyzer.add

    def faulty(self: DocumentAnalyzer, passage: Any, text: str, doc: Any) -> None:
        if os.getpid() != parent and "Crashtest" in text:
            faulthandler.disable()  # no Python traceback in the test's output
            os.kill(os.getpid(), signal.SIGSEGV)  # a crash of the native code, in a worker
        if "Failtest" in text:
            raise ValueError("a rule broke on this passage")
        add(self, passage, text, doc)

    monkeypatch.setattr(DocumentAnalyzer, "add", faulty)  # forked workers inherit it
    report = build(source, tmp_path / "db" / "filature.db", workers=2, use_cache=False)
    fates = {f.path: f for f in report.files}
    assert fates["zz-crash.txt"].status == "skipped"
    assert fates["zz-crash.txt"].reason == "the analysis crashed (SIGSEGV)"
    assert fates["zz-fail.txt"].status == "skipped"
    assert fates["zz-fail.txt"].reason == (
        "the analysis failed: ValueError: a rule broke on this passage"
    )
    seeds = {p.name for p in SEEDS.glob("*.txt")}
    assert {p for p, f in fates.items() if f.status == "ok"} == seeds
    assert report.stats.documents == len(seeds)
    conn = sqlite3.connect(f"{report.db_path.as_uri()}?mode=ro", uri=True)
    try:
        paths = {p for (p,) in conn.execute("SELECT path FROM documents")}
        skipped = dict(conn.execute("SELECT path, reason FROM files WHERE status = 'skipped'"))
    finally:
        conn.close()
    assert paths == seeds
    assert skipped["zz-crash.txt"] == "the analysis crashed (SIGSEGV)"
    assert not multiprocessing.active_children()


def _session(sid: int) -> list[int]:
    """The processes still alive in session ``sid`` (zombies left out)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[3]) == sid:
            alive.append(int(entry.name))
    return alive


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(n) for n in text.split()]


def _interruptible() -> None:
    """Ctrl-C back to its default in the child: a suite started in the background by a
    non-interactive shell inherits SIGINT ignored, and Python then never raises it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_ctrl_c_stops_the_build_and_every_worker(tmp_path: Path) -> None:
    db = tmp_path / "filature.db"
    env = env_without_size()
    env["PYTHONPATH"] = str(ROOT / "src")
    proc = subprocess.Popen(
        [sys.executable, "-m", "filature", "build", str(SEEDS), "--db", str(db), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_interruptible,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 300
        while len(_children(proc.pid)) < 2 and proc.poll() is None:
            assert time.monotonic() < deadline, "no workers started"
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert len(workers) == 2, workers
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert "Interrupted: the build stopped" in stderr, stderr
    assert "Traceback" not in stderr, stderr
    deadline = time.monotonic() + 5
    while _session(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _session(proc.pid) == []
    assert not db.exists()


def _document(name: str, passages: int) -> Document:
    runs = tuple(Passage(k, k, k + 1, k + 1, k + 1, "body", "x") for k in range(passages))
    return Document(name, name, name, "utf-8", "x" * passages, runs)


FORK_INTERRUPTED = """
import os, runpy, signal, sys
os.register_at_fork(before=lambda: os.kill(os.getpid(), signal.SIGINT))
sys.argv = ["filature", "build", sys.argv[1], "--db", sys.argv[2], "--workers", "2"]
runpy.run_module("filature", run_name="__main__", alter_sys=True)
"""


def test_ctrl_c_while_a_worker_is_forked_still_stops_the_build(tmp_path: Path) -> None:
    """Ctrl-C landing inside the fork of a worker (Python's at-fork hooks print such an
    interrupt and drop it) once let the build run on to the end, status 0, under load."""
    script = tmp_path / "fork_interrupted.py"
    script.write_text(FORK_INTERRUPTED, encoding="utf-8")
    db = tmp_path / "filature.db"
    env = env_without_size()
    env["PYTHONPATH"] = str(ROOT / "src")
    done = subprocess.run(
        [sys.executable, str(script), str(SEEDS), str(db)],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=_interruptible,
        timeout=600,
    )
    assert done.returncode == 130, done.stderr
    assert "Interrupted: the build stopped" in done.stderr, done.stderr
    assert not db.exists(), done.stderr  # (the hook may print the interrupt it raised itself)


def test_tasks_cut_a_large_document_and_group_small_ones() -> None:
    large = [_document("large.txt", 100_000)]
    tasks = plan_tasks(large, 2)
    assert len(tasks) >= 16 and all(len(task) == 1 for task in tasks)
    runs = [segment for task in tasks for segment in task]
    assert runs[0][1] == 0 and runs[-1][2] == 100_000
    assert all(a[2] == b[1] for a, b in itertools.pairwise(runs))  # contiguous
    small = [_document(f"{n}.txt", 2) for n in range(10_000)]
    tasks = plan_tasks(small, 2)
    assert 16 <= len(tasks) <= 10_000 // 32
    assert [s[0] for task in tasks for s in task] == list(range(10_000))  # in order, once
    sizes = [sum(stop - start for _, start, stop in task) for task in tasks]
    assert max(sizes[-4:]) * 3 < max(sizes)  # the last ones smaller: workers end together
