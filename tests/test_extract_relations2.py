"""Stated relations of founding, leading, alliance and possessive roles (issue 13), on
sentences written for these tests from public facts."""

from __future__ import annotations

from typing import Any

import pytest

from filature.extract.relations.named import named_place_relations
from filature.models import Entity, Mention
from relkit import candidates_between, sides

Got = set[tuple[str, str, str, Any]]


def found(nlp: Any, text: str, *names: tuple[str, str]) -> Got:
    """(source, target, type, role) of every candidate of ``text``."""
    return {(*sides(text, c), c.role) for c in candidates_between(nlp, text, *names)}


@pytest.mark.slow
def test_a_founder_holds_a_founder_role_active_or_passive(nlp: Any) -> None:
    daimler, dmg = ("Gottlieb Daimler", "person"), ("DMG", "organization")
    assert found(nlp, "Gottlieb Daimler a fondé la société DMG en 1890.", daimler, dmg) == {
        ("Gottlieb Daimler", "DMG", "holds_role", "fondateur")
    }
    text = "Le CICR, fondé par Henry Dunant en 1863, siège à Genève."
    got = found(nlp, text, ("CICR", "organization"), ("Henry Dunant", "person"))
    assert got == {("Henry Dunant", "CICR", "holds_role", "fondateur")}


@pytest.mark.slow
def test_a_leader_holds_a_role_in_what_he_leads(nlp: Any) -> None:
    text = "Les troupes de l'Empire mongol, dirigées par Gengis Khan, envahissent la Chine."
    got = found(
        nlp, text, ("Empire mongol", "organization"), ("Gengis Khan", "person"), ("Chine", "place")
    )
    assert got == {("Gengis Khan", "Empire mongol", "holds_role", "dirigeant")}
    merkel, cdu = ("Angela Merkel", "person"), ("CDU", "organization")
    assert found(nlp, "Angela Merkel dirige la CDU depuis 2000.", merkel, cdu) == {
        ("Angela Merkel", "CDU", "holds_role", "dirigeant")
    }


@pytest.mark.slow
def test_leading_a_common_thing_states_no_role(nlp: Any) -> None:
    text = "Angela Merkel dirige la délégation allemande à Bruxelles."
    assert found(nlp, text, ("Angela Merkel", "person"), ("Bruxelles", "place")) == set()


@pytest.mark.slow
def test_a_possessive_role_belongs_to_the_organisation_it_hangs_on(nlp: Any) -> None:
    text = "Le Parlement européen, par la voix de son président David Sassoli, a protesté."
    got = found(nlp, text, ("Parlement européen", "organization"), ("David Sassoli", "person"))
    assert got == {("David Sassoli", "Parlement européen", "holds_role", "président")}


@pytest.mark.slow
def test_an_ally_is_a_partner_even_in_the_passive_form(nlp: Any) -> None:
    text = "L'Italie est alliée à la France et au Royaume-Uni."
    got = found(nlp, text, ("Italie", "place"), ("France", "place"), ("Royaume-Uni", "place"))
    assert {(s, t, k) for s, t, k, _ in got} == {
        ("Italie", "France", "cooperates_with"),
        ("Italie", "Royaume-Uni", "cooperates_with"),
    }
    text = "L'Italie n'est pas alliée à la France."
    assert found(nlp, text, ("Italie", "place"), ("France", "place")) == set()


@pytest.mark.slow
def test_fighting_in_a_war_is_taking_part_in_it(nlp: Any) -> None:
    text = "Le Canada a combattu pendant la Seconde Guerre mondiale aux côtés du Royaume-Uni."
    got = found(
        nlp,
        text,
        ("Canada", "place"),
        ("Seconde Guerre mondiale", "event"),
        ("Royaume-Uni", "place"),
    )
    assert ("Canada", "Seconde Guerre mondiale", "participates_in", None) in got


@pytest.mark.slow
def test_a_possessive_role_after_a_badly_parsed_phrase(nlp: Any) -> None:
    text = (
        "Hier, le Sénat du Chili par la voix de son Président Manuel Ossandón a demandé "
        "au gouvernement un rapport."
    )
    got = found(nlp, text, ("Sénat du Chili", "organization"), ("Manuel Ossandón", "person"))
    assert got == {("Manuel Ossandón", "Sénat du Chili", "holds_role", "président")}
    text = "Le Sénat a entendu Paul Durand et son avocat Jean Martin."
    got = found(nlp, text, ("Sénat", "organization"), ("Jean Martin", "person"))
    assert got == set()


@pytest.mark.slow
def test_a_founded_dynasty_in_apposition(nlp: Any) -> None:
    text = "Puis vient la dynastie des Capétiens, dynastie française fondée par Hugues Capet."
    got = found(nlp, text, ("Capétiens", "organization"), ("Hugues Capet", "person"))
    assert got == {("Hugues Capet", "Capétiens", "holds_role", "fondateur")}


def _entity(key: int, name: str, etype: str) -> Entity:
    return Entity(key, name, etype, (name,), (Mention(0, key, 0, len(name), name),))


def test_meetings_and_events_named_after_their_place_took_place_there() -> None:
    entities = [
        _entity(1, "Nice", "place"),
        _entity(2, "Conseil européen de Nice", "organization"),
        _entity(3, "Sommet de Nice", "event"),
        _entity(4, "Verdun", "place"),
        _entity(5, "bataille de Verdun", "event"),
        _entity(6, "Europe", "place"),
        _entity(7, "Conseil de l'Europe", "organization"),
        _entity(8, "Cour d'appel de Nice", "organization"),
        _entity(9, "Réunion des ministres de Nice", "event"),
    ]
    got = {(r.source_key, r.target_key, r.type) for r in named_place_relations(entities)}
    assert got == {(2, 1, "located_in"), (3, 1, "located_in"), (5, 4, "located_in")}


@pytest.mark.slow
def test_the_premises_of_an_organisation_locate_it(nlp: Any) -> None:
    for verb in ("transférés", "entendus"):
        text = f"Les suspects ont été {verb} dans les locaux de la DGSI à Levallois-Perret."
        got = found(nlp, text, ("DGSI", "organization"), ("Levallois-Perret", "place"))
        assert got == {("DGSI", "Levallois-Perret", "located_in", None)}, text


@pytest.mark.slow
def test_a_role_in_a_relative_clause_goes_to_the_organisation_before_dont(nlp: Any) -> None:
    text = "Médecins sans frontières, dont le président est Christophe Fournier, a protesté."
    got = found(
        nlp, text, ("Médecins sans frontières", "organization"), ("Christophe Fournier", "person")
    )
    assert got == {("Christophe Fournier", "Médecins sans frontières", "holds_role", "président")}
    text = "Greenpeace, dont Jennifer Morgan est la directrice, a protesté."
    got = found(nlp, text, ("Greenpeace", "organization"), ("Jennifer Morgan", "person"))
    assert got == {("Jennifer Morgan", "Greenpeace", "holds_role", "directrice")}
    text = "La France, dont le président est Emmanuel Macron, a protesté."
    assert found(nlp, text, ("France", "place"), ("Emmanuel Macron", "person")) == set()
