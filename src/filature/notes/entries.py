"""The notes file: one entry per star, in the order written, read with ``tomllib``.

    [[entity]]    name = "Meng Hongwei", type = "person"
    [[relation]]  type = "holds_role", source = "Meng Hongwei", target = "Interpol"
    [[excerpt]]   document = "001_chine_interpol.txt", quote = "est élu président d'Interpol"

Every entry may carry ``note`` (the text; a star without one is allowed) and ``date``. Names,
relation types, document paths and quotes are what survives a rebuild, never an id.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from filature.models import ENTITY_TYPES
from filature.problems import (
    CurationError,
    EntryError,
    Locator,
    TableEntry,
    decode_file,
    did_you_mean,
    file_bytes,
    key_of,
    syntax_error,
)

NOTES_FILE = "notes.toml"
SECTIONS = ("entity", "relation", "excerpt")
_REQUIRED: dict[str, tuple[str, ...]] = {
    "entity": ("name",),
    "relation": ("type", "source", "target"),
    "excerpt": ("document", "quote"),
}
_OPTIONAL: dict[str, tuple[str, ...]] = {
    "entity": ("type", "note", "date"),
    "relation": ("note", "date"),
    "excerpt": ("line", "note", "date"),
}
_FIX = 'each note is a [[entity]], [[relation]] or [[excerpt]] line followed by key = "text" lines'


@dataclass(frozen=True)
class Note(TableEntry):
    """One starred item and its note, as read from the file."""

    @property
    def text(self) -> str:
        """The note ("" for a star alone)."""
        return str(self.data.get("note", ""))

    @property
    def label(self) -> str:
        """What the note points to, as written: a name, ``A → type → B`` or a quote."""
        d = self.data
        if self.section == "entity":
            return str(d["name"])
        if self.section == "relation":
            return f"{d['source']} → {d['type']} → {d['target']}"
        return f"« {d['quote']} » ({d['document']})"


def notes_path(meta: dict[str, str]) -> Path | None:
    """The notes file of a database, beside the curation file its ``meta`` names."""
    if meta.get("curation_path"):
        return Path(meta["curation_path"]).with_name(NOTES_FILE)
    if meta.get("source"):
        return Path(meta["source"]) / NOTES_FILE
    return None


def load_notes(path: Path) -> tuple[Note, ...]:
    """Read and check the notes file at ``path`` (a missing file holds no note). Every
    problem raises ``CurationError`` naming the file, line, column and fix."""
    return decode_file(file_bytes(path, None), path, parse_notes)


def parse_notes(text: str) -> tuple[Note, ...]:
    """Parse and check the text of a notes file (errors carry their line and column), the
    notes in the order they are written."""
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        error = syntax_error(text, exc)
        raise CurationError(error.message, line=error.line, column=error.column, fix=_FIX) from exc
    locate = Locator(text)
    for name in data:
        if name not in SECTIONS or not isinstance(data[name], list):
            line, column = locate.section(name)
            raise CurationError(
                f"unknown section {name!r}{did_you_mean(name, SECTIONS)}"
                if name not in SECTIONS
                else f"{name} must be written [[{name}]]",
                line=line,
                column=column,
                fix=_FIX,
            )
    found: list[tuple[int, Note]] = []
    for section in SECTIONS:
        for index, item in enumerate(data.get(section, [])):
            try:
                note = check_note(section, item)
            except CurationError as exc:
                line, column = locate.entry(section, index, key_of(exc))
                raise CurationError(exc.message, line=line, column=column, fix=exc.hint) from exc
            line, _ = locate.entry(section, index, None)
            found.append((line or 0, note))
    found.sort(key=lambda pair: pair[0])
    return tuple(note for _, note in found)


def check_note(section: str, item: object) -> Note:
    """Validate one entry of ``section``; raise CurationError with what is wrong."""
    if not isinstance(item, dict):
        raise EntryError(f"each [[{section}]] must be a table", None, _FIX)
    keys = (*_REQUIRED[section], *_OPTIONAL[section])
    for key in item:
        if key not in keys:
            raise EntryError(
                f"[[{section}]] has an unknown key {key!r}{did_you_mean(key, keys)}",
                key,
                f"the keys of [[{section}]] are {', '.join(keys)}",
            )
    for key in _REQUIRED[section]:
        if key not in item:
            raise EntryError(f'[[{section}]] lacks {key} = "..."', None, f'add {key} = "..."')
    data = dict(item)
    if isinstance(data.get("date"), datetime | date):
        data["date"] = data["date"].isoformat()
    for key in keys:
        if key == "line":
            if key in data and (not isinstance(data[key], int) or data[key] < 1):
                raise EntryError(
                    f"[[{section}]] line must be a line number", key, "write line = 12"
                )
        elif key in data and not isinstance(data[key], str):
            raise EntryError(f"[[{section}]] {key} must be a string", key, f'write {key} = "..."')
    for key in _REQUIRED[section]:
        if not str(data[key]).strip():
            raise EntryError(f"[[{section}]] {key} is empty", key, f"give {key} a value")
    if section == "entity" and "type" in data and data["type"] not in ENTITY_TYPES:
        name = str(data["type"])
        raise EntryError(
            f"unknown type {name!r}{did_you_mean(name, ENTITY_TYPES)}",
            "type",
            f"use one of {', '.join(ENTITY_TYPES)}",
        )
    return Note(section, data)
