"""Relations of states and groups with named events (issue 13): taking part through a
locution ("dans le cadre de", "au cours de"), hosting by proclamation, and the members of an
alliance formed together, on sentences written
for these tests from public facts."""

from __future__ import annotations

from typing import Any

import pytest

from relkit import candidates_between, sides

ORG, LOC, EVT = "organization", "place", "event"


def pairs(nlp: Any, text: str, *names: tuple[str, str]) -> set[tuple[str, str, str]]:
    """(source, target, type) of every candidate of ``text`` between the given names."""
    return {sides(text, c) for c in candidates_between(nlp, text, *names)}


@pytest.mark.slow
def test_fighting_within_a_named_war_is_taking_part(nlp: Any) -> None:
    text = "Le Hezbollah se bat dans le cadre de la guerre civile syrienne."
    got = pairs(nlp, text, ("Hezbollah", ORG), ("guerre civile syrienne", EVT))
    assert got == {("Hezbollah", "guerre civile syrienne", "participates_in")}
    text = "Les États-Unis ont combattu au cours de la guerre du Golfe."
    got = pairs(nlp, text, ("États-Unis", LOC), ("guerre du Golfe", EVT))
    assert got == {("États-Unis", "guerre du Golfe", "participates_in")}


@pytest.mark.slow
def test_a_locution_names_no_place_as_an_event(nlp: Any) -> None:
    text = "Les soldats du Mali se battent dans le cadre de la MINUSMA au nord du pays."
    got = pairs(nlp, text, ("Mali", LOC), ("MINUSMA", ORG))
    assert not any(t == "participates_in" for _, _, t in got)


@pytest.mark.slow
def test_proclaiming_a_commemorated_year_hosts_it(nlp: Any) -> None:
    text = "L'ONU a proclamé l'Année internationale de l'enfant en 1979."
    got = pairs(nlp, text, ("ONU", ORG), ("Année internationale de l'enfant", EVT))
    assert got == {("ONU", "Année internationale de l'enfant", "hosts")}
    text = "L'année 1975 est proclamée Année internationale de la femme par l'ONU."
    got = pairs(nlp, text, ("ONU", ORG), ("Année internationale de la femme", EVT))
    assert got == {("ONU", "Année internationale de la femme", "hosts")}
    text = "L'an 2005 est déclaré « Année mondiale de la physique » par l'ONU qui le soutient."
    got = pairs(nlp, text, ("ONU", ORG), ("Année mondiale de la physique", EVT))
    assert got == {("ONU", "Année mondiale de la physique", "hosts")}


@pytest.mark.slow
def test_declaring_a_fact_hosts_nothing(nlp: Any) -> None:
    text = "L'Unesco a déclaré que la Journée mondiale du livre serait fêtée à Paris."
    got = pairs(nlp, text, ("Unesco", ORG), ("Journée mondiale du livre", EVT), ("Paris", LOC))
    assert not any(t == "hosts" for _, _, t in got)


@pytest.mark.slow
def test_states_that_form_an_alliance_together_are_its_members(nlp: Any) -> None:
    text = "La Belgique, les Pays-Bas et le Luxembourg ont fondé le Benelux en 1944."
    names = (("Belgique", LOC), ("Pays-Bas", LOC), ("Luxembourg", LOC), ("Benelux", ORG))
    got = pairs(nlp, text, *names)
    assert got == {(s, "Benelux", "member_of") for s in ("Belgique", "Pays-Bas", "Luxembourg")}
    text = (
        "En 1882, l'Italie est alliée à l'Allemagne et à l'Autriche-Hongrie, "
        "et forment à elles trois la Triple-Alliance."
    )
    names = (("Italie", LOC), ("Allemagne", LOC), ("Autriche-Hongrie", LOC))
    got = pairs(nlp, text, *names, ("Triple-Alliance", ORG))
    members = {(s, "Triple-Alliance", "member_of") for s, _ in names}
    assert {g for g in got if g[1] == "Triple-Alliance"} == members


@pytest.mark.slow
def test_one_state_forming_a_body_trains_it_and_is_no_member(nlp: Any) -> None:
    text = "La France forme les policiers de la Guinée depuis 2015."
    got = pairs(nlp, text, ("France", LOC), ("Guinée", LOC))
    assert not any(t == "member_of" for _, _, t in got)


@pytest.mark.slow
def test_the_group_opening_a_sentence_is_the_organisation_named_before(nlp: Any) -> None:
    text = (
        "Le Hezbollah, parti chiite libanais, annonce en mai 2013 son engagement en Syrie. "
        "Le groupe se bat dans le cadre de la guerre civile syrienne."
    )
    got = pairs(nlp, text, ("Hezbollah", ORG), ("guerre civile syrienne", EVT))
    assert got == {("Hezbollah", "guerre civile syrienne", "participates_in")}
    text = (
        "Le Hezbollah annonce son engagement. Un groupe se bat pendant la guerre civile syrienne."
    )
    got = pairs(nlp, text, ("Hezbollah", ORG), ("guerre civile syrienne", EVT))
    assert got == set()


@pytest.mark.slow
def test_the_object_hung_on_the_first_of_two_verbs_goes_to_the_second(nlp: Any) -> None:
    text = (
        "Cependant, Mustafa Kemal, chef militaire turc, refuse le traité de Sèvres et lance "
        "avec ses troupes la guerre d'indépendance turque face à la Grèce."
    )
    names = (("Mustafa Kemal", "person"), ("traité de Sèvres", "agreement"), ("Grèce", LOC))
    got = pairs(nlp, text, *names, ("guerre d'indépendance turque", EVT))
    assert ("Mustafa Kemal", "guerre d'indépendance turque", "participates_in") in got


@pytest.mark.slow
def test_each_of_two_verbs_keeps_its_own_object(nlp: Any) -> None:
    text = "La Norvège a financé le PAM et a soutenu le HCR."
    got = pairs(nlp, text, ("Norvège", LOC), ("PAM", ORG), ("HCR", ORG))
    assert ("Norvège", "PAM", "funds") in got
    assert ("Norvège", "HCR", "funds") not in got


@pytest.mark.slow
def test_a_place_right_after_a_named_operation_is_where_it_happened(nlp: Any) -> None:
    text = "En 2013, l'opération Serval au Mali a repoussé les groupes armés du nord."
    got = pairs(nlp, text, ("opération Serval", "operation"), ("Mali", LOC))
    assert got == {("opération Serval", "Mali", "located_in")}
    text = "La France a lancé l'opération Barkhane en 2014 et envoyé des soldats au Tchad."
    got = pairs(nlp, text, ("opération Barkhane", "operation"), ("Tchad", LOC))
    assert got == set()
