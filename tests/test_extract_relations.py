"""Stated relations in formal prose (issue 13), on sentences written for these tests: memberships,
roles in apposition, in headings and in a court's composition, negation, dates per clause and
sub-units of an organisation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docfactory import write_documents
from filature.extract.relations.units import unit_relations
from filature.extract.run import extract_all
from filature.models import Entity, Mention
from relkit import candidates_between, sides

Found = set[tuple[str, str, str]]


def found(nlp: Any, text: str, *names: tuple[str, str]) -> set[tuple[str, str, str, Any]]:
    """(source, target, type, role or date) of every candidate of ``text``."""
    return {(*sides(text, c), c.role or c.date) for c in candidates_between(nlp, text, *names)}


def pairs(got: set[tuple[str, str, str, Any]]) -> Found:
    return {(s, t, kind) for s, t, kind, _ in got}


@pytest.mark.slow
def test_membership_stated_by_a_predicate_an_apposition_or_a_verb(nlp: Any) -> None:
    norway, nato = ("Norvège", "place"), ("OTAN", "organization")
    assert pairs(found(nlp, "La Norvège, membre de l'OTAN, a protesté.", norway, nato)) == {
        ("Norvège", "OTAN", "member_of")
    }
    for text, country in [
        ("La Norvège est membre de l'OTAN depuis 1949.", "Norvège"),
        ("Le Monténégro adhère à l'OTAN en 2017.", "Monténégro"),
        ("La Finlande a rejoint l'OTAN en avril 2023.", "Finlande"),
    ]:
        got = found(nlp, text, (country, "place"), nato)
        assert pairs(got) == {(country, "OTAN", "member_of")}, text


@pytest.mark.slow
def test_a_negated_statement_is_no_relation(nlp: Any) -> None:
    nato = ("OTAN", "organization")
    assert found(nlp, "La Suède n'a pas rejoint l'OTAN en 2000.", ("Suède", "place"), nato) == set()
    assert found(nlp, "L'Irlande n'est pas membre de l'OTAN.", ("Irlande", "place"), nato) == set()
    chile, peru = ("Chili", "place"), ("Pérou", "place")
    assert found(nlp, "Le Chili n'a jamais signé d'accord avec le Pérou.", chile, peru) == set()
    assert found(nlp, "Aucun accord ne lie le Chili et le Pérou.", chile, peru) == set()
    assert pairs(found(nlp, "Le Chili a signé un accord avec le Pérou.", chile, peru)) == {
        ("Chili", "Pérou", "agreement_with")
    }


@pytest.mark.slow
def test_a_role_goes_to_the_institution_not_to_a_place_qualifying_an_office(nlp: Any) -> None:
    text = "Jeanne Dubois, directrice du bureau Europe de Greenpeace, a parlé."
    got = found(
        nlp, text, ("Jeanne Dubois", "person"), ("Europe", "place"), ("Greenpeace", "organization")
    )
    assert got == {("Jeanne Dubois", "Greenpeace", "holds_role", "directrice")}
    text = "L'ambassadeur du Royaume d'Espagne, M. Ruiz, a signé la lettre."
    got = found(nlp, text, ("Royaume d'Espagne", "place"), ("Ruiz", "person"))
    assert got == {("Ruiz", "Royaume d'Espagne", "holds_role", "ambassadeur")}


@pytest.mark.slow
def test_a_lawyer_belongs_to_the_bar_not_to_the_client(nlp: Any) -> None:
    text = "Représentée par Me Paul Martin, avocat plaidant au barreau de Lyon."
    got = found(nlp, text, ("Paul Martin", "person"), ("barreau de Lyon", "organization"))
    assert pairs(got) == {("Paul Martin", "barreau de Lyon", "holds_role")}
    text = "Me Jean Dupont, avocat de la société Renault, a plaidé."
    assert found(nlp, text, ("Jean Dupont", "person"), ("Renault", "organization")) == set()
    text = "Représentée par Me Paul Martin, avocat au barreau de Lyon."
    assert found(nlp, text, ("Paul Martin", "person"), ("Lyon", "place")) == set()


def dates(nlp: Any, text: str, *names: tuple[str, str]) -> dict[tuple[str, str], str | None]:
    """(source, target) -> date of every candidate of ``text``."""
    return {sides(text, c)[:2]: c.date for c in candidates_between(nlp, text, *names)}


@pytest.mark.slow
def test_a_date_belongs_to_the_coordinated_role_it_follows(nlp: Any) -> None:
    text = (
        "Le 3 mai 2019, Paul Chen, membre du Parti travailliste et vice-ministre de la "
        "Santé depuis le 10 avril 2012, est élu président de la Croix-Rouge."
    )
    got = dates(
        nlp,
        text,
        ("Paul Chen", "person"),
        ("Parti travailliste", "organization"),
        ("Santé", "organization"),
        ("Croix-Rouge", "organization"),
    )
    assert got[("Paul Chen", "Parti travailliste")] is None
    assert got[("Paul Chen", "Croix-Rouge")] == "2019-05-03"
    assert got.get(("Paul Chen", "Santé"), "2012-04-10") == "2012-04-10"


def _entity(key: int, name: str, *surfaces: str) -> Entity:
    mentions = tuple(Mention(0, i, 0, len(s), s) for i, s in enumerate(surfaces or (name,)))
    return Entity(key, name, "organization", (name, *surfaces), mentions)


def test_sub_units_named_after_their_organisation_are_part_of_it() -> None:
    entities = [
        _entity(1, "Organisation mondiale de la santé", "OMS"),
        _entity(2, "Bureau régional de l'OMS", "Bureau régional de l'OMS"),
        _entity(3, "Secrétariat général de l'Organisation mondiale de la santé"),
        _entity(4, "Organisation des Nations unies", "ONU"),
        _entity(5, "Assemblée générale des Nations unies"),
        _entity(6, "Haut-Commissariat des Nations unies aux réfugiés"),
        _entity(7, "Banque de France"),
        _entity(8, "France"),
        _entity(9, "Conseil de l'Europe"),
    ]
    got = {(r.source_key, r.target_key, r.type) for r in unit_relations(entities)}
    assert got == {
        (2, 1, "member_of"),
        (3, 1, "member_of"),
        (5, 4, "member_of"),
        (6, 4, "member_of"),
    }


COURT_DECISION = """COUR D'APPEL DE NANTES

