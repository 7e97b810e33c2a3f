"""A name NER leaves untyped (MISC) takes the type of the kind noun the text gives it: "la
capitale Tbilissi", "le prophète Élie", "une fillette nommée Léa", "la plus grande ville du
pays est Almaty".

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docfactory import write_documents
from filature.extract.run import extract_all


def _typed(nlp: Any, folder: Path, text: str) -> dict[str, str]:
    documents = write_documents(folder, {"doc.txt": text})
    return {e.name: e.type for e in extract_all(documents, nlp=nlp).entities}


def test_place_kind_nouns_type_untyped_names(nlp: Any, tmp_path: Path) -> None:
    typed = _typed(
        nlp,
        tmp_path,
        "La province du Kurdistan, qui possède pour capitale Sanandaj, compte des villages.\n\n"
        "La plus grande ville de la région est Kameshli, au bord de la frontière.\n",
    )
    assert typed.get("Sanandaj") == "place"
    assert typed.get("Kameshli") == "place"


def test_person_kind_nouns_type_untyped_names(nlp: Any, tmp_path: Path) -> None:
    typed = _typed(
        nlp,
        tmp_path,
        "Le califat s'étendit sur le territoire conquis par le prophète Muhammad en Arabie.\n\n"
        "Les enquêteurs ont entendu une adolescente de 15 ans nommée Sarah, amie du suspect.\n",
    )
    assert typed.get("Muhammad") == "person"
    assert typed.get("Sarah") == "person"


def test_organisation_noun_before_a_quoted_name(nlp: Any, tmp_path: Path) -> None:
    typed = _typed(
        nlp,
        tmp_path,
        'Le ministre a présenté un rapport sur le réseau "Eurojust" au Parlement.\n\n'
        "Les magistrats ont demandé le soutien d'Eurojust pour cette enquête.\n",
    )
    assert typed.get("Eurojust") == "organization"


def test_compass_compounds_are_places(nlp: Any, tmp_path: Path) -> None:
    typed = _typed(
        nlp,
        tmp_path,
        "Les Mèdes conquièrent une grande partie du Moyen-Orient au VIIe siècle avant notre ère.\n",
    )
    assert typed.get("Moyen-Orient") == "place"


def test_a_community_of_states_is_an_organisation(nlp: Any, tmp_path: Path) -> None:
    typed = _typed(
        nlp,
        tmp_path,
        "Le programme de lutte contre la drogue est financé par la Communauté pendant trois ans.\n",
    )
    assert typed.get("Communauté") == "organization"


def test_a_common_noun_listed_between_places_is_a_place(nlp: Any, tmp_path: Path) -> None:
    typed = _typed(
        nlp,
        tmp_path,
        "Après l'ouragan, les stations de radio situées à Grand-Anse, Sud et Nippes sont "
        "en cours de réparation.\n",
    )
    assert typed.get("Sud") == "place"


def test_a_name_given_in_another_language_takes_the_named_actors_type(
    nlp: Any, tmp_path: Path
) -> None:
    typed = _typed(
        nlp,
        tmp_path,
        "En Irak, le Kurdistan irakien (en kurde : Heremê Kurdistanê) a son propre parlement "
        "depuis 1992. Sa capitale est Erbil.\n\n"
        "Le Kurdistan compte plusieurs millions d'habitants.\n",
    )
    assert typed.get("Heremê Kurdistanê") == "place"
