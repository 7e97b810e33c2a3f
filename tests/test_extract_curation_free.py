"""Names the seed curation file used to join by hand, joined by general rules (issue 13): a
state's ISO alpha-3 code and the initials of its formal names, written in capitals, are that
state's names.

Every sentence here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

import pytest

from docfactory import Extract
from filature.extract.countries import load_countries
from filature.models import Entity, Extraction


def holding(extraction: Extraction, alias: str) -> Entity:
    """The entity holding ``alias``."""
    return next(e for e in extraction.entities if alias in e.aliases or e.name == alias)


JOINED = {
    "an ISO code in capitals names its state": (
        "Les États-Unis ont renforcé leurs contrôles aux frontières en 2002. Les autorités "
        "des USA ont ensuite signé plusieurs accords de coopération judiciaire.\n",
        "USA",
        "États-Unis",
    ),
    "the initials of a formal name name the state": (
        "La Chine a accueilli les Jeux olympiques en 2008. La RPC a aussi ouvert de "
        "nouvelles lignes ferroviaires vers le Laos. Le ministre du Commerce de la RPC s'est "
        "rendu à Vientiane.\n",
        "RPC",
        "Chine",
    ),
    "a long form without its head joins the undefined acronym": (
        "Le Conseil de sécurité de l'Organisation des Nations unies siège à New York. Les "
        "Nations unies ont envoyé une mission au Mali en 2013. L'ONU a prolongé cette mission "
        "en 2014.\n",
        "Nations unies",
        "ONU",
    ),
}


@pytest.mark.parametrize(("text", "alias", "name"), JOINED.values(), ids=JOINED.keys())
def test_an_alias_joins_the_entity_it_names(
    extract: Extract, text: str, alias: str, name: str
) -> None:
    extraction = extract(text)
    assert holding(extraction, alias) is holding(extraction, name)


def test_codes_name_states_only_in_capitals_and_only_unambiguously() -> None:
    countries = load_countries()
    assert countries.state_of_code("USA") == "États-Unis"
    assert countries.state_of_code("RDC") == countries.state_of("République démocratique du Congo")
    assert countries.state_of_code("PRC") == "Chine"
    assert countries.state_of_code("Usa") is None
    assert countries.state_of_code("rpc") is None
    assert countries.state_of_code("ATF") is None  # a dependent territory is no state


def test_a_name_is_no_headless_long_form_unless_the_text_writes_the_whole(
    extract: Extract,
) -> None:
    text = (
        "Les Nations unies ont envoyé une mission au Mali en 2013. L'ONU a prolongé cette "
        "mission en 2014.\n"
    )
    extraction = extract(text)
    assert holding(extraction, "Nations unies") is not holding(extraction, "ONU")


def test_a_capital_e_gets_its_accent_back_when_the_corpus_writes_it(extract: Extract) -> None:
    text = (
        "L'Ecole nationale de la magistrature forme les juges à Bordeaux. L'École nationale "
        "des ponts et chaussées forme des ingénieurs.\n"
    )
    names = {e.name for e in extract(text).entities}
    assert "École nationale de la magistrature" in names, names


def test_a_capital_e_stays_when_the_corpus_never_writes_the_accent(extract: Extract) -> None:
    text = "L'Ecole nationale de la magistrature forme les juges à Bordeaux.\n"
    names = {e.name for e in extract(text).entities}
    assert "Ecole nationale de la magistrature" in names, names
