"""A standing organ of an organisation is an organisation, not a meeting (issue 13): the
head of a meeting ("Assemblée", "Conférence") with "générale" or "parlementaire" and "de" +
the organisation's name; a meeting named after a city stays an event.

The sentences are written for the test from public facts, in our own words.
"""

from __future__ import annotations

from docfactory import Extract
from filature.extract.organs import standing_organ

ORGANS = (
    "La Convention a été adoptée le 20 novembre 1989 par l'Assemblée générale des Nations "
    "unies. La Conférence générale de l'UNESCO a voté le budget de l'organisation.\n\n"
    "Le sommet de Nice a réuni les chefs d'État en décembre 2000 ; la Conférence de Paris sur "
    "le climat s'est tenue en 2015.\n"
)


def test_standing_organs_are_organisations(extract: Extract) -> None:
    types = {e.name: e.type for e in extract(ORGANS).entities}
    assert types.get("Assemblée générale des Nations unies") == "organization"
    assert types.get("Conférence générale de l'UNESCO") == "organization"


def test_standing_organ_needs_the_adjective_and_a_name() -> None:
    assert standing_organ("Assemblée parlementaire du Conseil de l'Europe")
    assert not standing_organ("Conférence de Paris")
    assert not standing_organ("assemblée générale du 12 mai")
    assert not standing_organ("Assemblée générale")
