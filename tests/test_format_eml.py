"""E-mails generated with the standard library: headers, bodies, charsets, attachments."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from filature.ingest.formats.base import Unreadable
from filature.ingest.formats.docx import read_docx
from filature.ingest.formats.eml import read_eml
from officekit import docx, para

PATH = Path("message.eml")
TEXT = (
    "Bonjour,\n\nLa délégation du ministère chinois arrive à Lyon lundi.\n\nCordialement,\nJeanne"
)


def _message(subject: str = "Visite de la délégation à Interpol") -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "Jeanne Martin <jeanne.martin@example.org>"
    message["To"] = "equipe@example.org"
    message["Date"] = format_datetime(datetime(2013, 10, 11, 9, 30, tzinfo=UTC))
    return message


def test_a_plain_message_gives_its_headers_and_body() -> None:
    message = _message()
    message.set_content(TEXT)
    result = read_eml(message.as_bytes(), PATH)
    assert result.format == "eml"
    assert result.title == "Visite de la délégation à Interpol"
    assert result.author == "Jeanne Martin <jeanne.martin@example.org>"
    assert result.date == "2013-10-11"
    assert result.text == TEXT
    assert result.attachments == () and result.warnings == ()


def test_plain_text_is_preferred_to_html() -> None:
    message = _message()
    message.set_content(TEXT)
    message.add_alternative("<p>Version <b>HTML</b></p>", subtype="html")
    assert read_eml(message.as_bytes(), PATH).text == TEXT


def test_an_html_only_body_becomes_text_without_markup() -> None:
    message = _message()
    html = (
        "<html><head><title>x</title><style>p {color: red}</style></head><body>"
        "<p>La d&eacute;l&eacute;gation de <b>M. Liao</b> arrive.</p>"
        "<script>alert('[@click=app.quit]')</script>"
        "<ul><li>Lyon</li><li>Paris &amp; Pékin</li></ul><p>[/] reste du texte</p></body></html>"
    )
    message.set_content(html, subtype="html")
    result = read_eml(message.as_bytes(), PATH)
    assert result.text.split("\n\n") == [
        "La délégation de M. Liao arrive.",
        "Lyon",
        "Paris & Pékin",
        "[/] reste du texte",
    ]


def test_a_latin1_body_and_encoded_subject_are_decoded() -> None:
    raw = (
        "Subject: =?iso-8859-1?q?R=E9union_=E0_Lyon?=\r\n"
        "From: =?iso-8859-1?q?Fran=E7ois_Haut?= <fh@example.org>\r\n"
        "Date: Fri, 11 Jan 2013 10:00:00 +0100\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=iso-8859-1\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode("ascii") + "Réunion d'évaluation à Lyon, siège d'INTERPOL.\r\n".encode("latin-1")
    result = read_eml(raw, PATH)
    assert result.title == "Réunion à Lyon"
    assert result.author == "François Haut <fh@example.org>"
    assert result.date == "2013-01-11"
    assert result.text == "Réunion d'évaluation à Lyon, siège d'INTERPOL."


def test_attachments_are_returned_and_inline_images_left_out() -> None:
    word = docx(para("Note jointe sur la coopération policière."))
    pdf = b"%PDF-1.4\n% fake body for the dispatcher\n%%EOF\n"
    message = _message()
    message.set_content(TEXT)
    message.add_attachment(
        word,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="note.docx",
    )
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="rapport.pdf")
    message.add_attachment(b"\x89PNG....", maintype="image", subtype="png", filename="photo.png")
    message.add_attachment(
        b"GIF89a", maintype="image", subtype="gif", filename="logo.gif", disposition="inline"
    )
    result = read_eml(message.as_bytes(), PATH)
    assert result.text == TEXT
    assert result.attachments == (
        ("note.docx", word),
        ("rapport.pdf", pdf),
        ("photo.png", b"\x89PNG...."),
    )
    assert result.warnings == ()
    attached = read_docx(result.attachments[0][1], Path("note.docx"))
    assert attached.text == "Note jointe sur la coopération policière."


def test_an_attached_message_and_a_path_in_a_file_name() -> None:
    inner = _message("Message transféré")
    inner.set_content("Texte du message transféré.")
    message = _message()
    message.set_content(TEXT)
    message.add_attachment(inner)
    message.add_attachment(b"bonjour", maintype="text", subtype="plain", filename="..\\..\\a.txt")
    result = read_eml(message.as_bytes(), PATH)
    names = [name for name, _ in result.attachments]
    assert names == ["message.eml", "a.txt"]
    forwarded = read_eml(result.attachments[0][1], Path("message.eml"))
    assert forwarded.text == "Texte du message transféré."


def test_a_message_with_only_an_attachment_is_titled_by_its_subject() -> None:
    message = _message("Rapport annuel")
    message.add_attachment(b"%PDF-1.4\n", maintype="application", subtype="pdf", filename="r.pdf")
    result = read_eml(message.as_bytes(), PATH)
    assert result.text == "Rapport annuel"
    assert [name for name, _ in result.attachments] == ["r.pdf"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not an e-mail message"),
        (b"Subject: vide\r\n\r\n   \r\n", "e-mail without text"),
    ],
    ids=["binary", "empty"],
)
def test_files_that_are_not_messages_are_unreadable(data: bytes, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        read_eml(data, PATH)


def test_a_malformed_date_is_left_out() -> None:
    raw = b"Subject: Test\r\nDate: le 32 du mois\r\nFrom: x\r\n\r\nCorps du message.\r\n"
    result = read_eml(raw, PATH)
    assert (result.date, result.text) == (None, "Corps du message.")
