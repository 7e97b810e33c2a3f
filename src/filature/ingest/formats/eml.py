"""E-mail messages (``.eml``), read with the standard library: Subject, From and Date as the
title, author and date, the text body (plain text preferred, else HTML turned into text) and
the attachments, returned to be read as documents of their own (``ingest.attached`` reads
those of a format in the registry and reports the others)."""

from __future__ import annotations

import email
import email.utils
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage, Message
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath, PureWindowsPath

from filature.ingest.formats import format_suffixes
from filature.ingest.formats.base import FormatText, Unreadable
from filature.ingest.formats.layout import guarded

_HEADER_BYTES = 64 * 1024
_BLOCKS = frozenset(
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "table", "ul", "ol", "section", "article", "hr", "dd", "dt",
    }
)  # fmt: skip
_HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript"})


class _HtmlText(HTMLParser):
    """The visible text of an HTML body, a blank line at each block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "td":
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment: paragraphs separated by a blank line, no markup."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    paragraphs = (" ".join(block.split()) for block in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _content(part: Message) -> str | None:
    """A text part decoded with its declared charset (Latin-1 when it names none it knows)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    charset = part.get_content_charset() or "us-ascii"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("latin-1")


def _file_name(part: Message) -> str | None:
    name = part.get_filename()
    if not name and part.get_content_type() == "message/rfc822":
        return "message.eml"
    if not name:
        return None
    return PureWindowsPath(PurePosixPath(name).name).name or None


def _attachment_bytes(part: Message) -> bytes | None:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            return inner[0].as_bytes(policy=policy.default)
        return None
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else None


def _header(message: EmailMessage, name: str) -> str | None:
    """A header's decoded value on one line; the raw value when the header is malformed."""
    try:
        value: object = message.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):
        value = next((v for k, v in message.raw_items() if k.lower() == name.lower()), None)
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _author(message: EmailMessage) -> str | None:
    raw = _header(message, "From")
    if raw is None:
        return None
    name, address = email.utils.parseaddr(raw)
    if name and address:
        return f"{name} <{address}>"
    return name or address or raw


def _date(message: EmailMessage) -> str | None:
    raw = _header(message, "Date")
    if raw is None:
        return None
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    return when.date().isoformat()


def _leaves(message: Message) -> Iterator[Message]:
    """The message's leaf parts in order; an attached message is one leaf, not walked into."""
    if message.get_content_type() == "message/rfc822" or not message.is_multipart():
        yield message
        return
    payload = message.get_payload()
    for part in payload if isinstance(payload, list) else ():
        if isinstance(part, Message):
            yield from _leaves(part)


def _supported(name: str) -> bool:
    return Path(name).suffix.lower() in format_suffixes()


def _body(message: EmailMessage) -> tuple[str, list[tuple[str, bytes]], list[str]]:
    """The text body, the attachments (an inline part of a format filature does not read,
    such as a logo in a signature, is left out) and the warnings."""
    plain: list[str] = []
    html: list[str] = []
    attachments: list[tuple[str, bytes]] = []
    warnings: list[str] = []
    for part in _leaves(message):
        name = _file_name(part)
        disposition = part.get_content_disposition()
        if name is not None or disposition == "attachment":
            if name is None:
                warnings.append("an attachment without a file name not read")
            elif _supported(name) or disposition != "inline":
                attachments.append((name, _attachment_bytes(part) or b""))
            continue
        kind = part.get_content_type()
        text = _content(part) if kind in ("text/plain", "text/html") else None
        if text is not None:
            (plain if kind == "text/plain" else html).append(text)
    body = "\n\n".join(t.strip() for t in plain if t.strip())
    if not body:
        body = "\n\n".join(html_to_text(t) for t in html if t.strip())
    return body, attachments, warnings


@guarded("e-mail")
def read_eml(data: bytes, path: Path) -> FormatText:
    """Read an e-mail: headers as metadata, the text body, the attachments."""
    head = data[:_HEADER_BYTES]
    if b":" not in head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]:
        raise Unreadable("not an e-mail message: it does not start with headers")
    try:
        message = email.message_from_bytes(data, policy=policy.default)
    except Exception as error:  # the parser is lenient; anything it still raises is a bad file
        raise Unreadable(f"corrupt e-mail message ({error})") from error
    if not isinstance(message, EmailMessage):
        raise Unreadable("not an e-mail message")
    body, attachments, warnings = _body(message)
    title = _header(message, "Subject")
    if not body.strip():
        if not any(_supported(name) for name, _ in attachments):
            raise Unreadable("e-mail without text and without a readable attachment")
        body = title or ""
    return FormatText(
        text=body,
        format="eml",
        title=title,
        author=_author(message),
        date=_date(message),
        attachments=tuple(attachments),
        warnings=tuple(warnings),
    )
