"""Files attached to a message, read as documents of their own and linked to it.

An attachment of a format in the registry (``ingest.formats``) is read like a file of the
folder (same size cap, same reader, same time and memory budget) as the document
``<message path>/<attachment name>``, its ``parent`` the message's path. The others are
reported as skipped with the reason; a broken attachment never stops its message. Messages
attached to messages are read down to ``MAX_DEPTH`` levels.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from filature.ingest.formats import format_suffixes
from filature.ingest.read import read_data, too_large
from filature.models import FileReport, SourceText

MAX_DEPTH = 3
"""Attachments of attachments are read down to this many levels below a file of the folder."""

NAME_MAX = 120
"""Characters kept of an attachment's name (its suffix is always kept)."""

_UNSAFE = frozenset("/\\")


def safe_name(name: str) -> str:
    """An attachment's name usable as one path segment: control and invisible formatting
    characters (bidirectional overrides included) and slashes replaced by ``_``, at most
    ``NAME_MAX`` characters, never empty, ``.`` or ``..``."""
    chars = [
        "_" if ch in _UNSAFE or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
        for ch in name
    ]
    text = "".join(chars).strip()
    if len(text) > NAME_MAX:
        suffix = PurePosixPath(text).suffix
        suffix = suffix if len(suffix) <= 16 else ""
        text = text[: NAME_MAX - len(suffix)].rstrip() + suffix
    if not text.strip("."):
        return "attachment"
    return text


def unique_names(names: list[str]) -> list[str]:
    """Safe names, the second ``note.pdf`` of a message becoming ``note (2).pdf``."""
    seen: set[str] = set()
    out: list[str] = []
    for name in map(safe_name, names):
        candidate = name
        path = PurePosixPath(name)
        stem, suffix = (path.stem, path.suffix) if path.stem else (name, "")
        number = 2
        while candidate.casefold() in seen:
            candidate = f"{stem} ({number}){suffix}"
            number += 1
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def _one(parent: SourceText, name: str, data: bytes, max_bytes: int) -> SourceText | FileReport:
    rel = f"{parent.rel_path}/{name}"
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in format_suffixes():
        what = f"({suffix})" if suffix else "(no file name extension)"
        return FileReport(rel, "skipped", f"attachment not read: not a supported format {what}")
    if not data:
        return FileReport(rel, "skipped", "empty file")
    if len(data) > max_bytes:
        return FileReport(rel, "skipped", too_large(len(data), max_bytes))
    try:
        got = read_data(data, Path(parent.path, name), rel)
    except Exception as error:  # a broken attachment never stops its message
        return FileReport(rel, "skipped", f"could not be read: {type(error).__name__}: {error}")
    if isinstance(got, FileReport):
        return got
    return dataclasses.replace(got, parent=parent.rel_path)


def read_attachments(
    source: SourceText, max_bytes: int, depth: int = 1
) -> Iterator[SourceText | FileReport]:
    """Each attachment of ``source`` read (a SourceText, without attachments of its own: they
    follow it) or reported, then the attachments of each attachment, depth first."""
    names = unique_names([name for name, _ in source.attachments])
    for name, (_, data) in zip(names, source.attachments, strict=True):
        if depth > MAX_DEPTH:
            rel = f"{source.rel_path}/{name}"
            reason = f"attachment not read: nested more than {MAX_DEPTH} levels deep"
            yield FileReport(rel, "skipped", reason)
            continue
        got = _one(source, name, data, max_bytes)
        if isinstance(got, FileReport):
            yield got
            continue
        yield dataclasses.replace(got, attachments=())
        if got.attachments:
            yield from read_attachments(got, max_bytes, depth + 1)
