"""Noise from formal prose (issue 13): letterheads, contact labels, honours, generic legal
subjects, section labels, names cut at a line end, and real names given the wrong type.

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

import pytest

from docfactory import Extract
from filature.extract.lexicon import load_lexicon
from filature.extract.noise import noise_rule
from filature.models import Entity


def names(entities: tuple[Entity, ...]) -> set[str]:
    return {alias for e in entities for alias in e.aliases}


LETTERHEAD = (
    "Ambassade de France au Japon\n"
    "Adresse : 4-11-44 Minami-Azabu, Tokyo\n"
    "Téléphone : +81 3 5798 6000\n"
    "Fax : +81 3 5798 6328\n"
    "Courriel : contact@example.org\n\n"
    "L'ambassade a reçu une délégation de la Croix-Rouge.\n"
)


def test_contact_labels_are_not_actors(extract: Extract) -> None:
    found = names(extract(LETTERHEAD).entities)
    assert not found & {"Adresse", "Téléphone", "Fax", "Courriel"}, found
    assert {"Ambassade de France", "Tokyo"} <= found


TREATY = (
    "Article 3\n\n"
    "Les Parties s'engagent à coopérer. L'État requérant transmet la demande à l'État requis. "
    "La Partie requise répond dans un délai de trente jours.\n\n"
    "Section II\n\n"
    "Chapitre IV : Dispositions finales\n\n"
    "Le Portugal et l'Autriche ont signé la présente convention.\n"
)


def test_generic_legal_subjects_and_section_labels_are_not_actors(extract: Extract) -> None:
    entities = extract(TREATY).entities
    found = names(entities)
    assert not any(
        word in alias
        for alias in found
        for word in ("Partie", "Article", "Section", "Chapitre", "requérant", "requis")
    ), found
    places = {e.name for e in entities if e.type == "place"}
    assert {"Portugal", "Autriche"} <= places


def test_honours_written_before_a_name_are_not_part_of_it(extract: Extract) -> None:
    text = (
        "Commandeur de la Légion d'honneur Paul Lemoine, ancien préfet, a été reçu à l'Élysée. "
        "Paul Lemoine a remercié le président.\n"
    )
    entities = extract(text).entities
    people = [e for e in entities if e.type == "person"]
    assert [e.name for e in people] == ["Paul Lemoine"]
    assert not any("Commandeur" in alias for alias in names(entities))


def test_a_name_cut_at_a_line_end_is_read_whole(extract: Extract) -> None:
    text = (
        "L'accord a été conclu entre le Gouvernement de la République française et le "
        "Gouvernement de la République\ntchèque à Prague en 2004.\n"
    )
    found = names(extract(text).entities)
    assert "Gouvernement de la République tchèque" in found
    assert "Gouvernement de la République" not in found


def test_a_state_is_a_place_and_a_minister_a_person(extract: Extract) -> None:
    text = (
        "Le Danemark a signé le traité. Selon le Danemark, la mesure est urgente.\n\n"
        "Le ministre Lars Løkke Rasmussen a signé le texte au nom du Danemark. Rasmussen a "
        "ensuite quitté Copenhague.\n"
    )
    types = {e.name: e.type for e in extract(text).entities}
    assert types.get("Danemark") == "place"
    assert types.get("Copenhague") == "place"
    assert types.get("Lars Løkke Rasmussen") == "person"


def test_a_plural_common_noun_opening_a_heading_is_not_a_name(extract: Extract) -> None:
    text = (
        "Critiques\n\nLe texte a été critiqué par Amnesty International.\n\n"
        "Seychelles : le gouvernement a ratifié la convention.\n"
    )
    typed = {(e.type, e.name) for e in extract(text).entities}
    assert not any(name == "Critiques" for _, name in typed), typed
    assert ("organization", "Amnesty International") in typed
    assert ("place", "Seychelles") in typed


def test_an_agreement_of_a_plural_common_noun_is_no_agreement(extract: Extract) -> None:
    text = (
        "Donateur\tObjet\tMontant\n\nFondation Delta\n\nAccord de \nVersements \n"
        "complémentaires\n\nEUR 40 000\n\n"
        "L'Accord de Paris a été signé en 2015, avant que la COVID ne ralentisse les travaux.\n"
    )
    typed = {(e.type, e.name) for e in extract(text).entities}
    assert ("agreement", "Accord de Paris") in typed
    assert not any("Versements" in name or name == "COVID" for _, name in typed), typed


@pytest.mark.parametrize(
    "name", ["Livre Blanc", "Chapitre Vert", "Partie Civile Unie", "Suisse", "Interpol"]
)
def test_labels_followed_by_a_word_and_states_stay_names(name: str) -> None:
    assert noise_rule(name, load_lexicon()) is None


SIGNED = (
    "Le ministre Jean-Paul Mercier a présenté le rapport au Parlement. Jean-Paul Mercier a "
    "répondu aux questions.\n\n"
    "Fait à Paris, le 3 mars 2020.\n\n"
    "Signé : J.-P. MERCIER\n"
)


def test_an_abbreviated_signature_is_the_person_named_in_full(extract: Extract) -> None:
    people = [e for e in extract(SIGNED).entities if e.type == "person"]
    assert len(people) == 1
    assert {"Jean-Paul Mercier", "J.-P. MERCIER"} <= set(people[0].aliases)
