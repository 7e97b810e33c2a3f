"""Entity typing and noise (issue 13): a name's shape and head noun say its kind better than
the NER label, and words that are no actor's name are not kept as entities.

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docfactory import Extract, write_documents
from filature.extract.run import extract_all

TypesIn = Callable[[str], dict[str, str]]


@pytest.fixture()
def types_in(extract: Extract) -> TypesIn:
    """The type of each entity's aliases in a one-document corpus of the given text."""
    return lambda text: {alias: e.type for e in extract(text).entities for alias in e.aliases}


def test_a_name_headed_by_a_unit_noun_is_an_organisation(types_in: TypesIn) -> None:
    typed = types_in(
        "Au Rojava, les Unités de protection du peuple ont repris Kobané en janvier 2015.\n"
    )
    assert typed.get("Unités de protection du peuple") == "organization"
    assert typed.get("Rojava") == "place"


def test_dynasties_named_in_the_plural_are_polities(types_in: TypesIn) -> None:
    typed = types_in(
        "Le califat des Omeyyades fut renversé en 750 par les Abbassides, qui fondèrent "
        "Bagdad.\n\n"
        "L'Égypte fut gouvernée par les Fatimides, puis par les Ayyoubides de Saladin.\n\n"
        "Les Kurdes vivent dans les montagnes du Zagros depuis l'Antiquité.\n"
    )
    for dynasty in ("Abbassides", "Fatimides", "Ayyoubides"):
        assert typed.get(dynasty) == "place", dynasty
    assert "Kurdes" not in typed  # a people, not a polity


def test_a_city_and_a_roman_numeral_name_an_instrument(types_in: TypesIn) -> None:
    typed = types_in(
        "La Commission a déposé un texte sur les jugements en matière civile (Bruxelles I) et "
        "un autre sur le divorce et la garde des enfants (Bruxelles II).\n\n"
        "Le sommet s'est tenu à Bruxelles en décembre.\n"
    )
    assert typed.get("Bruxelles I") == "agreement"
    assert typed.get("Bruxelles II") == "agreement"
    assert typed.get("Bruxelles") == "place"


def test_an_acronym_defined_as_a_kind_of_thing_is_no_actor(types_in: TypesIn) -> None:
    typed = types_in(
        "Plusieurs organisations non gouvernementales (ONG) ont critiqué le projet de barrage.\n\n"
        "Selon Amnesty International, les ONGs locales n'ont pas été consultées.\n\n"
        "Le Haut-Commissariat des Nations unies pour les réfugiés (HCR) a ouvert un bureau.\n"
    )
    assert "ONG" not in typed
    assert "ONGs" not in typed
    assert "organisations non gouvernementales" not in typed
    assert typed.get("HCR") == "organization"
    assert typed.get("Amnesty International") == "organization"


def test_a_finite_verb_after_a_name_is_not_part_of_it(types_in: TypesIn) -> None:
    typed = types_in(
        "La Convention relative aux droits des personnes handicapées contient cinquante articles.\n"
    )
    names = set(typed)
    assert "Convention relative aux droits des personnes handicapées" in names
    assert not any(n.endswith("contient") for n in names)


def test_an_adjunct_of_place_ends_a_name(types_in: TypesIn) -> None:
    typed = types_in(
        "L'Union européenne a signé un accord commercial avec le Japon en 2018.\n\n"
        "Ces accords renforcent le poids de l'Union dans le monde et dans la vie des "
        "citoyens.\n"
    )
    assert not any(" dans " in n for n in typed)
    assert typed.get("Union européenne") == "organization"


def test_enumeration_adverbs_and_headings_are_not_people(types_in: TypesIn) -> None:
    typed = types_in(
        "Le rapporteur Jean Dupont a présenté trois priorités au Parlement.\n\n"
        "Primo, la création d'un parquet commun. Secundo, un budget voté chaque année.\n\n"
        "Religion\n\n"
        "La majorité des habitants de la région sont musulmans sunnites.\n"
    )
    assert "Primo" not in typed
    assert "Secundo" not in typed
    assert "Religion" not in typed
    assert typed.get("Jean Dupont") == "person"


def test_common_words_written_as_names_are_not_actors(types_in: TypesIn) -> None:
    typed = types_in(
        "R É P U B L I Q U E   F R A N Ç A I S E\n\n"
        "Mesdames et Messieurs les Députés, la sécurité de la Nation est en jeu.\n\n"
        "Le traité de Westphalie mit fin à la guerre entre les deux Empires en 1648.\n\n"
        "Nous voulons une Union élargie et notre Union commune doit rester ouverte.\n\n"
        "Une fillette, Tanzanien par son père, vit à Dodoma.\n\n"
        "Beaucoup de Kurdes vivent à Erbil, où 5 000 Kurdes ont manifesté. Les villages "
        "kurdes sont nombreux.\n\n"
        "La Cour d'appel de Lyon a rendu son arrêt, RG 21/04512, le 3 mai 2022.\n"
    )
    for noise in ("R É P", "Députés", "Nation", "Empires", "Union élargie", "Union commune"):
        assert noise not in typed, noise
    for noise in ("Tanzanien", "Kurdes", "RG"):
        assert noise not in typed, noise
    assert typed.get("Erbil") == "place"
    assert typed.get("Cour d'appel de Lyon") == "organization"


def test_an_acronym_after_an_article_number_is_the_instrument(types_in: TypesIn) -> None:
    typed = types_in(
        "La coopération policière relève du titre VI (article 29 TUE) et la Commission "
        "propose de la renforcer avec Europol.\n"
    )
    assert typed.get("TUE") == "agreement"
    assert typed.get("Europol") == "organization"


def test_titles_and_words_in_capitals_are_not_actors(types_in: TypesIn) -> None:
    typed = types_in(
        "Le Catholicos-Patriarche a reçu le métropolite de Beyrouth à Erbil.\n\n"
        "Les chrétiens kurdes et les musulmans kurdes vivent ensemble à Dohuk.\n\n"
        "Références\n\n"
        "KURDES, une histoire par Jean Martin, sur histoire.fr (consulté le 2 mai 2019).\n"
    )
    assert "Catholicos-Patriarche" not in typed
    assert "KURDES" not in typed
    assert typed.get("Erbil") == "place"
    assert typed.get("Jean Martin") == "person"


def test_a_nationality_added_to_a_name_is_not_its_display(nlp: Any, tmp_path: Path) -> None:
    documents = write_documents(
        tmp_path,
        {
            "doc.txt": "Les Unités de protection du peuple syriennes (abrégé YPG) ont pris "
            "Manbij en 2016.\n\n"
            "Les Unités de protection du peuple ont ensuite avancé vers Raqqa.\n"
        },
    )
    entities = extract_all(documents, nlp=nlp).entities
    unit = next(e for e in entities if "Unités de protection du peuple" in e.aliases)
    assert unit.name == "Unités de protection du peuple"
    assert unit.type == "organization"
