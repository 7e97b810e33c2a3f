"""``filature build`` on a mixed folder (txt, md, pdf, html, docx, odt, eml and broken files):
every readable file is built with its format and title, pages are cited for the PDF, skipped
files say why, an e-mail's attachments become documents linked to it; ``filature find`` cites
the page, the lines or the attachment."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

from docfactory import write_corpus
from officekit import core, docx, odt, para
from pdfmaker import Page, make_pdf, text_page
from test_format_html import PAGE

TITLE = "Rapport sur la coopération policière"
WORD_TITLE = "Note sur la délégation chinoise"
ODT_TITLE = "Compte rendu de la réunion de Lyon"
SUBJECT = "Visite de la délégation à Interpol"
ANNEX_TITLE = "Annexe sur le ministère de la Sécurité publique"
DOCX_MIME = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def _message() -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = SUBJECT
    message["From"] = "Jeanne Martin <jeanne.martin@example.org>"
    message["Date"] = "Fri, 11 Oct 2013 09:30:00 +0000"
    message.set_content("La délégation du ministère chinois arrive à Lyon lundi.\n")
    word = docx(
        para("Liao Jinrong dirige la délégation du ministère chinois de la Sécurité publique."),
        core_xml=core("Programme de la visite", None, None),
    )
    message.add_attachment(
        word, maintype=DOCX_MIME[0], subtype=DOCX_MIME[1], filename="visite.docx"
    )
    annex = text_page(["Le ministère de la Sécurité publique forme des policiers à Pékin."])
    message.add_attachment(
        make_pdf([annex], title=ANNEX_TITLE), maintype="application", subtype="pdf",
        filename="annexe.pdf",
    )  # fmt: skip
    message.add_attachment(b"%PDF-1.4\n1 0 obj", maintype="application", subtype="pdf",
                           filename="abîmé.pdf")  # fmt: skip
    message.add_attachment(b"\x89PNG\r\n", maintype="image", subtype="png", filename="photo.png")
    return message


def _folder(tmp_path: Path) -> Path:
    note = "Interpol et Europol coopèrent.\n\nLe ministère de l'Intérieur a signé un accord.\n"
    notes = "# Réunion de Lyon\n\nInterpol siège à Lyon.\n"
    folder = write_corpus(tmp_path / "corpus", {"note.txt": note, "notes.md": notes})
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
    (folder / "note.docx").write_bytes(
        docx(
            para(WORD_TITLE, style="Titre1")
            + para("Interpol a reçu la délégation chinoise à Lyon en octobre.")
        )
    )
    (folder / "reunion.odt").write_bytes(
        odt(
            '<text:h text:outline-level="1">'
            + ODT_TITLE
            + "</text:h><text:p>Europol et Interpol ont réuni leurs experts à Lyon.</text:p>"
        )
    )
    (folder / "message.eml").write_bytes(_message().as_bytes())
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
        "note.docx": ("docx", WORD_TITLE, None),
        "reunion.odt": ("odt", ODT_TITLE, None),
        "message.eml": ("eml", SUBJECT, None),
        "message.eml/visite.docx": ("docx", "Programme de la visite", None),
        "message.eml/annexe.pdf": ("pdf", ANNEX_TITLE, 1),
    }
    parents = dict(
        conn.execute(
            "SELECT d.path, m.path FROM documents d LEFT JOIN documents m ON m.id = d.parent"
        ).fetchall()
    )
    assert parents["message.eml/visite.docx"] == parents["message.eml/annexe.pdf"]
    assert parents["message.eml/annexe.pdf"] == "message.eml"
    assert {path for path, parent in parents.items() if parent is not None} == {
        "message.eml/visite.docx",
        "message.eml/annexe.pdf",
    }
    files = dict(conn.execute("SELECT path, reason FROM files WHERE status = 'skipped'"))
    assert files["scan.pdf"].startswith("scanned: no text layer (")
    assert "PDF" in files["cut.pdf"]
    assert "PDF" in files["message.eml/abîmé.pdf"]
    assert files["message.eml/photo.png"] == "attachment not read: not a supported format (.png)"
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
    found = _filature("find", "Liao Jinrong", "--db", str(db), "--json")
    citations = {hit["citation"] for hit in json.loads(found.stdout)}
    assert citations == {"Programme de la visite, message.eml/visite.docx, line 1"}
    found = _filature("find", "forme des policiers", "--db", str(db))
    assert f"{ANNEX_TITLE}, p. 1 (body)" in found.stdout
    found = _filature("find", "leurs experts", "--db", str(db))
    assert f"{ODT_TITLE}, reunion.odt, line" in found.stdout
