"""Step 3: the analyst's corrections (``curation.toml``), applied after every build.

Sections, each an array of tables; entities are matched by name or any alias (case, accents
and punctuation ignored), optionally restricted by ``type``:

    [[merge]]   into = "Beijing", names = ["Pékin"]          # the others join ``into``
    [[rename]]  name = "Francois Haut", to = "François Haut"
    [[retype]]  name = "Forum régional de l'ASEAN", to = "organization"
    [[drop]]    name = "Sécurité globale"
    [[alias]]   name = "Interpol", aliases = ["OIPC"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filature.extract.merge import Draft
from filature.extract.textnorm import norm_key
from filature.models import ENTITY_TYPES, EntityType

SECTIONS = ("merge", "rename", "retype", "drop", "alias")


class CurationError(ValueError):
    """The curation file cannot be read or has an invalid entry."""


@dataclass(frozen=True)
class Curation:
    """The parsed curation file."""

    entries: dict[str, tuple[dict[str, Any], ...]]

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.entries.values())


def load_curation(path: Path) -> Curation:
    """Read and check a curation file (a missing file is an empty curation)."""
    if not path.exists():
        return Curation({s: () for s in SECTIONS})
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CurationError(f"{path}: {exc}") from exc
    unknown = set(data) - set(SECTIONS)
    if unknown:
        raise CurationError(f"{path}: unknown section(s) {sorted(unknown)}; use {SECTIONS}")
    entries = {s: tuple(data.get(s, ())) for s in SECTIONS}
    for section, items in entries.items():
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get(_target(section)), str):
                raise CurationError(f"{path}: each [[{section}]] needs {_target(section)} = '...'")
            for key in ("to", "type"):
                if section == "retype" and key == "to" and item.get("to") not in ENTITY_TYPES:
                    raise CurationError(f"{path}: retype 'to' must be one of {ENTITY_TYPES}")
                if key == "type" and "type" in item and item["type"] not in ENTITY_TYPES:
                    raise CurationError(f"{path}: type must be one of {ENTITY_TYPES}")
    return Curation(entries)


def _target(section: str) -> str:
    return "into" if section == "merge" else "name"


def _find(drafts: list[Draft], name: str, etype: str | None) -> list[Draft]:
    key = norm_key(name)
    return [
        d
        for d in drafts
        if (etype is None or d.type == etype)
        and (norm_key(d.name) == key or any(norm_key(a) == key for a in d.aliases))
    ]


def apply_curation(drafts: list[Draft], curation: Curation) -> list[Draft]:
    """Apply merges, renames, retypes, drops and aliases in that order; unmatched entries
    are ignored (the entity may be absent from this corpus)."""
    out = list(drafts)
    for item in curation.entries["merge"]:
        names = [item["into"], *item.get("names", ())]
        targets = [d for name in names for d in _find(out, name, item.get("type"))]
        if not targets:
            continue
        into = targets[0]
        into.name = item["into"]
        into.aliases.add(into.name)
        for name in names:
            for other in _find(out, name, item.get("type")):
                if other is not into:
                    into.aliases |= other.aliases
                    into.mentions.extend(other.mentions)
                    out.remove(other)
    for item in curation.entries["rename"]:
        for d in _find(out, item["name"], item.get("type")):
            d.name = str(item["to"])
            d.aliases.add(d.name)
    for item in curation.entries["retype"]:
        for d in _find(out, item["name"], item.get("type")):
            new_type: EntityType = item["to"]
            d.type = new_type
    for item in curation.entries["drop"]:
        for d in _find(out, item["name"], item.get("type")):
            out.remove(d)
    for item in curation.entries["alias"]:
        for d in _find(out, item["name"], item.get("type")):
            d.aliases |= {str(a) for a in item.get("aliases", ())}
    return out
