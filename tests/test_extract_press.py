"""A press title keeps its article (issue 13): "un journaliste du Monde" names "Le Monde",
"selon L'Union" names "L'Union"; the article of an institution's name is not given back.

The sentences are written for the test, in our own words.
"""

from __future__ import annotations

from docfactory import Extract
from filature.extract.press import press_title
from filature.models import Extraction

PRESS = (
    "La ministre a répondu aux questions d'un journaliste du Monde sur la réforme. "
    "L'envoyé spécial du Figaro à Kiev décrit les bombardements de la nuit. "
    "Selon L'Express, le projet de loi sera retiré avant l'été.\n\n"
    "Une délégation du Parlement européen s'est rendue à Kiev. Le texte est paru au Journal "
    "officiel de l'Union européenne.\n"
)


def names(extraction: Extraction) -> dict[str, set[str]]:
    return {e.name: set(e.aliases) for e in extraction.entities}


def test_contracted_article_after_a_press_word_is_the_titles(extract: Extract) -> None:
    found = names(extract(PRESS))
    assert "Le Monde" in found and "Monde" in found["Le Monde"]
    assert "Le Figaro" in found
    assert "Monde" not in found and "Figaro" not in found


def test_capital_article_inside_a_sentence_stays_in_the_name(extract: Extract) -> None:
    found = names(extract(PRESS))
    assert "L'Express" in found
    assert "Express" not in found


def test_institutions_get_no_article(extract: Extract) -> None:
    found = names(extract(PRESS))
    assert "Parlement européen" in found
    assert not any(n.startswith(("Le Parlement", "L'Union")) for n in found)


def test_press_title_needs_a_press_word_right_before() -> None:
    text = "un journaliste du Monde et une délégation du Parlement"
    assert press_title(text, text.index("Monde"), "Monde") == "Le Monde"
    assert press_title(text, text.index("Parlement"), "Parlement") is None
    text = "dans les colonnes de la Croix"
    assert press_title(text, text.index("Croix"), "Croix") == "La Croix"
    text = "un rapport publié par la Commission"
    assert press_title(text, text.index("Commission"), "Commission") is None
