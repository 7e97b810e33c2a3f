"""Named events and agreements: a head noun ("guerre", "bataille", "traité", "charte"...) names
one only with a complement that says which; battles name their place, wars named after their
sides have them as participants, and a meeting named after its city is an event.

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

from docfactory import Extract
from filature.models import Extraction


def _typed(extraction: Extraction, etype: str) -> set[str]:
    names: set[str] = set()
    for e in extraction.entities:
        if e.type == etype:
            names |= {e.name.lower(), *(a.lower() for a in e.aliases)}
    return names


def _relations(extraction: Extraction) -> set[tuple[str, str, str]]:
    names = {e.key: e.name.lower() for e in extraction.entities}
    return {(names[r.source_key], r.type, names[r.target_key]) for r in extraction.relations}


HISTORY = (
    "En 1916, la bataille de Verdun oppose longuement les armées française et allemande. "
    "La Seconde Guerre mondiale commence en 1939.\n\n"
    "Après 1947, la Guerre froide divise l'Europe. La guerre civile espagnole avait éclaté en "
    "1936.\n\n"
    "L'ouragan Katrina a dévasté la Louisiane en 2005. Les attentats du 11 septembre 2001 ont "
    "frappé New York.\n\n"
    "Chaque année, l'Organisation mondiale de la santé célèbre la Journée mondiale de la santé "
    "le 7 avril.\n"
)

AGREEMENTS = (
    "Le protocole de Kyoto a été adopté en 1997. Le traité de paix de Versailles a été signé "
    "en 1919 par l'Allemagne.\n\n"
    "En 1939, le pacte Molotov-Ribbentrop lie l'Allemagne et l'Union soviétique. Après la "
    "guerre, les accords de Camp David rapprochent l'Égypte et Israël.\n\n"
    "Un autre traité, celui de Trianon, fixe en 1920 les frontières de la Hongrie.\n\n"
    "L'Assemblée générale adopte en 1948 la Déclaration universelle des droits de l'homme. "
    "Le Conseil a ensuite examiné le plan d'action de 2005. La France applique la Convention "
    "relative au statut des réfugiés.\n"
)


def test_events_named_by_their_complement(extract: Extract) -> None:
    events = _typed(extract(HISTORY), "event")
    for name in (
        "bataille de verdun",  # a place after "de"
        "seconde guerre mondiale",  # an ordinal opener and its own capital
        "guerre froide",  # its own capital inside a sentence
        "guerre civile espagnole",  # a nationality adjective
        "ouragan katrina",  # a proper name right after the head
        "attentats du 11 septembre 2001",  # a date
        "journée mondiale de la santé",  # a capitalised commemoration and its subject
    ):
        assert name in events, (name, sorted(events))


def test_agreements_named_by_their_complement(extract: Extract) -> None:
    agreements = _typed(extract(AGREEMENTS), "agreement")
    for name in (
        "protocole de kyoto",
        "traité de paix de versailles",  # "de" + common noun + "de" + place
        "pacte molotov-ribbentrop",  # the negotiators' names after the head
        "accords de camp david",  # a place of two words
        "déclaration universelle des droits de l'homme",
        "plan d'action de 2005",  # a date
        "trianon",  # "un autre traité, celui de Trianon"
        "convention relative au statut des réfugiés",  # an adjective opening its subject
    ):
        assert name in agreements, (name, sorted(agreements))


def test_a_head_alone_or_with_a_party_names_nothing(extract: Extract) -> None:
    extraction = extract(
        "La guerre a repris au printemps. Un accord a été trouvé entre les syndicats et la "
        "direction.\n\n"
        "L'accord du Gouvernement reste nécessaire, sous réserve de l'accord des Etats "
        "concernés. Les traités signés depuis 1990 sont étudiés, la Guerre aussi.\n"
    )
    named = _typed(extraction, "event") | _typed(extraction, "agreement")
    assert not named, sorted(named)


def test_a_battle_names_its_place_and_is_located_there(extract: Extract) -> None:
    extraction = extract(
        "En 1815, la bataille de Waterloo met fin aux ambitions de Napoléon. La bataille de "
        "Waterloo reste célèbre dans toute l'Europe.\n"
    )
    assert "waterloo" in _typed(extraction, "place")
    assert ("bataille de waterloo", "located_in", "waterloo") in _relations(extraction)


def test_a_war_named_after_its_sides_has_them_as_participants(extract: Extract) -> None:
    extraction = extract(
        "L'Érythrée a obtenu son indépendance en 1993. L'Éthiopie a contesté sa frontière.\n\n"
        "La guerre Érythrée-Éthiopie a duré de 1998 à 2000.\n"
    )
    relations = _relations(extraction)
    assert ("érythrée", "participates_in", "guerre érythrée-éthiopie") in relations
    assert ("éthiopie", "participates_in", "guerre érythrée-éthiopie") in relations


def test_a_meeting_named_after_its_city_is_an_event(extract: Extract) -> None:
    extraction = extract(
        "Le Conseil européen de Copenhague a fixé en 1993 les critères d'adhésion. Le Conseil "
        "européen réunit les chefs d'État ou de gouvernement.\n"
    )
    assert "conseil européen de copenhague" in _typed(extraction, "event")
    assert "conseil européen de copenhague" not in _typed(extraction, "organization")
