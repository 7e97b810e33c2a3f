"""Wrong types on unseen text: a people named in the plural kept as a place or a person, an
armed group or a town typed by the letters of its name instead of what the text says it is,
the short name of an agreement taken for an organisation or a person, a dotted acronym, a
polity listed among dynasties.

Every document here is written for the test from public facts, in our own words; the cases
are in tests/cases/entity_grouptypes.toml.
"""

from __future__ import annotations

import pytest

from casekit import rows
from docfactory import Extract


@pytest.mark.parametrize(
    ("text", "types", "absent"), rows("entity_grouptypes.toml", "typed", "text", "types", "absent")
)
def test_what_the_text_says_a_name_is_types_it(
    extract: Extract, text: str, types: dict[str, str], absent: list[str]
) -> None:
    typed = {e.name: e.type for e in extract(text).entities}
    assert {name: typed.get(name) for name in types} == types
    assert not set(absent) & set(typed)
