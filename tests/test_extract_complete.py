"""Completeness: one entity holds every name the text gives one actor (texts written for these
tests from public facts, in our own words, the cases in tests/cases/entity_complete.toml), and
names of different actors stay apart."""

from __future__ import annotations

from typing import Any

import pytest

from casekit import rows
from docfactory import Extract
from filature.extract.named import apposition_names, bracket_names
from filature.models import Entity


def none_holding(entities: tuple[Entity, ...], *aliases: str) -> None:
    """No entity holds every one of ``aliases``: they name different actors."""
    assert not [e for e in entities if set(aliases) <= set(e.aliases)], aliases


def one_holding(entities: tuple[Entity, ...], *aliases: str) -> Entity:
    found = [e for e in entities if set(aliases) <= set(e.aliases)]
    seen = [(e.name, e.type, e.aliases) for e in entities if set(aliases) & set(e.aliases)]
    assert len(found) == 1, (aliases, seen)
    return found[0]


def names(text: str, before: str, *, apposition: bool = False) -> list[str]:
    after = text.index(before) + len(before)
    found = apposition_names(text, after) if apposition else bracket_names(text, after)
    return [text[n.start : n.end] for n in found]


@pytest.mark.parametrize(
    ("text", "joined", "apart"), rows("entity_complete.toml", "actor", "text", "joined", "apart")
)
def test_one_entity_holds_every_name_of_one_actor(
    extract: Extract, text: str, joined: list[dict[str, Any]], apart: list[list[str]]
) -> None:
    entities = extract(text).entities
    for want in joined:
        found = one_holding(entities, *want["aliases"])
        assert found.type == want.get("type", found.type), (found.name, found.type)
        assert found.name == want.get("name", found.name), found.name
        assert set(want.get("also", ())) <= set(found.aliases), found.aliases
    for group in apart:
        none_holding(entities, *group)


def test_labels_in_brackets_and_appositions_give_names() -> None:
    text = "La Bretagne (en breton : Breizh ou Bro ; en gallo : Bertaègn) est une région."
    assert names(text, "La Bretagne") == ["Breizh", "Bro", "Bertaègn"]
    text = "le Congrès national africain (en anglais : African National Congress, abrégé ANC)"
    assert names(text, "africain") == ["African National Congress", "ANC"]
    text = "du Comité international de la Croix-Rouge (ICRC, pour son sigle en anglais), qui"
    assert names(text, "Croix-Rouge") == ["ICRC"]
    text = "Le Paris Saint-Germain (en particulier, Kylian Mbappé) a gagné."
    assert names(text, "Saint-Germain") == []
    text = "Charles de Gaulle (1890-1970) a fondé la Ve République."
    assert names(text, "Gaulle") == []
    text = "Ilich Ramírez Sánchez, surnommé « Carlos », a été jugé à Paris en 1997."
    assert names(text, "Sánchez", apposition=True) == ["Carlos"]
    text = "La Compagnie générale d'électricité, rebaptisée Alcatel Alsthom en 1991, a grandi."
    assert names(text, "électricité", apposition=True) == ["Alcatel Alsthom"]
    text = "« Nous partirons demain », dit Jean Dupont à la presse."
    assert names(text, "demain »", apposition=True) == []


def test_an_acronym_long_form_starts_with_its_first_letter() -> None:
    from filature.extract.acronyms import find_definitions
    from filature.extract.lexicon import load_lexicon

    text = "Le rapport de la Ligue Française des Droits de l'Homme (LFDH) a été publié."
    found = [(d.acronym, d.long_form) for d in find_definitions(text, load_lexicon())]
    assert found == [("LFDH", "Ligue Française des Droits de l'Homme")]
