"""The curation file: one entry per decision, in the order made, read with ``tomllib``.

Sections, each an array of tables; entities are matched by name or any alias (case, accents
and punctuation ignored), optionally restricted by ``type``; every entry may carry ``date``
(an ISO timestamp) and ``note``:

    [[merge]]   into = "Beijing", names = ["Pékin"]          # the others join ``into``
    [[rename]]  name = "Francois Haut", to = "François Haut"
    [[retype]]  name = "Forum régional de l'ASEAN", to = "organization"
    [[drop]]    name = "Sécurité globale"
    [[alias]]   name = "Interpol", aliases = ["OIPC"]
    [[split]]   name = "Interpol", alias = "OIPC", to = "organization"

Entries apply in the order they appear in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from filature.models import ENTITY_TYPES
from filature.problems import CurationError as CurationError  # re-exported
from filature.problems import EntryError
from filature.tomlfile import (
    TableEntry,
    decode_file,
    file_bytes,
    iso_date,
    one_of,
    section_entries,
    string_keys,
    table_of,
)

SECTIONS = ("merge", "rename", "retype", "drop", "alias", "split")
_REQUIRED: dict[str, dict[str, type]] = {
    "merge": {"into": str, "names": list},
    "rename": {"name": str, "to": str},
    "retype": {"name": str, "to": str},
    "drop": {"name": str},
    "alias": {"name": str, "aliases": list},
    "split": {"name": str, "alias": str},
}
_OPTIONAL = ("type", "date", "note")
HEADER = re.compile(r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\][ \t]*(#.*)?$")


@dataclass(frozen=True)
class Entry(TableEntry):
    """One decision: its section (merge, rename...) and its keys, as read from the file."""

    @property
    def type(self) -> str | None:
        """The type the entry is restricted to, if any."""
        value = self.data.get("type")
        return value if isinstance(value, str) else None

    @property
    def target(self) -> str:
        """The name the entry is about (``into`` for a merge)."""
        return str(self.data["into" if self.section == "merge" else "name"])


@dataclass(frozen=True)
class Curation:
    """The parsed curation file: its entries in file order, and where each starts."""

    entries: tuple[Entry, ...]
    header_lines: tuple[int, ...] | None = None

    @property
    def size(self) -> int:
        """The number of entries."""
        return len(self.entries)


EMPTY = Curation((), ())


def load_curation(path: Path) -> Curation:
    """Read and check a curation file (a missing file is an empty curation).

    A UTF-8 byte-order mark is accepted. Every problem raises ``CurationError`` naming the
    file, the line and column, what is wrong and the fix."""
    return decode_curation(curation_bytes(path), path)


def curation_bytes(path: Path) -> bytes:
    """The bytes of the curation file at ``path`` (none when it does not exist); a folder, a
    pipe or an unreadable file raises ``CurationError``."""
    return file_bytes(path, "curation file")


def decode_curation(data: bytes, path: Path) -> Curation:
    """Decode and check the bytes of the curation file at ``path``."""
    return decode_file(data, path, parse_curation) if data else EMPTY


def parse_curation(text: str) -> Curation:
    """Parse and check the text of a curation file (errors carry their line and column)."""
    text = text.removeprefix("\ufeff")
    sections = ", ".join(f"[[{s}]]" for s in SECTIONS)
    found = section_entries(text, SECTIONS, check_entry, unknown_fix=f"the sections are {sections}")
    by_section = {section: [e for _, e in entries] for section, entries in found.items()}
    headers = [
        (n, m.group(1)) for n, line in enumerate(text.splitlines()) if (m := HEADER.match(line))
    ]
    counts = {s: sum(1 for _, h in headers if h == s) for s in SECTIONS}
    if all(counts[s] == len(by_section[s]) for s in SECTIONS) and len(headers) == sum(
        counts.values()
    ):
        cursor = dict.fromkeys(SECTIONS, 0)
        ordered = []
        for _, section in headers:
            ordered.append(by_section[section][cursor[section]])
            cursor[section] += 1
        return Curation(tuple(ordered), tuple(n for n, _ in headers))
    # Headers hidden in multi-line strings or inline tables: keep section order, no editing.
    return Curation(tuple(e for s in SECTIONS for e in by_section[s]), None)


def _keys_of(section: str) -> tuple[str, ...]:
    extra = ("to",) if section == "split" else ()
    return (*_REQUIRED[section], *extra, *_OPTIONAL)


def check_entry(section: str, item: object) -> Entry:
    """Validate one entry of ``section``; raise CurationError with what is wrong."""
    data = table_of(section, item, _keys_of(section))
    required = _REQUIRED[section]
    for key, kind in required.items():
        if key not in data:
            raise EntryError(
                f"[[{section}]] lacks {key} = {_example(kind)}",
                None,
                f"add {key} = {_example(kind)}",
            )
        if not isinstance(data[key], kind):
            raise EntryError(f"[[{section}]] {key} must be {_example(kind)}", key)
    for key in ("names", "aliases"):
        if key in required and not all(isinstance(v, str) for v in data[key]):
            raise EntryError(f"[[{section}]] {key} must be a list of strings", key)
    iso_date(data)
    string_keys(section, data, ("date", "note", "to"))
    if "type" in data:
        one_of(data["type"], ENTITY_TYPES, "type", "unknown type")
    if section in {"retype", "split"} and "to" in data:
        one_of(data["to"], ENTITY_TYPES, "to", f"[[{section}]] to: unknown type")
    return Entry(section, data)


def _example(kind: type) -> str:
    return '["..."]' if kind is list else '"..."'


def describe(entry: Entry) -> str:
    """One line saying what an entry decides ("merge Pékin → Beijing")."""
    d = entry.data
    what = {
        "merge": lambda: f"merge {', '.join(map(str, d['names']))} → {d['into']}",
        "rename": lambda: f"rename {d['name']} → {d['to']}",
        "retype": lambda: f"retype {d['name']} → {d['to']}",
        "drop": lambda: f"drop {d['name']}",
        "alias": lambda: f"alias {d['name']} + {', '.join(map(str, d['aliases']))}",
        "split": lambda: (
            f"split {d['alias']} off {d['name']}" + (f" as {d['to']}" if d.get("to") else "")
        ),
    }[entry.section]()
    if entry.type:
        what += f" ({entry.type})"
    return what
