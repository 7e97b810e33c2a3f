"""Writing the curation file: append an entry, remove one, keep every other line as it was.

Strings are written as TOML basic strings with every quote, backslash and control character
escaped, so any name from a document round-trips through ``tomllib``. Every write goes to a
temporary file beside the target, then ``os.replace``.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from filature.curation.entries import (
    HEADER,
    Curation,
    CurationError,
    Entry,
    check_entry,
    parse_curation,
)
from filature.curation.lock import curation_lock

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
KEY_ORDER = ("into", "names", "name", "alias", "to", "aliases", "type", "date", "note")


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string (lone surrogates, which TOML cannot hold, become U+FFFD)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\N{REPLACEMENT CHARACTER}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _value(value: Any) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_string(str(v)) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} in a curation entry")


def entry_text(entry: Entry) -> str:
    """The TOML text of one entry: its header and one line per key."""
    keys = sorted(entry.data, key=lambda k: KEY_ORDER.index(k) if k in KEY_ORDER else 99)
    lines = [f"[[{entry.section}]]"]
    lines += [f"{key} = {_value(entry.data[key])}" for key in keys]
    return "\n".join(lines) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) through a temporary file and ``os.replace``."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_text(path: Path) -> str:
    """The file's text, or "" if it does not exist."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(f"{path}: {exc}") from exc


def appended(text: str, entry: Entry) -> str:
    """``text`` with ``entry`` added at the end (after one blank line)."""
    check_entry(entry.section, entry.data)
    if text and not text.endswith("\n"):
        text += "\n"
    new = text + ("\n" if text.strip() else "") + entry_text(entry)
    parsed = parse_curation(new)
    if parsed.entries[-1:] != (entry,):
        raise CurationError("the new entry does not read back as written")
    return new


def removed(text: str, index: int) -> str:
    """``text`` without its entry number ``index`` (file order): its header, its keys and the
    blank line written before it. Comments above the next entry, and comments and blank lines
    after the entry's last key (a note the user added at the end), stay."""
    curation = parse_curation(text)
    if curation.header_lines is None:
        raise CurationError("entries cannot be located in this file; edit it by hand")
    if not 0 <= index < len(curation.entries):
        raise CurationError(f"no entry #{index + 1}")
    lines = text.splitlines(keepends=True)
    start = curation.header_lines[index]
    end = next((n for n in range(start + 1, len(lines)) if HEADER.match(lines[n])), len(lines))
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip()[:1] == "#"):
        end -= 1
    if start > 0 and not lines[start - 1].strip():
        start -= 1
    elif end < len(lines) and not lines[end].strip():
        end += 1  # no blank line before the entry: take the one after it
    new = "".join(lines[:start] + lines[end:])
    if parse_curation(new).entries != curation.entries[:index] + curation.entries[index + 1 :]:
        raise CurationError("this entry cannot be removed cleanly; edit the file by hand")
    return new


def append_entry(path: Path, entry: Entry) -> Curation:
    """Add ``entry`` at the end of the file at ``path`` (created if missing), holding its lock."""
    with curation_lock(path):
        text = appended(read_text(path), entry)
        write_atomic(path, text)
    return parse_curation(text)


def remove_entry(path: Path, index: int, expected: Entry | None = None) -> Curation:
    """Remove entry number ``index``; if ``expected`` is given it must be that entry."""
    with curation_lock(path):
        text = read_text(path)
        entries = parse_curation(text).entries
        if expected is not None and (index >= len(entries) or entries[index] != expected):
            raise CurationError("the curation file changed; reopen the curation list")
        new = removed(text, index)
        write_atomic(path, new)
    return parse_curation(new)
