"""Relations of states and groups with named events (issue 13): taking part through a
locution ("dans le cadre de", "au cours de"), hosting by proclamation, and the members of an
alliance formed together, on sentences written for these tests from public facts (the single
sentences are cases in tests/cases/relations_events.toml, run by tests/test_relation_cases.py)."""

from __future__ import annotations

from typing import Any

import pytest

from relkit import found

LOC, EVT = "place", "event"


@pytest.mark.slow
def test_states_forming_an_alliance_named_after_them_are_its_members(nlp: Any) -> None:
    text = (
        "En 1882, l'Italie est alliée à l'Allemagne et à l'Autriche-Hongrie, "
        "et forment à elles trois la Triple-Alliance."
    )
    names = (("Italie", LOC), ("Allemagne", LOC), ("Autriche-Hongrie", LOC))
    got = found(nlp, text, *names, ("Triple-Alliance", "organization"))
    members = {(s, "Triple-Alliance", "member_of") for s, _ in names}
    assert {g for g in got if g[1] == "Triple-Alliance"} == members


@pytest.mark.slow
def test_the_object_hung_on_the_first_of_two_verbs_goes_to_the_second(nlp: Any) -> None:
    text = (
        "Cependant, Mustafa Kemal, chef militaire turc, refuse le traité de Sèvres et lance "
        "avec ses troupes la guerre d'indépendance turque face à la Grèce."
    )
    names = (("Mustafa Kemal", "person"), ("traité de Sèvres", "agreement"), ("Grèce", LOC))
    got = found(nlp, text, *names, ("guerre d'indépendance turque", EVT))
    assert ("Mustafa Kemal", "guerre d'indépendance turque", "participates_in") in got


@pytest.mark.slow
def test_each_of_two_verbs_keeps_its_own_object(nlp: Any) -> None:
    names = (("Norvège", LOC), ("PAM", "organization"), ("HCR", "organization"))
    got = found(nlp, "La Norvège a financé le PAM et a soutenu le HCR.", *names)
    assert ("Norvège", "PAM", "funds") in got
    assert ("Norvège", "HCR", "funds") not in got
