"""E-mail attachments read as documents of their own, linked to their message: generated
messages (``email.message``) carrying Word and PDF files, broken and unsupported attachments,
hostile names and messages nested in messages."""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from pathlib import Path

from filature.ingest.attached import MAX_DEPTH, read_attachments, safe_name, unique_names
from filature.ingest.corpus import read_corpus
from filature.models import Document, FileReport, SourceText
from officekit import docx, para
from pdfmaker import make_pdf, text_page

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
NOTE = "Liao Jinrong dirige la délégation du ministère chinois de la Sécurité publique."
ANNEX = "Le ministère de la Sécurité publique forme des policiers à Pékin."


def _message(
    subject: str | None = "Visite", body: str | None = "Corps du message."
) -> EmailMessage:
    message = EmailMessage()
    if subject is not None:
        message["Subject"] = subject
    message["From"] = "jeanne@example.org"
    if body is not None:
        message.set_content(body)
    return message


def _attach(message: EmailMessage, data: bytes, name: str, kind: tuple[str, str]) -> None:
    message.add_attachment(data, maintype=kind[0], subtype=kind[1], filename=name)


def _read(tmp_path: Path, files: dict[str, bytes]) -> tuple[dict[str, Document], dict[str, str]]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    documents, reports = read_corpus(folder, 50 * 1024 * 1024, lambda *_: None)
    skipped = {r.path: r.reason for r in reports if r.status == "skipped"}
    return {d.path: d for d in documents}, skipped


def test_word_and_pdf_attachments_become_documents_of_the_message(tmp_path: Path) -> None:
    message = _message()
    _attach(message, docx(para(NOTE)), "note.docx", DOCX)
    _attach(
        message,
        make_pdf([text_page([ANNEX])], title="Annexe"),
        "annexe.pdf",
        ("application", "pdf"),
    )
    _attach(message, b"%PDF-1.4\n1 0 obj <<", "abîmé.pdf", ("application", "pdf"))
    _attach(message, b"\x89PNG\r\n\x1a\n", "photo.png", ("image", "png"))
    documents, skipped = _read(tmp_path, {"m.eml": message.as_bytes()})
    assert list(documents) == ["m.eml", "m.eml/note.docx", "m.eml/annexe.pdf"]
    assert documents["m.eml"].parent is None
    note, annex = documents["m.eml/note.docx"], documents["m.eml/annexe.pdf"]
    assert (note.parent, note.format, note.text) == ("m.eml", "docx", NOTE)
    assert (annex.parent, annex.format, annex.pages, annex.title) == ("m.eml", "pdf", 1, "Annexe")
    assert annex.passages[0].text == ANNEX and annex.passages[0].page_start == 1
    assert note.sha256 == hashlib.sha256(docx(para(NOTE))).hexdigest()
    assert "PDF" in skipped["m.eml/abîmé.pdf"]
    assert skipped["m.eml/photo.png"] == "attachment not read: not a supported format (.png)"


def test_hostile_and_repeated_names_are_made_safe_and_unique(tmp_path: Path) -> None:
    message = _message()
    for name in ("note.txt", "NOTE.txt", "rap\x1b[31mport\u202etxt.md", "..", "a\x00b.txt"):
        _attach(message, f"Texte de {name!r} sur Interpol.".encode(), name, ("text", "plain"))
    documents, skipped = _read(tmp_path, {"m.eml": message.as_bytes()})
    names = [path.removeprefix("m.eml/") for path in documents if path != "m.eml"]
    assert names[:2] == ["note.txt", "NOTE (2).txt"]
    assert all(not any(ord(ch) < 32 or ch in "/\\\u202e" for ch in n) for n in names)
    assert len(set(names)) == len(names)
    assert len(names) + len(skipped) == 5
    assert unique_names(["a.pdf", "a.pdf", "a.pdf"]) == ["a.pdf", "a (2).pdf", "a (3).pdf"]
    assert safe_name("../../etc/passwd") == ".._.._etc_passwd"
    assert safe_name("\x07") == "_" and safe_name("..") == "attachment"
    assert len(safe_name("x" * 500 + ".pdf")) <= 120 and safe_name("x" * 500 + ".pdf").endswith(
        ".pdf"
    )


def test_nested_messages_are_read_to_a_bounded_depth(tmp_path: Path) -> None:
    inner = _message("Niveau 9", "Texte du niveau 9.")
    for level in range(8, 0, -1):
        outer = _message(f"Niveau {level}", f"Texte du niveau {level}.")
        outer.add_attachment(inner)
        inner = outer
    documents, skipped = _read(tmp_path, {"m.eml": inner.as_bytes()})
    chain = ["m.eml" + "/message.eml" * depth for depth in range(MAX_DEPTH + 1)]
    assert list(documents) == chain
    for child, parent in zip(chain[1:], chain, strict=False):
        assert documents[child].parent == parent
    deepest = chain[-1] + "/message.eml"
    assert skipped == {deepest: f"attachment not read: nested more than {MAX_DEPTH} levels deep"}


def test_a_message_without_text_still_gives_its_attachments(tmp_path: Path) -> None:
    message = _message(subject=None, body=None)
    _attach(message, docx(para(NOTE)), "note.docx", DOCX)
    documents, skipped = _read(tmp_path, {"m.eml": message.as_bytes()})
    assert list(documents) == ["m.eml/note.docx"]
    assert skipped == {"m.eml": "eml: no text"}


def test_attachments_keep_the_size_cap() -> None:
    parent = SourceText(
        Path("/c/m.eml"), "m.eml", "x", "", "0", attachments=(("big.txt", b"Interpol " * 100),)
    )
    (report,) = read_attachments(parent, max_bytes=100)
    assert isinstance(report, FileReport)
    assert (report.path, report.status) == ("m.eml/big.txt", "skipped")
    assert report.reason.startswith("too large")
