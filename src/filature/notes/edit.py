"""Writing the notes file: append a note under the curation lock of ``notes.toml``, through a
temporary file and ``os.replace`` (the same care as curation decisions: two processes adding
notes at once lose none)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from filature.curation.edit import read_text, toml_string, write_atomic
from filature.curation.lock import curation_lock
from filature.curation.state import curation_home
from filature.notes.entries import NOTES_FILE, Note, check_note, parse_notes
from filature.problems import CurationError

KEY_ORDER = ("name", "type", "source", "target", "document", "quote", "line", "note", "date")


def new_note(section: str, **data: Any) -> Note:
    """A checked note of ``section``, dated now unless ``date`` is given."""
    data.setdefault("date", datetime.now().astimezone().isoformat(timespec="seconds"))
    return check_note(section, {k: v for k, v in data.items() if v is not None})


def note_text(note: Note) -> str:
    """The TOML text of one note: its header and one line per key."""
    keys = sorted(note.data, key=lambda k: KEY_ORDER.index(k) if k in KEY_ORDER else 99)
    lines = [f"[[{note.section}]]"]
    for key in keys:
        value = note.data[key]
        lines.append(f"{key} = {value if isinstance(value, int) else toml_string(str(value))}")
    return "\n".join(lines) + "\n"


def append_note(path: Path, note: Note) -> tuple[Note, ...]:
    """Add ``note`` at the end of the notes file at ``path`` (created if missing), holding
    its lock; an invalid file is left as it is (``CurationError`` says where)."""
    with curation_lock(path):
        text = read_text(path)
        before = parse_notes(text) if text else ()
        if text and not text.endswith("\n"):
            text += "\n"
        new = text + ("\n" if text.strip() else "") + note_text(note)
        after = parse_notes(new)
        if after[: len(before)] != before or after[len(before) :] != (note,):
            raise CurationError("the new note does not read back as written", path=path)
        write_atomic(path, new)
    return after


def notes_home(db: Path, meta: dict[str, str]) -> Path:
    """The notes file that notes made on the database at ``db`` go to (beside its curation
    file); a copy of a database, or one that names no curation file, raises
    ``CurationError`` saying why (as for curation decisions)."""
    home = curation_home(db, meta)
    if home.curation is None or home.problem is not None:
        raise CurationError(
            (home.problem or "This database names no curation file.").rstrip("."),
            action="rebuild the database in place with filature build FOLDER --db PATH",
        )
    return home.curation.with_name(NOTES_FILE)


_HEADER = re.compile(r"^\s*\[\[\s*(entity|relation|excerpt)\s*\]\]")


def _entry_lines(text: str) -> tuple[list[str], list[int]]:
    """The file's lines and the line where each note starts (file order)."""
    lines = text.splitlines(keepends=True)
    return lines, [n for n, line in enumerate(lines) if _HEADER.match(line)]


def _spliced(text: str, index: int, new: Note | None, *, insert: bool = False) -> str:
    """``text`` with note ``index`` replaced by ``new`` (removed if None), or with ``new``
    inserted before it (``insert``; at the end when ``index`` is the number of notes)."""
    lines, starts = _entry_lines(text)
    added = [] if new is None else [note_text(new)]
    if insert:
        at = starts[index] if index < len(starts) else len(lines)
        if at == len(lines):
            tail = "" if not text or text.endswith("\n") else "\n"
            return text + tail + ("\n" if text.strip() else "") + "".join(added)
        return "".join(lines[:at] + added + ["\n"] + lines[at:])
    start = starts[index]
    end = starts[index + 1] if index + 1 < len(starts) else len(lines)
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip()[:1] == "#"):
        end -= 1
    if new is None:
        if start > 0 and not lines[start - 1].strip():
            start -= 1
        elif end < len(lines) and not lines[end].strip():
            end += 1
    return "".join(lines[:start] + added + lines[end:])


def change_note(
    path: Path, index: int, expected: Note, new: Note | None = None, *, insert: bool = False
) -> tuple[Note, ...]:
    """Replace note number ``index`` (file order) by ``new``, or remove it when ``new`` is
    None, holding the file's lock; ``expected`` must be the note found there (else the file
    changed meanwhile: ``CurationError``). With ``insert``, ``expected`` is put back before
    note ``index`` instead (what undoing a removal does)."""
    with curation_lock(path):
        text = read_text(path)
        before = parse_notes(text) if text else ()
        if insert:
            if index > len(before):
                index = len(before)
            wanted = (*before[:index], expected, *before[index:])
            new_text = _spliced(text, index, expected, insert=True)
        else:
            if index >= len(before) or before[index] != expected:
                raise CurationError(
                    "the notes file changed meanwhile", path=path, action="open the notes again"
                )
            kept = () if new is None else (new,)
            wanted = (*before[:index], *kept, *before[index + 1 :])
            new_text = _spliced(text, index, new)
        after = parse_notes(new_text)
        if after != wanted:
            raise CurationError(
                "this note cannot be changed cleanly", path=path, action="edit {file} by hand"
            )
        write_atomic(path, new_text)
    return after
