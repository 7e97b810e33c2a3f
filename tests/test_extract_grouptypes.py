"""Wrong types on unseen text: a people named in the plural kept as a place or a person, an
armed group or a town typed by the letters of its name instead of what the text says it is,
the short name of an agreement taken for an organisation or a person, a dotted acronym, a
polity listed among dynasties.

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

import pytest

from docfactory import Extract

CASES = {
    "peoples_in_the_plural_are_not_places_or_persons": (
        "Au XVe siècle, les Aztèques dominent le centre du Mexique. Plus au sud, les Incas "
        "bâtissent un grand empire.\n\n"
        "Pendant la guerre civile, les Tutsis sont persécutés par les milices. Les Mèdes "
        "conquièrent la Mésopotamie.\n",
        {
            "Mexique": "place",
            "Mésopotamie": "place",
            "Aztèques": None,
            "Incas": None,
            "Tutsis": None,
            "Mèdes": None,
        },
    ),
    "places_named_in_the_plural_stay_places": (
        "Les Comores et les Seychelles sont des archipels de l'océan Indien. Le projet finance "
        "des écoles dans les Ardennes.\n",
        {"Comores": "place", "Seychelles": "place", "Ardennes": "place"},
    ),
    "a_name_given_to_armed_forces_is_an_organisation": (
        "Pendant la guerre, les forces armées kurdes d'Irak (appelées Peshmerga) combattent "
        "les djihadistes.\n",
        {"Irak": "place", "Peshmerga": "organization"},
    ),
    "a_name_given_to_fighters_in_the_plural_is_their_group": (
        "Au Nigeria, les rebelles du nord-est (appelés Boko Haram) enlèvent des lycéennes à "
        "Chibok en 2014.\n",
        {"Nigeria": "place", "Chibok": "place", "Boko Haram": "organization"},
    ),
    "a_name_in_another_language_takes_the_kind_it_names": (
        "Le siège de la ville de Sarajevo dure près de quatre ans. La ville voisine (en serbe : "
        "Pale) abrite les chefs serbes.\n",
        {"Sarajevo": "place", "Pale": "place"},
    ),
    "the_place_an_agreement_is_named_after_is_its_short_name": (
        "Les ministres ont salué la signature de l'accord de Schengen en 1985. L'intégration de "
        "Schengen dans le droit de l'Union a été décidée à Amsterdam.\n\n"
        "L'arrangement de Wassenaar contrôle les exportations d'armes depuis 1996. Wassenaar a "
        "été élargi aux logiciels d'intrusion.\n",
        {"Schengen": "agreement", "Wassenaar": "agreement", "Amsterdam": "place"},
    ),
    "a_place_an_agreement_is_named_after_stays_a_place_where_it_is_one": (
        "Le traité de Maastricht crée l'Union européenne en 1992. Les chefs d'État se sont "
        "réunis à Maastricht en décembre 1991.\n",
        {"Maastricht": "place"},
    ),
    "an_acronym_written_with_dots_is_defined_by_its_long_form": (
        "Historique de la Convention internationale des droits de l'enfant (C.I.D.E.), publié "
        "par une association.\n\n"
        "La CIDE a été adoptée en 1989 par l'Assemblée générale des Nations unies.\n",
        {
            "C.i.d.e": None,
            "CIDE": None,
            "Convention internationale des droits de l'enfant": "agreement",
        },
    ),
    "a_plural_name_listed_with_dynasties_is_a_polity": (
        "Au XIe siècle, la région est partagée entre trois principautés : les Chaddadites, les "
        "Hassanwahides et les Merwanides. Les Abbassides règnent à Bagdad.\n",
        {"Chaddadites": "place", "Hassanwahides": "place", "Bagdad": "place"},
    ),
}


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_what_the_text_says_a_name_is_types_it(
    extract: Extract, text: str, expected: dict[str, str | None]
) -> None:
    typed = {e.name: e.type for e in extract(text).entities}
    assert {name: typed.get(name) for name in expected} == expected
