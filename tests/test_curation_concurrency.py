"""Concurrent and interrupted curation loses nothing (issue 12, section 2): real processes
deciding at once, a process killed mid-decision, a decision made during a rebuild, copies of a
database, and a rebuild that follows another curation file."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from curationkit import Copy, curatable_copy, exclusive_lock_held
from filature.build import build
from filature.curation.apply import apply_entries
from filature.curation.edit import append_entry
from filature.curation.entries import CurationError, load_curation
from filature.curation.session import CurationSession
from filature.curation.steps import new_entry
from filature.text import norm_key
from reliability import filature

WORKER = Path(__file__).with_name("curation_worker.py")
PADDING = 1000


@pytest.fixture()
def copy(seed_db: Path, tmp_path: Path) -> Copy:
    return curatable_copy(seed_db, tmp_path)


def session(db: Path) -> CurationSession:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return CurationSession(db, conn)
    finally:
        conn.close()


def distinct_names(copy: Copy, count: int) -> list[str]:
    """Names of ``count`` entities that no other entity has as a name or an alias."""
    keys = Counter(
        norm_key(alias)
        for (alias,) in copy.rows("SELECT DISTINCT entity_id || char(0) || alias FROM aliases")
        for alias in [alias.split("\0", 1)[1]]
    )
    names = [
        name
        for (name,) in copy.rows("SELECT name FROM entities ORDER BY mention_count DESC, id")
        if keys[norm_key(name)] == 1 and len(norm_key(name)) > 3
    ]
    assert len(names) >= count, len(names)
    return names[:count]


def derived_afresh(copy: Copy, tmp_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The curated tables a fresh copy of the database gets from the curation file as it is."""
    fresh = Copy(tmp_path / "fresh.db", copy.seeds)
    shutil.copyfile(copy.db, fresh.db)
    apply_entries(fresh.db, load_curation(copy.curation).entries)
    return fresh.tables()


def test_two_processes_deciding_at_once_lose_nothing(copy: Copy, tmp_path: Path) -> None:
    names = distinct_names(copy, 90)
    renamed, merged = names[:30], names[30:]
    # A long-used file (entries that match nothing here): reading and writing it takes time,
    # as it does for an analyst with thousands of decisions.
    with open(copy.curation, "a", encoding="utf-8") as handle:
        for n in range(PADDING):
            handle.write(f'\n[[drop]]\nname = "Nothing at all {n}"\nnote = "padding"\n')
    before = load_curation(copy.curation).entries
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(copy.db), str(go), kind, *chosen],
            stdout=subprocess.PIPE,
            text=True,
        )
        for kind, chosen in (("rename", renamed), ("merge", merged))
    ]
    go.touch()
    outputs = [w.communicate(timeout=600)[0].splitlines() for w in workers]
    assert outputs == [["ok"] * 30, ["ok"] * 30]
    entries = load_curation(copy.curation).entries
    assert entries[: len(before)] == before
    added = entries[len(before) :]
    assert sorted(e.get("name") for e in added if e.section == "rename") == sorted(renamed)
    assert sorted(e.get("names")[0] for e in added if e.section == "merge") == sorted(merged[::2])
    for name in renamed:
        assert copy.entity(f"{name} (renamed)") is not None, name
    for name, into in zip(merged[::2], merged[1::2], strict=True):
        assert copy.entity(name) is None, name
        assert name in copy.aliases(into), (name, into)
    assert copy.tables() == derived_afresh(copy, tmp_path)
    assert not list(copy.seeds.glob(".curation.toml.tmp-*"))


def test_a_decision_cut_short_is_applied_when_the_database_is_next_opened(
    copy: Copy, tmp_path: Path
) -> None:
    name = distinct_names(copy, 1)[0]
    # A decision killed after the file was written and before the database was: the file
    # is ahead, and a temporary file of an earlier interrupted write lies beside it.
    append_entry(copy.curation, new_entry("rename", name=name, to="Renamed while killed"))
    stray = copy.seeds / ".curation.toml.tmp-4242-deadbeef"
    stray.write_text("half a file", encoding="utf-8")
    assert copy.entity("Renamed while killed") is None
    done = filature("entities", "--db", str(copy.db), "--json")
    assert done.returncode == 0, done.stderr
    assert "Renamed while killed" in done.stdout
    assert "applied again" in done.stderr and str(copy.curation) in done.stderr
    assert not stray.exists()
    assert copy.tables() == derived_afresh(copy, tmp_path)
    again = filature("entities", "--db", str(copy.db), "--json")
    assert again.returncode == 0 and "Note" not in again.stderr
    stray.write_text("killed before the rename", encoding="utf-8")  # file and database agree
    assert filature("entities", "--limit", "1", "--db", str(copy.db)).returncode == 0
    assert not stray.exists()