Arrêt du 3 mars 2021

Représentée par Me Pierre Garnier, avocat au barreau de Rennes

COMPOSITION DE LA COUR :

Lors des débats, Mme Claire Mercier, greffier,

- M. Louis Bernard, président,

- Mme Anne Lefèvre, M. Marc Dubois, conseillers,

La Cour d'appel de Nantes, après en avoir délibéré, confirme le jugement du Tribunal de Rennes.
"""

PRESS = """Le président Louis Bernard, conseiller municipal, a visité Nantes.

Il a rencontré le Tribunal de Rennes.
"""


@pytest.mark.slow
def test_court_composition_holds_roles_in_the_court_of_the_heading(
    tmp_path: Path, nlp: Any
) -> None:
    documents = write_documents(tmp_path, {"arret.txt": COURT_DECISION, "presse.txt": PRESS})
    extraction = extract_all(documents, nlp=nlp)
    names = {e.key: e.name for e in extraction.entities}
    roles = {
        (names[r.source_key], names[r.target_key], r.role)
        for r in extraction.relations
        if r.type == "holds_role" and r.rule == "role_bench"
    }
    court = next(n for n in names.values() if n.lower() == "cour d'appel de nantes")
    assert roles == {
        ("Claire Mercier", court, "greffier"),
        ("Louis Bernard", court, "président"),
        ("Anne Lefèvre", court, "conseiller"),
        ("Marc Dubois", court, "conseiller"),
    }


@pytest.mark.slow
def test_a_role_in_a_salutation_is_the_addressees(nlp: Any) -> None:
    institute, person = ("Institut Pasteur", "organization"), ("Pierre Blanc", "person")
    text = "Madame la Directrice de l'Institut Pasteur, Pierre Blanc vous remercie de votre lettre."
    assert found(nlp, text, institute, person) == set()
    text = "La directrice de l'Institut Pasteur, Pierre Blanc, vous remercie de votre lettre."
    assert pairs(found(nlp, text, institute, person)) == {
        ("Pierre Blanc", "Institut Pasteur", "holds_role")
    }


@pytest.mark.slow
def test_the_seat_of_an_organisation(nlp: Any) -> None:
    who, lyon = ("Interpol", "organization"), ("Lyon", "place")
    for text in [
        "Interpol, dont le siège est à Lyon, a publié un rapport.",
        "Le siège d'Interpol est à Lyon.",
        "Interpol a son siège à Lyon.",
    ]:
        assert pairs(found(nlp, text, who, lyon)) == {("Interpol", "Lyon", "located_in")}, text


@pytest.mark.slow
def test_an_agreement_signed_at_a_place_on_a_date(nlp: Any) -> None:
    text = "La Convention de Berne a été signée à Paris le 9 septembre 1886."
    got = found(nlp, text, ("Convention de Berne", "agreement"), ("Paris", "place"))
    assert got == {("Convention de Berne", "Paris", "located_in", "1886-09-09")}
    text = "Interpol a signé à Lyon un accord avec Europol."
    got = found(
        nlp, text, ("Interpol", "organization"), ("Lyon", "place"), ("Europol", "organization")
    )
    assert pairs(got) == {("Interpol", "Europol", "agreement_with")}


@pytest.mark.slow
def test_a_person_who_acts_at_an_event_or_launches_it_takes_part(nlp: Any) -> None:
    text = "Les engagements pris par le président Jean Morel au Sommet de Rio ont été tenus."
    got = found(nlp, text, ("Jean Morel", "person"), ("Sommet de Rio", "event"))
    assert pairs(got) == {("Jean Morel", "Sommet de Rio", "participates_in")}
    text = "L'Initiative verte, proposée par Jean Morel en 2021, a échoué."
    got = found(nlp, text, ("Initiative verte", "operation"), ("Jean Morel", "person"))
    assert got == {("Jean Morel", "Initiative verte", "participates_in", "2021")}
    text = "Jean Morel a parlé à Rio."
    assert found(nlp, text, ("Jean Morel", "person"), ("Rio", "place")) == set()


@pytest.mark.slow
def test_a_branch_located_somewhere_is_part_of_the_organisation_named_after(nlp: Any) -> None:
    text = (
        "Le Front Est, branche en Syrie du mouvement international Al-Qaida, a annoncé sa rupture."
    )
    got = found(
        nlp, text, ("Front Est", "organization"), ("Syrie", "place"), ("Al-Qaida", "organization")
    )
    assert pairs(got) == {("Front Est", "Al-Qaida", "member_of")}
    text = "Jean Roux, ambassadeur en Chine, a parlé."
    got = found(nlp, text, ("Jean Roux", "person"), ("Chine", "place"))
    assert got == {("Jean Roux", "Chine", "holds_role", "ambassadeur")}


@pytest.mark.slow
def test_coordinated_roles_with_coordinated_complements(nlp: Any) -> None:
    text = (
        "a déclaré Marie Durand, responsable de la FAO et chef de l'information et de la "
        "technologie de direction de l'UNICEF."
    )
    got = found(
        nlp, text, ("Marie Durand", "person"), ("FAO", "organization"), ("UNICEF", "organization")
    )
    assert got == {
        ("Marie Durand", "FAO", "holds_role", "responsable"),
        ("Marie Durand", "UNICEF", "holds_role", "chef"),
    }
