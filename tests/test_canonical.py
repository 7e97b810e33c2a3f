"""Canonicalisation units: trimming spans, roles, noise, person-name guards, display names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docfactory import write_documents
from filature.extract.lexicon import load_lexicon
from filature.extract.persons import same_person
from filature.extract.run import extract_all
from filature.extract.spans import noise_reason, prepare_text, trim_span
from filature.extract.textnorm import norm_key, person_display, repair_ocr
from filature.extract.variants import shortened, spells


def trimmed(text: str, surface: str) -> tuple[str, str | None] | None:
    start = text.index(surface)
    result = trim_span(text, prepare_text(text), start, start + len(surface), load_lexicon())
    return None if result is None else (result.name, result.role)


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Il a vu la Chine hier.", "la Chine", ("Chine", None)),
        ("Le rôle de l’ASEAN est clair.", "l’ASEAN", ("ASEAN", None)),
        ("à I’Ecole supérieure de Shenyang.", "I’Ecole supérieure de Shenyang", None),
        (
            "le professeur HE Bingsong parle",
            "professeur HE Bingsong",
            ("HE Bingsong", "professeur"),
        ),
        ("Selon M. Noble, tout va bien.", "M. Noble", ("Noble", "M.")),
        ("le président Xi Jinping a dit", "Xi Jinping", ("Xi Jinping", "président")),
        ("le ministre Wang Xiaohong6. La suite", "Wang Xiaohong6", ("Wang Xiaohong", "ministre")),
        ("membre d’Interpol22 depuis", "Interpol22", ("Interpol", None)),
        ("l’agence installée à La Haye depuis", "La Haye", ("La Haye", None)),
        ("« Nan Yang « Chinese Policing »", "Nan Yang « Chinese Policing", ("Nan Yang", None)),
    ],
)
def test_trim(text: str, surface: str, expected: tuple[str, str | None] | None) -> None:
    result = trimmed(text, surface)
    if expected is None:
        assert result is not None and result[0] == "Ecole supérieure de Shenyang"
    else:
        assert result == expected


def test_prepare_keeps_offsets() -> None:
    text = "membres55 de I’Ecole et Interpol22.\nFin"
    prepared = prepare_text(text)
    assert len(prepared) == len(text)
    assert "membres " in prepared and "l’Ecole" in prepared and "\n" not in prepared


@pytest.mark.parametrize(
    "name", ["op. cit", "Ibid", "p.", "vol", "EUR", "US$", "État", "Parties", "Forum", "II"]
)
def test_noise(name: str) -> None:
    assert noise_reason(name, load_lexicon()) is not None


@pytest.mark.parametrize("name", ["Chine", "Ronald K. Noble", "86e Assemblée générale", "ASEAN"])
def test_not_noise(name: str) -> None:
    assert noise_reason(name, load_lexicon()) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Frangois Haut", "Francois Haut"),
        ("François Haut", "Francois Haut"),
        ("HE Bingsong", "He Bingsong"),
        ("Yizhou Wang", "Wang Yizhou"),
        ("Monica De Boer", "Monica Den Boer"),
        ("Ronald K. Noble", "Ronald Noble"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert same_person(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Frédéric Lemieux", "Frédéric Lemaître"),
        ("Meng Hongwei", "Meng Jianzhu"),
        ("Hu Jintao", "Hu Binchen"),
        ("Tao Xu", "Nan Yang"),
        ("Zhu Yonkang", "Zhou Yonkan"),
    ],
)
def test_different_people(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_display_and_keys() -> None:
    assert person_display("HE Bingsong") == "He Bingsong"
    assert person_display("WANG Shiquan") == "Wang Shiquan"
    assert norm_key("l’État  de droit") == norm_key("l'Etat de droit")
    assert repair_ocr("I’Ecole et 1'Université") == "l’Ecole et l'Université"


def test_acronym_spelled_by_word_prefixes_or_shortened_long_form() -> None:
    lex = load_lexicon()
    assert spells("unpol", ["united", "nations", "police"])
    assert spells("cepol", ["college", "europeen", "police"])
    assert not spells("unpol", ["police", "nations", "unies"])
    assert spells("ue", ["union", "europeenne"])
    long_words = ["police", "organisation", "nations", "unies"]
    assert shortened(["police", "nations", "unies"], long_words, lex)
    assert not shortened(["police", "unies"], long_words, lex)  # "nations" is not a head word
    assert not shortened(["forces", "nations", "unies"], long_words, lex)


@pytest.mark.slow
def test_publishers_glosses_agreement_subjects_and_coordinated_places(
    nlp: Any, tmp_path: Path
) -> None:
    documents = write_documents(
        tmp_path,
        {
            "a.txt": (
                "Le Chili a ratifié la Convention de Genève relative au statut des réfugiés "
                "en 1972. Le Pérou et l'Équateur coopèrent avec la France.\n\n"
                "Les villages d'émigration (Qiao Xiang) du Fujian envoient des fonds.\n\n"
                "Voir Henri Dumas, La police en Asie (Lyon, Ellipses, 2015) et Marc Petit, "
                "Les polices du monde (Rennes, France, 2019).\n"
            )
        },
    )
    entities = {(e.type, e.name) for e in extract_all(documents, nlp=nlp).entities}
    assert ("agreement", "Convention de Genève relative au statut des réfugiés") in entities
    assert ("organization", "Ellipses") in entities
    assert ("place", "France") in entities
    assert {("place", "Pérou"), ("place", "Équateur")} <= entities
    assert not any("Qiao" in name for _, name in entities)
