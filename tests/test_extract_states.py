"""States as actors (issue 13): a capital that signs for its state, agreements stated by a noun
("un accord entre A et B"), and a person who acts getting the act.

Every sentence here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

from docfactory import Extract
from filature.models import Extraction

Stated = tuple[str, str, str]


def stated(extraction: Extraction) -> set[Stated]:
    """(source, type, target) of every relation the text states (no co-occurrence)."""
    keys = {e.key: e.name for e in extraction.entities}
    return {
        (keys[r.source_key], r.type, keys[r.target_key])
        for r in extraction.relations
        if r.type != "mentioned_with"
    }


def parties(relations: set[tuple[str, str, str]]) -> set[frozenset[str]]:
    """The two parties of each ``agreement_with`` relation, in either order."""
    return {frozenset((s, t)) for s, kind, t in relations if kind == "agreement_with"}


def test_a_capital_that_signs_stands_for_its_state(extract: Extract) -> None:
    text = (
        "La Chine et le Brésil coopèrent depuis longtemps. En 2019, Pékin a signé un accord "
        "avec Brasilia sur le commerce du soja. La Chine a ratifié le texte en 2020.\n"
    )
    extraction = extract(text)
    relations = stated(extraction)
    assert frozenset(("Chine", "Brésil")) in parties(relations), relations
    china = next(e for e in extraction.entities if e.name == "Chine")
    assert "Pékin" in china.aliases or any(e.name == "Pékin" for e in extraction.entities)


def test_an_agreement_between_two_states_stated_by_a_noun(extract: Extract) -> None:
    text = "Un accord entre le Mexique et le Canada a été conclu en 1994 sur la pêche.\n"
    relations = stated(extract(text))
    assert parties(relations) == {frozenset(("Mexique", "Canada"))}


def test_a_capital_is_its_state_only_in_a_state_act(extract: Extract) -> None:
    text = (
        "Le Japon et le Kenya ont ouvert des négociations. Tokyo a conclu un accord avec "
        "Nairobi en 2021. La conférence sur le climat s'est tenue à Nairobi en 2022. Moscou a "
        "signé un accord avec Hanoï.\n"
    )
    extraction = extract(text)
    relations = stated(extraction)
    agreements = parties(relations)
    assert frozenset(("Japon", "Kenya")) in agreements, relations
    # no state named: the capitals stay the parties, as written
    assert frozenset(("Moscou", "Hanoï")) in agreements, relations
    # a place where something happens is the city itself
    assert not any(t in {"Kenya", "Japon"} for _, kind, t in relations if kind == "located_in")
    assert {"Tokyo", "Nairobi"} <= {e.name for e in extraction.entities}


def test_no_agreement_between_two_states_is_no_relation(extract: Extract) -> None:
    text = "Aucun accord entre le Mexique et le Canada n'a été conclu sur la pêche en 1994.\n"
    relations = stated(extract(text))
    assert not any(kind == "agreement_with" for _, kind, _ in relations), relations


def test_a_person_who_acts_gets_the_act(extract: Extract) -> None:
    text = (
        "Le président Lula a signé un accord avec l'Argentine en 2023. Lula a rencontré le "
        "président argentin à Buenos Aires. Lula a inauguré le Sommet de Belém en 2025.\n"
    )
    relations = stated(extract(text))
    assert ("Lula", "agreement_with", "Argentine") in relations
    assert ("Lula", "participates_in", "Sommet de Belém") in relations
