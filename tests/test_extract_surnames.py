"""Forms of a person's name (issue 13): a surname written alone with its particle ("ajoute
de la Roncière") is the person's, not a place; a regnal number keeps its capitals
("Gewargis III", not "Gewargis Iii"); a clerk's initials alone on a line are no actor.

The sentences are written for the test, in our own words (the names are invented).
"""

from __future__ import annotations

from docfactory import Extract
from filature.extract.textnorm import person_display

PARTICLE = (
    "Pour Étienne de la Roncière, avocat de la famille, le dossier est vide. « Rien ne "
    "prouve sa présence à Nantes », ajoute encore de la Roncière.\n\n"
    "Pour Yann de Kerautem, avocat de la partie civile, le doute n'est plus permis. « Les "
    "témoins l'ont vu à Rennes », affirme de Kerautem.\n"
)

INITIALS = (
    "SOC. / ELECT\n\nLG\n\nCOUR DE CASSATION\n\nLa Cour de cassation rejette le pourvoi de "
    "l'union départementale contre la société Vireau Industrie.\n"
)


def test_particle_surname_is_the_persons(extract: Extract) -> None:
    entities = extract(PARTICLE).entities
    for full, surname in (("Étienne de la Roncière", "Roncière"), ("Yann de Kerautem", "Kerautem")):
        person = next(e for e in entities if e.name == full)
        assert person.type == "person" and len(person.mentions) == 2
        assert full.removeprefix(full.split()[0] + " ") in person.aliases  # "de la Roncière"
        assert not any(e.type == "place" and e.name == surname for e in entities)
    assert {"Nantes", "Rennes"} <= {e.name for e in entities if e.type == "place"}


def test_regnal_number_keeps_its_capitals(extract: Extract) -> None:
    entities = extract("Le patriarche Gewargis III a reçu le pape François à Erbil.\n").entities
    assert "Gewargis III" in {e.name for e in entities}
    assert person_display("Jean-Paul II") == "Jean-Paul II"
    assert person_display("LI Wei") == "Li Wei"
    assert person_display("Jean MIX") == "Jean Mix"


def test_initials_alone_on_a_line_are_no_actor(extract: Extract) -> None:
    found = {e.name for e in extract(INITIALS).entities}
    assert "LG" not in found
    assert "Cour de cassation" in found
