"""A database begun in a thread while the build extracts (``store.begun``): finished into the
same file as a write from scratch, dropped when the documents changed, and never left behind."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from dbfactory import table_rows
from filature.models import FileReport
from filature.store import begun as begun_module
from filature.store.atomic import temp_prefix
from filature.store.begun import Begun
from filature.store.rows import write_documents
from filature.store.schema import create_schema
from filature.store.writer import write_database
from test_store import sample

FILES = [FileReport("a.txt", "ok", "", "utf-8")]


def _temporaries(target: Path) -> list[Path]:
    return list(target.parent.glob(temp_prefix(target) + "*"))


def test_a_begun_database_is_the_one_written_from_scratch(tmp_path: Path) -> None:
    docs, extraction = sample()
    plain, early = tmp_path / "plain" / "f.db", tmp_path / "early" / "f.db"
    write_database(plain, docs, extraction, FILES, {"built_at": "now"})
    early.parent.mkdir()
    with Begun(early, docs) as begun:
        stats = write_database(early, docs, extraction, FILES, {"built_at": "now"}, begun=begun)
        assert begun.taken
    assert stats.passages == 2
    assert table_rows(early) == table_rows(plain)
    hits = sqlite3.connect(early).execute(
        "SELECT rowid FROM passages_fts WHERE passages_fts MATCH 'rapport'"
    )
    assert hits.fetchall() == [(2,)]
    assert not _temporaries(early)


def test_other_documents_drop_the_begun_file(tmp_path: Path) -> None:
    docs, extraction = sample()
    other, _ = sample(" Il réside à Lyon.")  # a document left out or changed meanwhile
    target = tmp_path / "f.db"
    with Begun(target, other) as begun:
        write_database(target, docs, extraction, FILES, {"built_at": "now"}, begun=begun)
        assert not begun.taken
    assert not _temporaries(target)
    text = sqlite3.connect(target).execute("SELECT text FROM passages WHERE seq = 0").fetchone()
    assert text == (docs[0].passages[0].text,)


def test_a_build_stopped_before_the_write_leaves_nothing(tmp_path: Path) -> None:
    docs, _ = sample()
    target = tmp_path / "f.db"
    with pytest.raises(KeyboardInterrupt), Begun(target, docs):
        raise KeyboardInterrupt
    assert not _temporaries(target) and not target.exists()


def test_an_error_in_the_thread_reaches_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(begun_module, "write_documents", full)
    docs, extraction = sample()
    target = tmp_path / "f.db"
    with pytest.raises(OSError, match="No space"), Begun(target, docs) as begun:
        write_database(target, docs, extraction, FILES, {"built_at": "now"}, begun=begun)
    assert not _temporaries(target) and not target.exists()


def test_passages_go_in_as_one_statement_or_row_by_row_alike(tmp_path: Path) -> None:
    docs, _ = sample()
    tables = []
    for one in (True, False):
        conn = sqlite3.connect(tmp_path / f"{one}.db")
        create_schema(conn)
        ids = write_documents(conn, docs, one_statement=one)
        conn.commit()
        tables.append((ids, conn.execute("SELECT * FROM passages ORDER BY id").fetchall()))
    assert tables[0] == tables[1] and len(tables[0][1]) == 2
