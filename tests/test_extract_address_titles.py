"""A form of address opening a person's name is a role, not part of the name (issue 13):
"Dame Jeanne Lefèvre" is "Jeanne Lefèvre", "Sire Louis" is "Louis"; a radio station named
"Dame Marie" keeps its name.

The sentences are written for the test, in our own words (the persons are invented).
"""

from __future__ import annotations

from docfactory import Extract

ADDRESSED = (
    "Dame Jeanne Lefèvre a légué ses terres à la commune en 1702. Sire Louis a reçu les "
    "ambassadeurs à Versailles.\n\n"
    "« La station de radio Dame Marie atteignait 30 000 auditeurs », a déclaré le directeur.\n"
)


def test_form_of_address_is_cut_from_a_persons_name(extract: Extract) -> None:
    types = {e.name: e.type for e in extract(ADDRESSED).entities}
    assert types.get("Jeanne Lefèvre") == "person"
    assert "Dame Jeanne Lefèvre" not in types and "Sire Louis" not in types


def test_a_station_named_with_the_word_keeps_it(extract: Extract) -> None:
    types = {e.name: e.type for e in extract(ADDRESSED).entities}
    assert types.get("Dame Marie") == "organization"
