"""Acronym definitions found in the text, in both orders, with initials checked."""

from __future__ import annotations

import pytest

from filature.extract.acronyms import coverage, find_definitions
from filature.extract.lexicon import load_lexicon


def definitions(text: str) -> dict[str, str]:
    return {d.acronym: d.long_form for d in find_definitions(text, load_lexicon())}


@pytest.mark.parametrize(
    ("text", "acronym", "long_form"),
    [
        (
            "le Parti communiste chinois (PCC) a décidé",
            "PCC",
            "Parti communiste chinois",
        ),
        (
            "créée par l’Organisation de coopération de Shanghai (OCS) en 2001",
            "OCS",
            "Organisation de coopération de Shanghai",
        ),
        (
            "dans le cadre de l’Initiative de sécurité globale (GSI) proposée",
            "GSI",
            "Initiative de sécurité globale",
        ),
        (
            "Le Centre de recherche sur le terrorisme et le crime organisé (CRTCO), sis",
            "CRTCO",
            "Centre de recherche sur le terrorisme et le crime organisé",
        ),
        (
            "la police de l’Organisation des Nations unies (UNPOL)…",
            "UNPOL",
            "police de l’Organisation des Nations unies",
        ),
        (
            "Le BCEAO (Banque centrale des États de l’Afrique de l’Ouest) a publié",
            "BCEAO",
            "Banque centrale des États de l’Afrique de l’Ouest",
        ),
    ],
)
def test_definitions(text: str, acronym: str, long_form: str) -> None:
    assert definitions(text).get(acronym) == long_form


def test_not_a_definition() -> None:
    assert definitions("les forces de police (voir plus haut) et la police (PAP)") == {}
    assert definitions("Le budget (EUR) reste stable") == {}


def test_coverage() -> None:
    assert coverage("OCS", "Organisation de coopération de Shanghai") == 1.0
    assert coverage("XYZ", "Organisation de coopération de Shanghai") == 0.0
