"""Ctrl-C stays a plain interrupt with exit status 130, wherever it lands (``filature.interrupts``).

CI once saw ``python -m filature build`` print "Interrupted: the build stopped" and then end
killed by SIGINT: the interrupt had landed in the ``exec`` of a string inside spaCy's imports,
which CPython remembers as unhandled. Locally, under load, an interrupt in a class definition
came out as a RuntimeError traceback. These tests make both happen on purpose.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import filature.ingest.corpus as corpus
from filature.extract import nlp
from filature.ingest import ticks
from filature.interrupts import caused_by_interrupt, interrupts_held
from reliability import ROOT, env_without_size

SEEDS = ROOT / "seeds"


@pytest.fixture
def ctrl_c_raises() -> Iterator[None]:
    """Python's own Ctrl-C handler, whatever the suite was started with."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _press_ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)


def test_ctrl_c_inside_the_block_is_raised_when_it_ends(ctrl_c_raises: None) -> None:
    went_on = []
    with pytest.raises(KeyboardInterrupt), interrupts_held():
        _press_ctrl_c()
        went_on.append(sum(range(100_000)))  # bytecode runs after the signal arrived
    assert went_on
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_without_ctrl_c_the_block_runs_and_raises_nothing(ctrl_c_raises: None) -> None:
    with interrupts_held():
        total = sum(range(1000))
    assert total == 499500
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_error_in_the_block_still_gives_ctrl_c_back(ctrl_c_raises: None) -> None:
    with pytest.raises(ValueError), interrupts_held():
        raise ValueError("bad model")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with pytest.raises(KeyboardInterrupt):
        _press_ctrl_c()
        sum(range(100_000))


def test_where_ctrl_c_is_ignored_it_stays_ignored() -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # an analysis worker
    try:
        with interrupts_held():
            _press_ctrl_c()
            sum(range(100_000))
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_outside_the_main_thread_the_block_just_runs(ctrl_c_raises: None) -> None:
    outcome: list[object] = []

    def run() -> None:
        try:
            with interrupts_held():  # signal.signal would raise ValueError here
                outcome.append("ran")
        except Exception as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert outcome == ["ran"]


def test_an_interrupt_wrapped_by_a_class_definition_is_recognised() -> None:
    class Interrupting:
        def __set_name__(self, owner: type, name: str) -> None:
            raise KeyboardInterrupt

    with pytest.raises(BaseException) as raised:  # RuntimeError on 3.11, the interrupt after

        class Holder:
            field = Interrupting()

    assert caused_by_interrupt(raised.value)
    assert not caused_by_interrupt(RuntimeError("no interrupt here"))
    looped = ValueError("a")
    looped.__context__ = ValueError("b")
    looped.__context__.__context__ = looped
    assert not caused_by_interrupt(looped)
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise SystemExit(130) from None  # a command that handled it and chose its exit
    except SystemExit as exit_:
        assert not caused_by_interrupt(exit_)


class _FakeModel:
    def add_pipe(self, *args: Any, **kwargs: Any) -> None:
        pass


def test_ctrl_c_during_the_model_load_waits_for_the_load_to_end(
    ctrl_c_raises: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spacy

    loaded = []

    def interrupted_load(name: str, **kwargs: Any) -> _FakeModel:
        _press_ctrl_c()
        loaded.append(sum(range(100_000)))  # the rest of the load, after the signal
        return _FakeModel()

    monkeypatch.setattr(spacy, "load", interrupted_load)
    with pytest.raises(KeyboardInterrupt):
        nlp.load_nlp.__wrapped__()
    assert loaded


SITE_INTERRUPT = """
import filature.build

def interrupted_build(*args, **kwargs):
{body}

filature.build.build = interrupted_build
"""
IN_EXEC = '    exec("raise KeyboardInterrupt")  # as dataclasses and namedtuple exec their methods'
IN_CLASS = """
    class Interrupting:
        def __set_name__(self, owner, name):
            raise KeyboardInterrupt

    class Holder:  # Python 3.11 raises RuntimeError from the interrupt
        field = Interrupting()
"""


@pytest.mark.parametrize("body", [IN_EXEC, IN_CLASS], ids=["inside exec", "inside a class"])
def test_python_m_filature_exits_130_after_an_interrupt_in_an_import(
    tmp_path: Path, body: str
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    code = SITE_INTERRUPT.format(body=body)
    (site / "sitecustomize.py").write_text(code, encoding="utf-8")
    env = env_without_size()
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT / "src")])
    db = tmp_path / "filature.db"
    done = subprocess.run(
        [sys.executable, "-m", "filature", "build", str(SEEDS), "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 130, (done.returncode, done.stderr)  # -2: killed by SIGINT
    assert "Interrupted: the build stopped" in done.stderr, done.stderr
    assert done.stderr.count("Interrupted") == 1, done.stderr  # one line, not two
    assert "Traceback" not in done.stderr, done.stderr
    assert not db.exists()


def _logged_read(path: Path, **kwargs: Any) -> list[Any]:
    with open(os.environ["FILATURE_TEST_READ_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{path.name}\n")
    return []


def test_ctrl_c_during_the_model_load_leaves_the_other_files_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for n in range(64):
        path = tmp_path / f"note{n:02}.txt"
        path.write_text(f"Note {n}.", encoding="utf-8")
        paths.append(path)
    log = tmp_path / "read.log"
    log.touch()
    monkeypatch.setenv("FILATURE_TEST_READ_LOG", str(log))
    monkeypatch.setattr(corpus, "read_all", _logged_read)  # the readers fork with it

    def load_interrupted() -> None:
        raise KeyboardInterrupt

    results = corpus._results(paths, tmp_path, 1 << 20, lambda n: ticks.ignore, load_interrupted)
    with pytest.raises(KeyboardInterrupt):
        next(results)
    read = log.read_text(encoding="utf-8").split()
    readers = min(os.cpu_count() or 2, 4)
    assert len(read) <= 2 * readers + 1, read  # those in hand, not all 64
