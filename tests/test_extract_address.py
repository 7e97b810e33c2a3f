"""Salutations and forms of address in diplomatic letters (issue 13, noise from formal prose):
"Monsieur le Ministre,", "Excellence,", "Votre Excellence voudra bien ..." name no actor, and a
form of address before a name is no part of it.

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

from docfactory import Extract

LETTER = (
    "Monsieur le Ministre,\n\n"
    "J'ai l'honneur de vous faire savoir que le Royaume de Norvège a ratifié la convention le "
    "3 mars 2015.\n\n"
    "Je vous prie d'agréer, Monsieur le Ministre, l'assurance de ma très haute considération.\n\n"
    "Excellence,\n\n"
    "Votre Excellence voudra bien transmettre cette note au Gouvernement de la République "
    "portugaise.\n\n"
    "Son Excellence M. Carlos Ruiz, ambassadeur du Royaume d'Espagne, a remis ses lettres de "
    "créance.\n\n"
    "Veuillez agréer, Madame la Directrice générale, mes salutations distinguées.\n"
)


def test_salutations_and_forms_of_address_name_no_actor(extract: Extract) -> None:
    entities = extract(LETTER).entities
    aliases = {alias for e in entities for alias in e.aliases}
    words = ("Excellence", "Monsieur", "Madame", "Ministre", "Directrice")
    assert not any(word in alias for alias in aliases for word in words), aliases
    people = {e.name for e in entities if e.type == "person"}
    assert people == {"Carlos Ruiz"}
    places = {e.name for e in entities if e.type == "place"}
    assert {"Norvège", "Portugal", "Espagne"} <= places
