"""Relations stated around a name (issue 13, relation recall): a unit named before its
organisation, the sides of a war, the parties that concluded an agreement, the seat of an
organisation and a person's role in apposition.

Every sentence here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

from typing import Any

import pytest

from relkit import candidates_between, sides


def found(nlp: Any, text: str, *names: tuple[str, str]) -> set[tuple[str, str, str]]:
    """(source, target, type) of every candidate of ``text`` with the given mentions."""
    return {sides(text, c) for c in candidates_between(nlp, text, *names)}


ORG, PLACE, EVENT, PERSON = "organization", "place", "event", "person"


@pytest.mark.slow
def test_a_unit_named_before_its_organisation_and_acronym_is_part_of_it(nlp: Any) -> None:
    text = "Le Bureau des affaires juridiques (OLA) de l'ONU a rendu un avis en 2015."
    got = found(nlp, text, ("Bureau des affaires juridiques", ORG), ("OLA", ORG), ("ONU", ORG))
    assert ("Bureau des affaires juridiques", "ONU", "member_of") in got, got
    text = "Le Comité des représentants permanents de l'Union africaine siège à Addis-Abeba."
    got = found(
        nlp,
        text,
        ("Comité des représentants permanents", ORG),
        ("Union africaine", ORG),
        ("Addis-Abeba", PLACE),
    )
    assert ("Comité des représentants permanents", "Union africaine", "member_of") in got, got
    # an institution of its own ("Banque"), or an organisation merely mentioned after a unit
    text = "La Banque de France a prêté des fonds. Le Bureau régional, avec l'OMS, a agi."
    got = found(
        nlp, text, ("Banque", ORG), ("France", PLACE), ("Bureau régional", ORG), ("OMS", ORG)
    )
    assert not any(kind == "member_of" for _, _, kind in got), got


@pytest.mark.slow
def test_the_sides_of_a_war_take_part_in_it(nlp: Any) -> None:
    text = "La guerre du Golfe contre l'Irak a duré six semaines en 1991."
    got = found(nlp, text, ("guerre du Golfe", EVENT), ("Irak", PLACE))
    assert got == {("Irak", "guerre du Golfe", "participates_in")}
    text = (
        "Le général mène la guerre de Crimée face aux tsaristes, à la Russie et à la Prusse "
        "orientale."
    )
    got = found(nlp, text, ("guerre de Crimée", EVENT), ("Russie", PLACE), ("Prusse", PLACE))
    assert {("Russie", "guerre de Crimée", "participates_in")} <= got, got
    text = "Pendant la guerre de Corée, la Turquie a combattu la Corée du Nord."
    got = found(nlp, text, ("guerre de Corée", EVENT), ("Turquie", PLACE), ("Corée du Nord", PLACE))
    assert got == {
        ("Turquie", "guerre de Corée", "participates_in"),
        ("Corée du Nord", "guerre de Corée", "participates_in"),
    }
    # a side that did not fight takes no part; an operation against a target is not a war
    text = "Pendant la guerre de Corée, la Suisse n'a pas combattu la Chine."
    got = found(nlp, text, ("guerre de Corée", EVENT), ("Suisse", PLACE), ("Chine", PLACE))
    assert got == set()
    text = "L'opération Tempête contre le cartel de Sinaloa a échoué."
    got = found(nlp, text, ("opération Tempête", "operation"), ("cartel de Sinaloa", ORG))
    assert got == set()


@pytest.mark.slow
def test_an_agreement_concluded_by_two_parties_named_as_agents(nlp: Any) -> None:
    text = "Les accords d'Oslo conclus par Israël et l'OLP en 1993 ont suscité l'espoir."
    got = found(nlp, text, ("accords d'Oslo", "agreement"), ("Israël", PLACE), ("OLP", ORG))
    assert ("Israël", "OLP", "agreement_with") in got or ("OLP", "Israël", "agreement_with") in got


@pytest.mark.slow
def test_the_seat_of_an_organisation_stated_by_a_verb_or_participle(nlp: Any) -> None:
    for text, org, city in [
        (
            "L'Organisation mondiale de la santé siège à Genève.",
            "Organisation mondiale de la santé",
            "Genève",
        ),
        ("Greenpeace, basée à Amsterdam, a protesté contre le projet.", "Greenpeace", "Amsterdam"),
        (
            "Le Comité olympique, dont le siège est à Lausanne, a voté.",
            "Comité olympique",
            "Lausanne",
        ),
    ]:
        got = found(nlp, text, (org, ORG), (city, PLACE))
        assert got == {(org, city, "located_in")}, text
    text = "Greenpeace n'est pas basée à Paris."
    assert found(nlp, text, ("Greenpeace", ORG), ("Paris", PLACE)) == set()


@pytest.mark.slow
def test_a_role_given_in_apposition(nlp: Any) -> None:
    text = "Nelson Mandela, fondateur de l'Umkhonto we Sizwe, a été libéré en 1990."
    got = found(nlp, text, ("Nelson Mandela", PERSON), ("Umkhonto we Sizwe", ORG))
    assert got == {("Nelson Mandela", "Umkhonto we Sizwe", "holds_role")}
    text = "Le ministre de l'Intérieur, Charles Pasqua, a présenté la loi."
    got = found(nlp, text, ("Charles Pasqua", PERSON), ("Intérieur", ORG))
    assert got == {("Charles Pasqua", "Intérieur", "holds_role")}
    text = "Charles Pasqua n'a jamais été ministre de l'Intérieur."
    assert found(nlp, text, ("Charles Pasqua", PERSON), ("Intérieur", ORG)) == set()


@pytest.mark.slow
def test_an_agreement_signed_between_two_parties(nlp: Any) -> None:
    text = "Le traité de l'Élysée, signé entre la France et l'Allemagne en 1963, a duré."
    names = (("traité de l'Élysée", "agreement"), ("France", PLACE), ("Allemagne", PLACE))
    got = found(nlp, text, *names)
    assert ("France", "Allemagne", "agreement_with") in got, got
    text = "L'accord conclu entre le Japon et l'Inde en 2014 porte sur le nucléaire."
    got = found(nlp, text, ("Japon", PLACE), ("Inde", PLACE))
    assert got == {("Japon", "Inde", "agreement_with")}
    # not an agreement, or negated: nothing
    text = "Le match joué entre le Japon et l'Inde en 2014 a été serré."
    assert found(nlp, text, ("Japon", PLACE), ("Inde", PLACE)) == set()
    text = "Aucun accord n'a été signé entre le Chili et le Pérou."
    assert found(nlp, text, ("Chili", PLACE), ("Pérou", PLACE)) == set()
