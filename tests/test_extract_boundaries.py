"""Filters across a folder and span boundaries (issue 13, filters that drop real people):
a word of a person's name that another document uses as a place does not drop the person,
and a street keeps its lowercase head ("quai de la Gare", not "Gare").

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docfactory import write_documents
from filature.extract.run import extract_all
from filature.models import Entity


def entities_of(tmp_path: Path, nlp: Any, texts: dict[str, str]) -> tuple[Entity, ...]:
    return extract_all(write_documents(tmp_path, texts), nlp=nlp).entities


def test_a_surname_used_as_a_place_in_another_document_keeps_the_person(
    tmp_path: Path, nlp: Any
) -> None:
    texts = {
        "audience.txt": (
            "Le juge Henri Vernet a présidé l'audience. Henri Vernet a ensuite rendu sa décision.\n"
        ),
        "commune.txt": (
            "La commune de Vernet compte deux mille habitants. Le marché de Vernet ouvre le "
            "samedi.\n"
        ),
    }
    typed = {(e.type, e.name) for e in entities_of(tmp_path, nlp, texts)}
    assert ("person", "Henri Vernet") in typed
    assert ("place", "Vernet") in typed


def test_a_street_keeps_its_lowercase_head(tmp_path: Path, nlp: Any) -> None:
    text = (
        "La police a fouillé un entrepôt situé quai de la Gare, à Paris. Le suspect habitait "
        "avenue de la Liberté à Lyon.\n\nLe sommet s'est tenu à Rome, à la place de Madrid.\n"
    )
    found = {a for e in entities_of(tmp_path, nlp, {"a.txt": text}) for a in e.aliases}
    assert not found & {"Gare", "Liberté"}, found
    assert {"quai de la Gare", "avenue de la Liberté", "Madrid"} <= found
    assert "place de Madrid" not in found