def test_decisions_killed_at_any_moment_leave_file_and_database_in_agreement(
    copy: Copy, tmp_path: Path
) -> None:
    names = distinct_names(copy, 40)
    go = tmp_path / "go"
    go.touch()
    for round_, delay in enumerate((0.3, 0.5, 0.7, 0.9, 1.1)):
        chosen = names[round_ * 8 : round_ * 8 + 8]
        worker = subprocess.Popen(
            [sys.executable, str(WORKER), str(copy.db), str(go), "rename", *chosen],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert worker.stdout is not None
        worker.stdout.readline()  # one decision done: the next ones are under way
        time.sleep(delay / 10)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        worker.stdout.close()
        assert load_curation(copy.curation).entries  # valid TOML, whatever the moment
        opened = filature("entities", "--db", str(copy.db), "--limit", "1")
        assert opened.returncode == 0, opened.stderr
        assert copy.tables() == derived_afresh(copy, tmp_path), f"after kill {round_ + 1}"
        assert not list(copy.seeds.glob(".curation.toml.tmp-*"))


def test_a_decision_made_during_a_rebuild_reaches_the_new_database(copy: Copy) -> None:
    name = distinct_names(copy, 1)[0]
    decided: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        # The build has read the curation file; another process decides now, on the
        # database the build is about to replace.
        if stage == "analyse" and not decided:
            result = subprocess.run(
                [sys.executable, str(WORKER), str(copy.db), str(copy.curation), "rename", name],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            decided.append(result.stdout.strip())

    build(copy.seeds, copy.db, progress=progress)
    assert decided == ["ok"]
    assert any(e.get("to") == f"{name} (renamed)" for e in load_curation(copy.curation).entries)
    assert copy.entity(f"{name} (renamed)") is not None
    assert copy.entity(name) is None


def test_a_copy_says_where_its_decisions_would_go_and_records_none(
    copy: Copy, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    copied = elsewhere / "copied.db"
    shutil.copyfile(copy.db, copied)
    original = copy.curation.read_bytes()
    copied_session = session(copied)
    problem = copied_session.problem()
    assert problem is not None
    assert str(copy.curation) in problem and "copy" in problem and "filature build" in problem
    with pytest.raises(CurationError):
        copied_session.decide(new_entry("drop", name=distinct_names(copy, 1)[0]))
    assert copy.curation.read_bytes() == original
    assert session(copy.db).problem() is None  # the original itself still records decisions


def test_a_database_built_with_another_curation_file_keeps_following_it(copy: Copy) -> None:
    name = distinct_names(copy, 1)[0]
    other = copy.seeds.parent / "other.toml"
    other.write_text(f'[[rename]]\nname = "{name}"\nto = "Named by other.toml"\n', "utf-8")
    build(copy.seeds, copy.db, curation=other)
    assert copy.entity("Named by other.toml") is not None
    (copy.seeds / "new.txt").write_text("Le ministre Wang Yi a rencontré Interpol.\n", "utf-8")
    build(copy.seeds, copy.db)  # as bare `filature` does when a document changed
    meta = dict(copy.rows("SELECT key, value FROM meta"))
    assert Path(meta["curation_path"]) == other.resolve()
    assert copy.entity("Named by other.toml") is not None
    shipped = copy.curation.read_bytes()
    session(copy.db).decide(new_entry("drop", name="Named by other.toml"))
    assert load_curation(other).entries[-1].section == "drop"
    assert copy.curation.read_bytes() == shipped
    assert copy.entity("Named by other.toml") is None


def test_undo_removes_its_entry_and_keeps_the_users_comments(copy: Copy) -> None:
    name = distinct_names(copy, 1)[0]
    original = copy.curation.read_text("utf-8")
    s = session(copy.db)
    s.decide(new_entry("rename", name=name, to=f"{name} (renamed)"))
    notes = "\n# Checked by hand on Monday.\n# Still to look at: the funding table.\n"
    with open(copy.curation, "a", encoding="utf-8") as handle:
        handle.write(notes)
    undone, _ = s.undo()
    assert undone is not None and undone.added and undone.entry.section == "rename"
    assert copy.curation.read_text("utf-8") == original + notes
    assert copy.entity(name) is not None


def test_a_decision_on_a_database_another_process_keeps_locked_changes_nothing(
    copy: Copy,
) -> None:
    text, before = copy.curation.read_bytes(), copy.tables()
    deciding, name = session(copy.db), distinct_names(copy, 1)[0]
    with exclusive_lock_held(copy.db), pytest.raises(CurationError, match="busy"):
        deciding.decide(new_entry("drop", name=name))
    assert copy.curation.read_bytes() == text
    assert copy.tables() == before
    assert not list(copy.seeds.glob(".curation.toml.tmp-*"))
