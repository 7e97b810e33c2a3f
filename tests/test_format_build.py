"""``filature build`` on a mixed folder (txt, md, pdf, html and broken files): every readable
file is built with its format and title, pages are cited for the PDF, and skipped files say
why; ``filature find`` cites the page."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from pdfmaker import Page, make_pdf, text_page
from test_format_html import PAGE

TITLE = "Rapport sur la coopération policière"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "note.txt").write_text(
        "Interpol et Europol coopèrent.\n\nLe ministère de l'Intérieur a signé un accord.\n",
        encoding="utf-8",
    )
    (folder / "notes.md").write_text("# Réunion de Lyon\n\nInterpol siège à Lyon.\n")
    first = text_page(
        ["Le ministère de la Sécurité publique chinois coopère avec Interpol depuis 1984."],
        header=TITLE,
        number=1,
    )
    second = text_page(
        ["Meng Hongwei a présidé Interpol de 2016 à 2018, avant son arrestation à Pékin."],
        header=TITLE,
        number=2,
    )
    (folder / "rapport.pdf").write_bytes(make_pdf([first, second], title=TITLE))
    (folder / "scan.pdf").write_bytes(make_pdf([Page(image=True)]))
    (folder / "cut.pdf").write_bytes(make_pdf([first])[:300])
    (folder / "article.html").write_bytes(PAGE.encode("latin-1"))
    return folder


def _filature(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "filature", *args], capture_output=True, text=True, check=False
    )


def test_mixed_folder_builds_every_readable_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = tmp_path / "f.db"
    built = _filature("build", str(folder), "--db", str(db))
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stdout + built.stderr
    conn = sqlite3.connect(db)
    documents = {
        row[0]: row[1:]
        for row in conn.execute("SELECT path, format, title, pages FROM documents ORDER BY path")
    }
    assert documents == {
        "article.html": ("html", "Coopération policière franco-chinoise", None),
        "note.txt": ("txt", "Interpol et Europol coopèrent.", None),
        "notes.md": ("md", "Réunion de Lyon", None),
        "rapport.pdf": ("pdf", TITLE, 2),
    }
    files = dict(conn.execute("SELECT path, reason FROM files WHERE status = 'skipped'"))
    assert files["scan.pdf"] == "scanned: no text layer"
    assert "PDF" in files["cut.pdf"]
    pages = conn.execute(
        "SELECT p.page_start, p.page_end FROM passages p JOIN documents d ON d.id = p.document_id"
        " WHERE p.text LIKE 'Meng Hongwei%'"
    ).fetchone()
    assert pages == (2, 2)
    unpaged = conn.execute(
        "SELECT COUNT(*) FROM passages p JOIN documents d ON d.id = p.document_id"
        " WHERE d.format != 'pdf' AND p.page_start IS NOT NULL"
    ).fetchone()
    assert unpaged == (0,)
    conn.close()
    found = _filature("find", "Meng Hongwei", "--db", str(db))
    assert found.returncode == 0, found.stderr
    assert f"{TITLE}, p. 2 (body)" in found.stdout
    as_json = json.loads(_filature("find", "Lyon", "--db", str(db), "--json").stdout)
    assert {hit["citation"] for hit in as_json} >= {"Réunion de Lyon, notes.md, line 3"}
