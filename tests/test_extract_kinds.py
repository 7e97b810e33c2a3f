"""A name NER leaves untyped (MISC) takes the type of the kind noun the text gives it: "la
capitale Tbilissi", "le prophète Élie", "une fillette nommée Léa", "la plus grande ville du
pays est Almaty".

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

import pytest

from docfactory import Extract

CASES = {
    "place_kind_nouns_type_untyped_names": (
        "La province du Kurdistan, qui possède pour capitale Sanandaj, compte des villages.\n\n"
        "La plus grande ville de la région est Kameshli, au bord de la frontière.\n",
        {"Sanandaj": "place", "Kameshli": "place"},
    ),
    "person_kind_nouns_type_untyped_names": (
        "Le califat s'étendit sur le territoire conquis par le prophète Muhammad en Arabie.\n\n"
        "Les enquêteurs ont entendu une adolescente de 15 ans nommée Sarah, amie du suspect.\n",
        {"Muhammad": "person", "Sarah": "person"},
    ),
    "organisation_noun_before_a_quoted_name": (
        'Le ministre a présenté un rapport sur le réseau "Eurojust" au Parlement.\n\n'
        "Les magistrats ont demandé le soutien d'Eurojust pour cette enquête.\n",
        {"Eurojust": "organization"},
    ),
    "compass_compounds_are_places": (
        "Les Mèdes conquièrent une grande partie du Moyen-Orient au VIIe siècle avant notre ère.\n",
        {"Moyen-Orient": "place"},
    ),
    "a_community_of_states_is_an_organisation": (
        "Le programme de lutte contre la drogue est financé par la Communauté pendant trois ans.\n",
        {"Communauté": "organization"},
    ),
    "a_common_noun_listed_between_places_is_a_place": (
        "Après l'ouragan, les stations de radio situées à Grand-Anse, Sud et Nippes sont "
        "en cours de réparation.\n",
        {"Sud": "place"},
    ),
    "a_name_given_in_another_language_takes_the_named_actors_type": (
        "En Irak, le Kurdistan irakien (en kurde : Heremê Kurdistanê) a son propre parlement "
        "depuis 1992. Sa capitale est Erbil.\n\n"
        "Le Kurdistan compte plusieurs millions d'habitants.\n",
        {"Heremê Kurdistanê": "place"},
    ),
}


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_kind_nouns_type_untyped_names(
    extract: Extract, text: str, expected: dict[str, str]
) -> None:
    typed = {e.name: e.type for e in extract(text).entities}
    assert {name: typed.get(name) for name in expected} == expected
