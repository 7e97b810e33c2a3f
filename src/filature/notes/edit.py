"""Writing the notes file: append a note under the curation lock of ``notes.toml``, through a
temporary file and ``os.replace`` (the same care as curation decisions: two processes adding
notes at once lose none)."""

from __future__ import annotations

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
