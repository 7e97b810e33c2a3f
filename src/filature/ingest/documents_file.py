"""The analyst's document metadata: ``documents.toml`` beside the corpus, one entry a file.

    [[document]]
    path = "rapports/note-irsem-2023.pdf"   # relative to the folder, as in the build summary
    title = "La coopération policière chinoise"
    author = "Jeanne Martin"
    date = "2023-05"                         # YYYY, YYYY-MM or YYYY-MM-DD (or a TOML date)
    label = "IRSEM 2023"                     # a short label to cite the document by

What the file sets wins over what the document declares. A problem in the file raises
``DocumentsFileError`` naming the file, the line and column and the fix; the build refuses to
start, as with an invalid curation file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from filature.models import Document
from filature.problems import CurationError, EntryError, did_you_mean
from filature.tomlfile import (
    checked_entries,
    decode_file,
    file_bytes,
    table_of,
    toml_tables,
)

DOCUMENTS_FILE = "documents.toml"
SECTION = "document"
FIELDS = ("title", "author", "date", "label")
KEYS = ("path", *FIELDS)
LABEL_MAX = 60
TEXT_MAX = 500
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class DocumentsFileError(CurationError):
    """``documents.toml`` cannot be read or has an invalid entry: where and how to fix it."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the analyst sets for one document (None: keep what the document declares)."""

    path: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    label: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class DocumentsFile:
    """The parsed file: its entries by relative path."""

    path: Path | None
    entries: dict[str, DocumentInfo]


EMPTY = DocumentsFile(None, {})


def read_documents_file(path: Path) -> DocumentsFile:
    """Read and check ``path`` (a missing file sets nothing)."""
    data = file_bytes(path, "documents file", DocumentsFileError)
    if not data:
        return EMPTY
    entries = decode_file(data, path, parse_documents, DocumentsFileError)
    return DocumentsFile(path, entries)


def parse_documents(text: str) -> dict[str, DocumentInfo]:
    """Parse and check the text of a documents file (errors carry their line and column)."""
    tables, locate = toml_tables(
        text,
        (SECTION,),
        unknown_fix="each entry starts with a [[document]] line",
        syntax_fix='each entry is a [[document]] line followed by path = "..." and title = "..."',
        error=DocumentsFileError,
    )
    entries: dict[str, DocumentInfo] = {}
    for index, (line, info) in enumerate(
        checked_entries(tables, locate, SECTION, _check, DocumentsFileError)
    ):
        if info.path in entries:
            first = entries[info.path].line
            second = EntryError(
                f"a second entry for {info.path!r} (the first is at line {first})",
                "path",
                "merge the two entries into one",
            )
            raise locate.placed(second, SECTION, index, DocumentsFileError)
        entries[info.path] = replace(info, line=line)
    return entries


def _relative(value: str) -> str:
    path = value.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    posix = PurePosixPath(path)
    if not path or posix.is_absolute() or ".." in posix.parts or re.match(r"^[A-Za-z]:", path):
        raise EntryError(
            f"path {value!r} is not relative to the folder",
            "path",
            'write the path as the build summary shows it, e.g. path = "rapports/note.pdf"',
        )
    return posix.as_posix()


def _date(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _DATE.match(value.strip()):
        parts = [int(p) for p in value.strip().split("-")]
        try:
            date(parts[0], *[*parts[1:], 1, 1][:2])
        except ValueError:
            pass
        else:
            return value.strip()
    raise EntryError(
        f"date {value!r} is not a date",
        "date",
        'write date = "2023", "2023-05" or "2023-05-12"',
    )


def _text(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise EntryError(f"{key} must be a string", key, f'write {key} = "..."')
    text = " ".join(value.split())
    if not text:
        raise EntryError(f"{key} is empty", key, f"remove the {key} line or give a value")
    if _CONTROL.search(text):
        raise EntryError(f"{key} holds a control character", key, "remove it")
    limit = LABEL_MAX if key == "label" else TEXT_MAX
    if len(text) > limit:
        raise EntryError(
            f"{key} is {len(text)} characters long, over {limit}", key, f"shorten the {key}"
        )
    return text


def _check(entry: object) -> DocumentInfo:
    item = table_of(SECTION, entry, KEYS)
    if "path" not in item:
        raise EntryError(
            '[[document]] lacks path = "..."',
            None,
            'add path = "..." with the file\'s path relative to the folder',
        )
    if not isinstance(item["path"], str):
        raise EntryError("path must be a string", "path", 'write path = "..."')
    if not any(key in item for key in FIELDS):
        raise EntryError(
            "[[document]] sets nothing",
            None,
            f"add at least one of {', '.join(FIELDS)}, or remove the entry",
        )
    values = {key: _text(key, item[key]) for key in ("title", "author", "label") if key in item}
    return DocumentInfo(
        path=_relative(item["path"]),
        date=_date(item["date"]) if "date" in item else None,
        line=None,
        **values,
    )


def apply_documents_file(
    documents: list[Document], info: DocumentsFile
) -> tuple[list[Document], list[str]]:
    """The documents with the file's title, author, date and label applied, and a note for
    each entry that names no document of the corpus."""
    if not info.entries:
        return documents, []
    by_path = {doc.path: doc for doc in documents}
    out = []
    for doc in documents:
        entry = info.entries.get(doc.path)
        if entry is None:
            out.append(doc)
            continue
        out.append(
            replace(
                doc,
                title=entry.title or doc.title,
                author=entry.author or doc.author,
                date=entry.date or doc.date,
                label=entry.label or doc.label,
            )
        )
    notes = []
    for path, entry in info.entries.items():
        if path not in by_path:
            where = f"{info.path}, line {entry.line}" if entry.line else str(info.path)
            notes.append(
                f"{where}: {path!r} is not a document of the folder"
                f"{did_you_mean(path, by_path)}; fix the path or remove the entry"
            )
    return out, notes
