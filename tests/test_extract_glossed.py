"""An acronym glossed in brackets by a common noun phrase names a kind of thing, not an
actor (issue 13): "le PNR (données des dossiers passagers)", "une OQTF (obligation de
quitter le territoire français)"; glossed by a body's name in lowercase it stays one ("la
DGSI (direction générale de la sécurité intérieure)"), and a note in brackets is no gloss.

The sentences are written for the test from public facts, in our own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docfactory import Extract, write_documents
from filature.extract.drops import CorpusDrop
from filature.extract.run import extract_all

GLOSSED = (
    "Le ministre de l'Intérieur veut généraliser le PNR (données des dossiers passagers) "
    "dans toute l'Europe. Le suspect avait reçu une OQTF (obligation de quitter le territoire "
    "français) en 2016.\n\n"
    "La DGSI (direction générale de la sécurité intérieure) a mené l'enquête avec la police "
    "de Montpellier. Selon la DGSI, le PNR aurait permis de le repérer.\n"
)


def test_acronym_glossed_by_a_common_noun_is_a_kind(tmp_path: Path, nlp: Any) -> None:
    drops: list[CorpusDrop] = []
    documents = write_documents(tmp_path, {"doc.txt": GLOSSED})
    names = {e.name for e in extract_all(documents, nlp=nlp, drops=drops).entities}
    assert "PNR" not in names and "OQTF" not in names
    assert {d.dropped.rule for d in drops if d.dropped.surface == "PNR"} == {"kind"}


def test_acronym_glossed_by_a_bodys_name_stays(extract: Extract) -> None:
    types = {e.name: e.type for e in extract(GLOSSED).entities}
    assert any(t == "organization" and "DGSI" in n for n, t in types.items())
