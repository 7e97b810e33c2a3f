"""The followthemoney export's territory table, derived from ``rigour`` (``filature[ftm]``).

``python tests/ftmkit.py`` writes ``src/filature/export/data/territories.tsv`` again; the tests
check that the shipped table equals what this derives and that every name in rigour's data gets
the country code the library gives.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filature.export.ftm_values import territory_key
from filature.query.text import fold

TABLE = Path(__file__).parents[1] / "src" / "filature" / "export" / "data" / "territories.tsv"
HEADER = (
    "# followthemoney country code of a place name (key: ftm_values.territory_key, '=' + code for"
    " codes), '*' when the name is the country itself.\n"
    "# Derived from rigour's territory data (MIT; names from Wikidata, CC0) by tests/ftmkit.py.\n"
)


def read_lines(path: Path) -> list[dict[str, Any]]:
    """The entities of an exported followthemoney JSON-lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_unique_id(entities: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The entities by id, asserting that no two share one."""
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities), "duplicate ids"
    return by_id


def rigour_place_country(name: str) -> tuple[str | None, bool]:
    """What the export gave with ``rigour.territories.lookup_territory`` (the reference)."""
    from rigour.territories import lookup_territory

    territory = lookup_territory(name)
    if territory is None or territory.ftm_country is None:
        return None, False
    places = {fold(p) for p in territory.places or ()}
    return territory.ftm_country, territory.is_country and fold(name) not in places


def rigour_names() -> Iterator[str]:
    """Every name and code in rigour's territory data."""
    from rigour._core import territories_jsonl
    from rigour.territories.territory import get_index

    index = get_index()
    for line in territories_jsonl().splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        territory = index[data["code"]]
        yield territory.name
        yield territory.full_name
        for key in ("names_strong", "names_weak", "places"):
            yield from data.get(key, [])
        yield territory.code
        if territory.alpha3:
            yield territory.alpha3
        yield from territory.other_codes


def derive_table() -> dict[str, str]:
    """The table: name keys (Latin script, keyed as rigour keys them) and codes."""
    from rigour.territories.lookup import lookup_by_identifier
    from rigour.territories.util import normalize_territory_name

    table: dict[str, str] = {}
    for name in sorted(set(rigour_names())):
        code, is_country = rigour_place_country(name)
        if code is None:
            continue
        value = code + ("*" if is_country else "")
        if lookup_by_identifier(name) is not None:
            table["=" + name.lower().replace("_", "-").strip()] = value
            continue
        key = territory_key(name)
        if key and key.isascii() and key == normalize_territory_name(name):
            table.setdefault(key, value)
    return table


def render(table: dict[str, str]) -> str:
    """The table as the shipped file's text."""
    return HEADER + "".join(f"{key}\t{value}\n" for key, value in sorted(table.items()))


if __name__ == "__main__":
    TABLE.parent.mkdir(exist_ok=True)
    TABLE.write_text(render(derive_table()), encoding="utf-8")
    print(f"wrote {TABLE}", file=sys.stderr)
