"""Stated relations of founding, leading, alliance and possessive roles (issue 13), on
sentences written for these tests from public facts (the single sentences are cases in
tests/cases/relations_roles.toml, run by tests/test_relation_cases.py)."""

from __future__ import annotations

from typing import Any

import pytest

from filature.extract.relations.named import named_place_relations
from filature.models import Entity, EntityType, Mention
from relkit import candidates_between, sides

Got = set[tuple[str, str, str, Any]]


def found(nlp: Any, text: str, *names: tuple[str, str]) -> Got:
    """(source, target, type, role) of every candidate of ``text``."""
    return {(*sides(text, c), c.role) for c in candidates_between(nlp, text, *names)}


@pytest.mark.slow
def test_fighting_in_a_war_is_taking_part_in_it(nlp: Any) -> None:
    text = "Le Canada a combattu pendant la Seconde Guerre mondiale aux côtés du Royaume-Uni."
    names = (("Canada", "place"), ("Seconde Guerre mondiale", "event"), ("Royaume-Uni", "place"))
    got = found(nlp, text, *names)
    assert ("Canada", "Seconde Guerre mondiale", "participates_in", None) in got


def _entity(key: int, name: str, etype: EntityType) -> Entity:
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
