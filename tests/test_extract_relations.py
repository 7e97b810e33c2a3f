"""Stated relations in formal prose (issue 13), on sentences written for these tests: memberships,
roles in apposition, in headings and in a court's composition, negation, dates per clause and
sub-units of an organisation (the single sentences are cases in tests/cases/relations_formal.toml,
run by tests/test_relation_cases.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docfactory import write_documents
from filature.extract.relations.units import unit_relations
from filature.extract.run import extract_all
from filature.models import Entity, Mention
from relkit import candidates_between, sides


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
