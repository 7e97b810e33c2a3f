"""Organisations kept and actors typed by their context (``extract/cues.py``): a body's short
name after a definite article, an organisation noun governing a name, a title in apposition,
"à + name" of place, and one type per name in a document, with the occurrences NER missed.

Every document here is written for the test from public facts, in our own words; the names
typed by their context alone are cases in tests/cases/entity_orgs.toml.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casekit import rows
from docfactory import Extract, write_documents
from filature.models import Entity

EntitiesIn = Callable[[str], dict[str, Entity]]


@pytest.fixture()
def entities_in(extract: Extract) -> EntitiesIn:
    """The entities of a one-document corpus of the given text, by name."""
    return lambda text: {e.name: e for e in extract(text).entities}


@pytest.mark.parametrize(("text", "types"), rows("entity_orgs.toml", "typed", "text", "types"))
def test_names_are_typed_by_their_context(
    entities_in: EntitiesIn, text: str, types: dict[str, str]
) -> None:
    entities = entities_in(text)
    assert {name: entities[name].type for name in types} == types


def test_a_bodys_short_name_after_a_definite_article_is_kept(entities_in: EntitiesIn) -> None:
    entities = entities_in(
        "Le Parlement européen a adopté le texte en première lecture. Le Conseil a ensuite "
        "approuvé la proposition de la Commission européenne. La Commission a salué le vote "
        "du Conseil.\n"
    )
    assert entities["Conseil"].type == "organization"
    assert len(entities["Conseil"].mentions) == 2
    commission = entities["Commission européenne"]
    assert "Commission" in commission.aliases and len(commission.mentions) == 2


def test_an_organisation_noun_types_the_name_for_the_whole_document(
    entities_in: EntitiesIn,
) -> None:
    entities = entities_in(
        "L'unité Sirius a été créée en 2004. Les experts de Sirius aident les enquêteurs. "
        "Sirius publie un rapport annuel.\n\n"
        "La station de radio Kiskeya émet depuis Port-au-Prince. Les journalistes de Kiskeya "
        "ont couvert le séisme.\n"
    )
    assert entities["Sirius"].type == "organization"
    assert len(entities["Sirius"].mentions) == 3  # the two NER missed are found by name
    assert entities["Kiskeya"].type == "organization"
    assert entities["Port-au-Prince"].type == "place"


def test_the_name_after_an_organisation_head_is_that_organisation(entities_in: EntitiesIn) -> None:
    entities = entities_in(
        "Le Front al-Chabab contrôle le sud de la Somalie. Les frappes contre al-Chabab se "
        "sont multipliées à Mogadiscio.\n"
    )
    assert not any(e.type == "person" for e in entities.values()), entities
    assert any(n.casefold() == "al-chabab" for n, e in entities.items() if e.type == "organization")


def test_a_fund_and_names_ending_before_a_qualifier(entities_in: EntitiesIn) -> None:
    entities = entities_in(
        "Le Fonds monétaire international a prêté des fonds à la Grèce en 2010.\n\n"
        "La procédure suit l'avis du Conseil d'Etat telle qu'elle a été fixée en 1990.\n\n"
        "Europol, agence de l'Union européenne dotée de la personnalité juridique, siège à "
        "La Haye.\n"
    )
    assert entities["Fonds monétaire international"].type == "organization"
    assert "Conseil d'Etat" in entities
    assert "Union européenne" in entities
    assert not any(name.endswith(("telle", "dotée")) for name in entities)


def test_a_surname_ner_took_for_a_place_is_a_persons(entities_in: EntitiesIn) -> None:
    entities = entities_in(
        "Le secrétaire général du Hezbollah, Abbas al-Moussaoui, fut tué en 1992. À la tête "
        "du mouvement, al-Moussaoui avait durci la ligne. Selon al-Moussaoui, Israël devait "
        "partir.\n"
    )
    assert all(e.type == "person" for n, e in entities.items() if "Moussaoui" in n), entities
    assert entities["Israël"].type == "place"


def test_a_participle_of_the_name_stays_in_it(entities_in: EntitiesIn) -> None:
    entities = entities_in(
        "Le président a parlé au Sommet de la paix des Nations unies de 2015 ; il a salué "
        "l'Organisation des Nations unies.\n"
    )
    assert not any(name.endswith("des Nations") for name in entities), entities


def test_a_persons_surname_keeps_its_type_beside_a_namesake_organisation(
    nlp: Any, tmp_path: Path
) -> None:
    from filature.extract.analyze import analyze_document

    (document,) = write_documents(
        tmp_path,
        {
            "doc.txt": "L'association Mandela soutient des écoles. Nelson Mandela a présidé "
            "l'Afrique du Sud. Mandela a reçu le prix Nobel en 1993.\n"
        },
    )
    mentions = analyze_document(document, nlp).mentions
    types = [(m.surface, m.type) for m in mentions if "Mandela" in m.surface]
    assert types == [
        ("Mandela", "organization"),
        ("Nelson Mandela", "person"),
        ("Mandela", "person"),
    ]
