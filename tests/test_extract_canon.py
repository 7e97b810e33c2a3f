"""Entity types, canonical names and merges on texts written for these tests (public facts, own
words): states under all their names, nationality-distinct ministries, institutions named by a
lowercase head."""

from __future__ import annotations

from docfactory import Extract
from filature.extract.countries import load_countries
from filature.models import Entity


def holding(entities: tuple[Entity, ...], alias: str) -> Entity:
    found = [e for e in entities if alias in e.aliases]
    assert len(found) == 1, (alias, [(e.name, e.aliases) for e in entities])
    return found[0]


def test_world_knowledge_names_every_state_form() -> None:
    countries = load_countries()
    assert countries.state_of("Royaume d'Espagne") == "Espagne"
    assert countries.state_of("République populaire de Chine") == "Chine"
    assert countries.state_of("Gouvernement de la République italienne") == "Italie"
    assert countries.state_of("État français") == "France"
    assert countries.state_of("Fédération de Russie") == "Russie"
    assert countries.state_of("État membre") is None
    assert countries.state_of("Gouvernement de la République") is None


def test_state_short_formal_and_government_forms_are_one_place(extract: Extract) -> None:
    text = (
        "Le Royaume d'Espagne a signé la convention à Madrid en 2005.\n\n"
        "L'Espagne a ensuite ratifié le texte. Le gouvernement espagnol a publié un décret.\n\n"
        "La République italienne a ratifié la même convention en 2007. L'Italie l'applique "
        "depuis, et l'État italien a désigné une autorité centrale.\n\n"
        "La République populaire de Chine n'a pas signé ce texte, et la Chine l'a dit.\n"
    )
    entities = extract(text).entities
    spain = holding(entities, "Royaume d'Espagne")
    assert (spain.name, spain.type) == ("Espagne", "place")
    assert {"Espagne", "gouvernement espagnol"} <= set(spain.aliases)
    italy = holding(entities, "République italienne")
    assert (italy.name, italy.type) == ("Italie", "place")
    assert {"Italie", "État italien"} <= set(italy.aliases)
    china = holding(entities, "République populaire de Chine")
    assert china.name == "Chine" and "Chine" in china.aliases


def test_ministries_of_two_nations_stay_apart(extract: Extract) -> None:
    text = (
        "En 2019, le Fonds a remis des véhicules au ministère des Affaires intérieures "
        "kirghize à Bichkek.\n\n"
        "La même année, il a formé des agents du ministère des Affaires intérieures ouzbek "
        "à Tachkent.\n\n"
        "Le ministère des Affaires intérieures kirghize a remercié les donateurs.\n"
    )
    entities = extract(text).entities
    kyrgyz = [e for e in entities if any("kirghize" in a for a in e.aliases)]
    uzbek = [e for e in entities if any("ouzbek" in a for a in e.aliases)]
    assert kyrgyz and uzbek
    assert not set(kyrgyz) & set(uzbek)


BODIES_TEXT = (
    "Le tribunal de grande instance de Lyon a rejeté la demande. L'avocate, inscrite au "
    "barreau de Nantes, a saisi la cour d'appel de Grenoble.\n\n"
    "Le conseil constitutionnel a été saisi en 2010, et les archives départementales ont "
    "transmis leurs pièces au ministère de la culture.\n\n"
    "Le SRPJ de Lille a interpellé deux hommes. Le tribunal compétent sera désigné plus tard.\n"
)


def test_bodies_with_a_lowercase_head_are_organisations(extract: Extract) -> None:
    entities = extract(BODIES_TEXT).entities
    organisations = {a for e in entities if e.type == "organization" for a in e.aliases}
    assert {
        "tribunal de grande instance de Lyon",
        "barreau de Nantes",
        "cour d'appel de Grenoble",
        "conseil constitutionnel",
        "archives départementales",
        "ministère de la culture",
        "SRPJ de Lille",
    } <= organisations
    places = {e.name for e in entities if e.type == "place"}
    assert not places & {"Lyon", "Nantes", "Grenoble", "Lille"}
    assert not any("compétent" in a for a in organisations)


def test_names_the_text_pairs_are_one_actor(extract: Extract) -> None:
    text = (
        "Le Bureau fédéral des enquêtes (Federal Bureau of Investigation ou FBI) a ouvert un "
        "dossier en 2016. Le Bureau fédéral des enquêtes a ensuite arrêté deux suspects.\n\n"
        "Pékin a lancé l'opération Sky Net (天网) en 2015 pour rapatrier des fugitifs.\n\n"
        "Selon l'Agence France-Presse, le procès s'ouvrira en juin. Un avocat a confirmé la "
        "date à l'AFP.\n"
    )
    entities = extract(text).entities
    bureau = holding(entities, "Bureau fédéral des enquêtes")
    assert "Federal Bureau of Investigation" in bureau.aliases
    assert "天网" in holding(entities, "opération Sky Net").aliases
    assert "AFP" in holding(entities, "Agence France-Presse").aliases


def test_the_bare_name_of_an_operation_is_that_operation(extract: Extract) -> None:
    text = (
        "Le Projet « Blue Harbour » a été financé en 2021 par le Fonds. Blue Harbour a formé "
        "trente douaniers.\n\n"
        "Le Conseil a approuvé les opérations TRIDENT en 2019. TRIDENT a permis de saisir "
        "des armes.\n"
    )
    entities = extract(text).entities
    harbour = holding(entities, "Blue Harbour")
    assert harbour.type == "operation" and "Projet « Blue Harbour »" in harbour.aliases
    assert len(harbour.mentions) == 2
    trident = holding(entities, "TRIDENT")
    assert trident.type == "operation" and "opérations TRIDENT" in trident.aliases
