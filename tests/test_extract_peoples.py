"""Peoples and languages are not places (issue 13): a language's own name given in brackets
("le quechua (Runasimi)"), the meaning given to a word ("Kurdistan signifie Pays des
Kurdes") and one word listed with ethnonyms the document writes as common words ("Hutu, Tutsi
ou Twa" beside "les milices hutu") are dropped, with their rule; states listed the same way
stay.

The sentences are written for the test from public facts, in our own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docfactory import Extract, write_documents
from filature.extract.drops import CorpusDrop
from filature.extract.peoples import language_name
from filature.extract.run import extract_all

LANGUAGES = (
    "Au Pérou, le quechua (Runasimi) est langue officielle avec l'espagnol. En Turquie, le "
    "kurmandji (Kurmancî) s'écrit en alphabet latin. Au Burundi, le kirundi (Ikirundi) est "
    "parlé par presque toute la population de Gitega.\n"
)

PEOPLES = (
    "Au Rwanda, chaque habitant devait cocher une case, Hutu, Tutsi ou Twa, sur sa carte. "
    "Les milices hutu ont massacré les civils tutsi ; des responsables hutu ont été jugés à "
    "Arusha. Les survivants tutsi témoignent.\n\n"
    "La Suisse, la Belgique et la France ont ouvert des enquêtes. Le franc suisse est resté "
    "stable.\n"
)


def names(extract: Extract, text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract(text).entities}


MEANING = (
    "Le nom Rojava est kurde. Le mot Kurdistan signifie Pays des Kurdes, et Mésopotamie veut "
    "dire aussi Terre entre les fleuves. La ville d'Erbil est la capitale du Kurdistan irakien.\n"
)


def test_meaning_given_to_a_word_is_no_name(extract: Extract) -> None:
    found = names(extract, MEANING)
    assert "Pays des Kurdes" not in found and "Terre entre les fleuves" not in found
    assert found.get("Kurdistan") == "place" and found.get("Erbil") == "place"


def test_language_autonyms_are_not_places(extract: Extract) -> None:
    found = names(extract, LANGUAGES)
    assert not {"Runasimi", "Kurmancî", "Ikirundi"} & set(found)
    assert found.get("Pérou") == "place" and found.get("Turquie") == "place"


def test_language_name_is_world_knowledge_not_a_state() -> None:
    assert language_name("Kurmancî") and language_name("Runasimi") and language_name("Kiswahili")
    assert not language_name("Indonesia") and not language_name("Burundi")


def test_word_listed_with_ethnonyms_is_no_place(tmp_path: Path, nlp: Any) -> None:
    drops: list[CorpusDrop] = []
    documents = write_documents(tmp_path, {"doc.txt": PEOPLES})
    found = {e.name: e.type for e in extract_all(documents, nlp=nlp, drops=drops).entities}
    assert "Twa" not in found
    rules = {d.dropped.rule for d in drops if d.dropped.surface == "Twa"}
    assert rules == {"listed with common words"}
    assert {"Suisse", "Belgique", "Rwanda"} <= set(found)
