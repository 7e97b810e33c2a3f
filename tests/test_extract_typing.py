"""Entity typing and noise (issue 13): a name's shape and head noun say its kind better than
the NER label, and words that are no actor's name are not kept as entities.

Every document here is written for the test from public facts, in our own words; the cases
that give types and noise are in tests/cases/entity_typing.toml.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from casekit import rows
from docfactory import Extract

CASES = "entity_typing.toml"
TypesIn = Callable[[str], dict[str, str]]


@pytest.fixture()
def types_in(extract: Extract) -> TypesIn:
    """The type of each entity's aliases in a one-document corpus of the given text."""
    return lambda text: {alias: e.type for e in extract(text).entities for alias in e.aliases}


@pytest.mark.parametrize(
    ("text", "types", "absent"), rows(CASES, "typed", "text", "types", "absent")
)
def test_entity_types_and_noise(
    types_in: TypesIn, text: str, types: dict[str, str], absent: list[str]
) -> None:
    typed = types_in(text)
    assert {name: typed.get(name) for name in types} == types
    assert not set(absent) & set(typed)


def test_a_finite_verb_after_a_name_is_not_part_of_it(types_in: TypesIn) -> None:
    typed = types_in(
        "La Convention relative aux droits des personnes handicapées contient cinquante articles.\n"
    )
    names = set(typed)
    assert "Convention relative aux droits des personnes handicapées" in names
    assert not any(n.endswith("contient") for n in names)


def test_an_adjunct_of_place_ends_a_name(types_in: TypesIn) -> None:
    typed = types_in(
        "L'Union européenne a signé un accord commercial avec le Japon en 2018.\n\n"
        "Ces accords renforcent le poids de l'Union dans le monde et dans la vie des "
        "citoyens.\n"
    )
    assert not any(" dans " in n for n in typed)
    assert typed.get("Union européenne") == "organization"


def test_a_nationality_added_to_a_name_is_not_its_display(extract: Extract) -> None:
    entities = extract(
        "Les Unités de protection du peuple syriennes (abrégé YPG) ont pris Manbij en 2016.\n\n"
        "Les Unités de protection du peuple ont ensuite avancé vers Raqqa.\n"
    ).entities
    unit = next(e for e in entities if "Unités de protection du peuple" in e.aliases)
    assert unit.name == "Unités de protection du peuple"
    assert unit.type == "organization"
