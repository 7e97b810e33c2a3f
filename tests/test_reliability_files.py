"""Item 4: every kind of file, built by the real ``filature build`` (as nobody under root): the
build finishes, reports each file's fate, and the text of the good ones is searchable intact."""

from __future__ import annotations

import sqlite3

import pytest

from filature.query import full_text_search
from filature.query.text import printable_line
from filature.store.connect import open_readonly
from reliability import (
    CP1252,
    HOSTILE_NAME,
    LATIN1,
    MOSTLY,
    NAMED,
    RAW_CONTROL,
    UTF16,
    Corpus,
    hostile_corpus,
)

pytestmark = pytest.mark.slow

FATES = {
    "latin1.txt": ("warning", "read as Windows-1252"),
    "cp1252.txt": ("warning", "read as Windows-1252"),
    "one byte.txt": ("warning", "read as Windows-1252"),
    "utf16 bom.txt": ("ok", ""),
    "utf16 nobom.txt": ("warning", "no byte-order mark"),
    "utf8 bom.md": ("ok", ""),
    "mostly utf8.txt": ("warning", "1 byte replaced by U+FFFD"),
    "binary.txt": ("skipped", "binary file"),
    "empty.txt": ("skipped", "empty file"),
    "big.txt": ("skipped", "too large"),
    "secret.txt": ("skipped", "permission denied"),
    "loop": ("skipped", "symbolic link loop"),
    "self.txt": ("skipped", "symbolic link loop"),
    "noms/Pékin et Genève.txt": ("ok", ""),
    "hostile terminal.txt": ("ok", ""),
    "nul tardif.txt": ("ok", ""),
    HOSTILE_NAME: ("ok", ""),
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    built = hostile_corpus()
    assert built.result.returncode == 0, built.result.stderr
    return built


def test_the_build_finishes_and_reports_every_file(corpus: Corpus) -> None:
    out = corpus.result.stdout
    assert "Traceback" not in corpus.result.stderr
    rows = {
        line.split("  ")[0].strip(): line
        for line in out.splitlines()
        if line.strip() and not line.startswith(("file ", "Built "))
    }
    assert not set(out) & RAW_CONTROL, "the summary passed a control character through"
    for path, (status, reason) in FATES.items():
        path = printable_line(path)
        assert path in rows, f"{path} missing from the summary:\n{out}"
        assert f" {status} " in rows[path] + " ", rows[path]
        assert reason in rows[path], rows[path]
    assert "6 files skipped" in out
    conn = sqlite3.connect(corpus.db)
    stored = {p: (s, r) for p, s, r in conn.execute("SELECT path, status, reason FROM files")}
    assert set(stored) == set(FATES)
    for path, (status, reason) in FATES.items():
        assert stored[path][0] == status and reason in stored[path][1], (path, stored[path])


def test_single_byte_text_reads_as_cafe_not_cafr(corpus: Corpus) -> None:
    conn = open_readonly(corpus.db)
    titles = dict(conn.execute("SELECT path, title FROM documents").fetchall())
    assert titles["latin1.txt"] == LATIN1
    assert titles["cp1252.txt"] == CP1252
    texts = [str(r[0]) for r in conn.execute("SELECT text FROM passages")]
    assert not any("ŕ" in t or "Ã" in t for t in texts)
    (one,) = conn.execute(
        "SELECT p.text FROM passages p JOIN documents d ON d.id = p.document_id "
        "WHERE d.path = 'one byte.txt'"
    ).fetchone()
    assert one == "é"


@pytest.mark.parametrize(
    ("words", "path", "expected"),
    [
        ("café Genève", "latin1.txt", LATIN1),
        ("été oui", "cp1252.txt", CP1252),
        ("Hongwei élu", "utf16 bom.txt", UTF16),
        ("Hongwei élu", "utf16 nobom.txt", UTF16),
        ("préfecture coopère", "utf8 bom.md", "La préfecture de Pékin coopère avec Interpol."),
        ("répertoire", "mostly utf8.txt", MOSTLY + "\ufffd Fin du répertoire."),
        ("délégation", "noms/Pékin et Genève.txt", NAMED),
        ("après nul", "nul tardif.txt", "Avant le nul après le nul à Lyon."),
    ],
)
def test_good_files_are_searchable_intact(
    corpus: Corpus, words: str, path: str, expected: str
) -> None:
    conn = open_readonly(corpus.db)
    result = full_text_search(conn, words, 50)
    hits = {(h.document_path, h.text) for h in result.hits}
    assert (path, expected) in hits, (result.message, hits)


def test_no_skipped_file_left_anything_in_the_database(corpus: Corpus) -> None:
    conn = open_readonly(corpus.db)
    documents = {str(r[0]) for r in conn.execute("SELECT path FROM documents")}
    skipped = {p for p, (status, _) in FATES.items() if status == "skipped"}
    assert documents == set(FATES) - skipped
    assert full_text_search(conn, "secret", 5).hits == ()
    assert full_text_search(conn, "long document", 5).hits == ()
