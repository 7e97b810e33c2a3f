"""Values capitalised in a heading or a slogan are not a name (issue 13): "un espace de
Liberté, Sécurité et Justice" joins words the document writes as common words; the same
words stay a name in a document that never uses them as common words.

The sentences are written for the test, in our own words.
"""

from __future__ import annotations

from docfactory import Extract

VALUES = (
    "Espace Liberté, Sécurité et Justice\n\n"
    "Le Conseil veut bâtir un espace de Liberté, Sécurité et Justice. Cet espace est commun.\n\n"
    "La sécurité des citoyens passe par une justice rapide. La liberté de circulation, la "
    "sécurité intérieure et la justice pénale relèvent du même titre. Une justice indépendante "
    "garantit la liberté ; la sécurité ne suffit pas.\n\n"
    "Le Parlement européen a voté le texte.\n"
)

NAMED = "Le programme Sécurité et Justice sera financé par le Conseil. Le Parlement a voté.\n"


def test_common_words_joined_are_no_name(extract: Extract) -> None:
    names = {e.name for e in extract(VALUES).entities}
    assert "Sécurité et Justice" not in names
    assert "Espace Liberté" not in names
    assert "Parlement européen" in names


def test_the_same_words_stay_a_name_where_the_document_never_uses_them_as_common_words(
    extract: Extract,
) -> None:
    names = {e.name for e in extract(NAMED).entities}
    assert "Sécurité et Justice" in names
