"""documents.toml: the analyst's titles, authors, dates and labels; bad files are one located
message and the build does not start; the seeds ship theirs."""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from filature.build import build, needs_build
from filature.ingest.discover import discover_files
from filature.ingest.documents_file import (
    DocumentsFileError,
    apply_documents_file,
    parse_documents,
    read_documents_file,
)
from filature.ingest.read import rel_path_of
from filature.models import Document
from filature.summary import print_summary
from reliability import filature
from test_reliability_curation_file import check_message

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

GOOD = """\ufeff# notes
[[document]]
path = "./rapports/note.pdf"
title = "  La coopération   policière chinoise "
author = "Jeanne Martin"
date = 2023-05-12
label = "IRSEM 2023"

[[document]]
path = "mail.eml"
date = "2024-09"
"""

# name -> (text of documents.toml, line, column, words the message must hold)
BAD: dict[str, tuple[str, int, int, tuple[str, ...]]] = {
    "syntax error": ('[[document]]\npath = note.txt\n', 2, 8, ("TOML",)),
    "unknown section": ('[[documents]]\npath = "a.txt"\ntitle = "T"\n', 1, 1, ("'document'",)),
    "single brackets": ('[document]\npath = "a.txt"\n', 1, 1, ("[[document]]",)),
    "unknown key": ('[[document]]\npath = "a.txt"\n  titel = "T"\n', 3, 3, ("'titel'", "'title'")),
    "no path": ('[[document]]\ntitle = "T"\n', 1, 1, ("lacks path",)),
    "nothing set": ('[[document]]\npath = "a.txt"\n', 1, 1, ("sets nothing",)),
    "bad date": ('[[document]]\npath = "a.txt"\ndate = "2023-13"\n', 3, 1, ("not a date", "05")),
    "words as date": ('[[document]]\npath = "a.txt"\ndate = "mai 2023"\n', 3, 1, ("not a date",)),
    "number title": ('[[document]]\npath = "a.txt"\ntitle = 12\n', 3, 1, ("must be a string",)),
    "empty title": ('[[document]]\npath = "a.txt"\ntitle = "  "\n', 3, 1, ("title is empty",)),
    "control": ('[[document]]\npath = "a.txt"\nauthor = "a\\u001b[2J"\n', 3, 1, ("control",)),
    "long label": (
        '[[document]]\npath = "a.txt"\nlabel = "' + "x" * 61 + '"\n', 3, 1, ("over 60",)
    ),
    "absolute": ('[[document]]\npath = "/home/a.txt"\ntitle = "T"\n', 2, 1, ("not relative",)),
    "parent": ('[[document]]\npath = "../a.txt"\ntitle = "T"\n', 2, 1, ("not relative",)),
    "duplicate": (
        '[[document]]\npath = "a.txt"\ntitle = "T"\n\n[[document]]\npath = "./a.txt"\n'
        'label = "L"\n',
        6,
        1,
        ("second entry", "line 1"),
    ),
}  # fmt: skip


def test_a_valid_file_is_read_with_normalised_values() -> None:
    entries = parse_documents(GOOD)
    assert list(entries) == ["rapports/note.pdf", "mail.eml"]
    note = entries["rapports/note.pdf"]
    assert (note.title, note.author, note.date, note.label, note.line) == (
        "La coopération policière chinoise",
        "Jeanne Martin",
        "2023-05-12",
        "IRSEM 2023",
        2,
    )
    assert entries["mail.eml"].date == "2024-09" and entries["mail.eml"].title is None


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_problem_is_located_with_a_fix(case: str, tmp_path: Path) -> None:
    text, line, column, words = BAD[case]
    path = tmp_path / "documents.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentsFileError) as caught:
        read_documents_file(path)
    error = caught.value
    assert (error.path, error.line, error.column) == (path, line, column), str(error)
    message = f"{error} Fix: {error.fix}"
    assert str(path) in message and f"line {line}" in message
    for word in words:
        assert word in message, message


def test_not_utf8_and_a_folder_are_named(tmp_path: Path) -> None:
    path = tmp_path / "documents.toml"
    path.write_bytes(b'[[document]]\npath = "a.txt"\ntitle = "caf\xe9"\n')
    with pytest.raises(DocumentsFileError, match="not UTF-8") as caught:
        read_documents_file(path)
    assert (caught.value.line, caught.value.fix) == (3, f"save {path} as UTF-8")
    path.unlink()
    path.mkdir()
    with pytest.raises(DocumentsFileError, match="folder"):
        read_documents_file(path)


