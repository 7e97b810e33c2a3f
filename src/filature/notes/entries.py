"""The notes file: one entry per star, in the order written, read with ``tomllib``.

    [[entity]]    name = "Meng Hongwei", type = "person"
    [[relation]]  type = "holds_role", source = "Meng Hongwei", target = "Interpol"
    [[excerpt]]   document = "001_chine_interpol.txt", quote = "est élu président d'Interpol"

Every entry may carry ``note`` (the text; a star without one is allowed) and ``date``. Names,
relation types, document paths and quotes are what survives a rebuild, never an id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from filature import tomlfile
from filature.models import ENTITY_TYPES
from filature.problems import EntryError

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
class Note(tomlfile.TableEntry):
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
    return tomlfile.decode_file(tomlfile.file_bytes(path, None), path, parse_notes)


def parse_notes(text: str) -> tuple[Note, ...]:
    """Parse and check the text of a notes file (errors carry their line and column), the
    notes in the order they are written."""
    by_section = tomlfile.section_entries(
        text, SECTIONS, check_note, unknown_fix=_FIX, syntax_fix=_FIX
    )
    found = [(line or 0, note) for entries in by_section.values() for line, note in entries]
    found.sort(key=lambda pair: pair[0])
    return tuple(note for _, note in found)


def check_note(section: str, item: object) -> Note:
    """Validate one entry of ``section``; raise CurationError with what is wrong."""
    keys = (*_REQUIRED[section], *_OPTIONAL[section])
    data = tomlfile.table_of(section, item, keys, _FIX)
    for key in _REQUIRED[section]:
        if key not in data:
            raise EntryError(f'[[{section}]] lacks {key} = "..."', None, f'add {key} = "..."')
    tomlfile.iso_date(data)
    line = data.get("line")
    if "line" in data and (not isinstance(line, int) or line < 1):
        raise EntryError(f"[[{section}]] line must be a line number", "line", "write line = 12")
    tomlfile.string_keys(section, data, [key for key in keys if key != "line"])
    for key in _REQUIRED[section]:
        if not str(data[key]).strip():
            raise EntryError(f"[[{section}]] {key} is empty", key, f"give {key} a value")
    if section == "entity" and "type" in data:
        tomlfile.one_of(data["type"], ENTITY_TYPES, "type", "unknown type")
    return Note(section, data)