def test_a_missing_file_sets_nothing(tmp_path: Path) -> None:
    assert read_documents_file(tmp_path / "documents.toml").entries == {}


def _doc(path: str, title: str) -> Document:
    return Document(path, title, "0" * 64, "utf-8", "Texte.", ())


def test_applied_values_win_and_unknown_paths_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "documents.toml"
    path.write_text(GOOD.replace("mail.eml", "rapports/Note.pdf.eml"), encoding="utf-8")
    docs = [_doc("rapports/note.pdf", "La parution à l’automne 2022…"), _doc("b.txt", "B")]
    applied, notes = apply_documents_file(docs, read_documents_file(path))
    title, author, date = "La coopération policière chinoise", "Jeanne Martin", "2023-05-12"
    assert applied == [
        replace(docs[0], title=title, author=author, date=date, label="IRSEM 2023"),
        docs[1],
    ]
    assert notes == [
        f"{path}, line 9: 'rapports/Note.pdf.eml' is not a document of the folder (did you "
        "mean 'rapports/note.pdf'?); fix the path or remove the entry"
    ]


def test_the_seeds_ship_their_titles() -> None:
    entries = read_documents_file(SEEDS / "documents.toml").entries
    seeds = {rel_path_of(p, SEEDS) for p in discover_files(SEEDS)[0]}
    assert set(entries) == seeds
    assert all(entry.title and entry.label for entry in entries.values())
    irsem = entries["001_d98e5125de2d438c.txt"]
    assert (irsem.author, irsem.date) == ("Carine Pina", "2023-05")
    assert "Note de recherche n° 135" in (irsem.title or "")
    assert not (irsem.title or "").startswith("La parution")
    for name, day in (
        ("002_d41090d3b1957b00.txt", "2013-10-11"),
        ("003_6fc7ee802ee6e456.txt", "2013-01-11"),
    ):
        assert (entries[name].author, entries[name].date) == ("INTERPOL", day)
        first = (SEEDS / name).read_text(encoding="utf-8").split("\n")[5:8]
        assert (entries[name].title or "") in first


def test_a_bad_file_stops_the_build_with_one_message(tmp_path: Path) -> None:
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "note.txt").write_text("Interpol coopère avec la police de Lyon.\n")
    documents = source / "documents.toml"
    documents.write_text('[[document]]\npath = "note.txt"\ntitel = "Note"\n', encoding="utf-8")
    db = tmp_path / "filature.db"
    done = filature("build", str(source), "--db", str(db))
    assert done.returncode == 2, done.stderr
    message = check_message(done.stderr, documents, 3, 1)
    assert "'titel'" in message and "'title'" in message
    assert not db.exists()


def test_a_build_uses_the_titles_and_names_stray_entries(tmp_path: Path) -> None:
    source = tmp_path / "corpus"
    (source / "sub").mkdir(parents=True)
    (source / "a.txt").write_text("La police de Lyon coopère avec Interpol.\n", encoding="utf-8")
    (source / "sub" / "b.md").write_text("# Rapport B\n\nInterpol siège à Lyon.\n")
    (source / "documents.toml").write_text(
        '[[document]]\npath = "a.txt"\ntitle = "Note sur Lyon"\nlabel = "Note A"\n\n'
        '[[document]]\npath = "sub/c.md"\ntitle = "Absent"\n',
        encoding="utf-8",
    )
    db = tmp_path / "filature.db"
    report = build(source, db, use_cache=False)
    with sqlite3.connect(db) as conn:
        titles = dict(conn.execute("SELECT path, title FROM documents").fetchall())
    assert titles == {"a.txt": "Note sur Lyon", "sub/b.md": "Rapport B"}
    assert len(report.metadata_notes) == 1
    assert "line 6: 'sub/c.md' is not a document" in report.metadata_notes[0]
    assert "sub/b.md" in report.metadata_notes[0]  # the did-you-mean
    console = Console(record=True, width=300)
    print_summary(console, report)
    shown = console.export_text()
    assert f"Document metadata not applied: {source / 'documents.toml'}, line 6" in shown
    assert not needs_build(source, db)
    later = time.time() + 5
    os.utime(source / "documents.toml", (later, later))
    assert needs_build(source, db)
