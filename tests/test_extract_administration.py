"""Names in administrative and legal prose (issue 13): units of an administration written in
lowercase, conventions named by a date or a place, words glued after a name, and the branch of
an organisation named after a region.

Every document here is written for the test from public facts, in our own words, in the style
of a bill's explanatory memorandum, a code article and an interview with an NGO.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docfactory import Extract, write_documents
from filature.extract.administration import administration_spans
from filature.extract.run import extract_all
from filature.extract.spans import Trimmed
from filature.extract.wordfilters import cut_loose_tail
from filature.models import Entity, Extraction

MEMORANDUM = (
    "EXPOSÉ DES MOTIFS\n\n"
    "Le présent projet de loi renforce la coopération entre la police nationale et la "
    "gendarmerie nationale. La direction centrale de la police judiciaire conduit les "
    "enquêtes les plus complexes, avec le concours de la sous-direction de la lutte contre la "
    "cybercriminalité.\n\n"
    "L'inspection générale de la police nationale contrôle les services de l'État chargés de la "
    "sécurité. L'agence nationale de la sécurité des systèmes d'information apporte son "
    "expertise. Le service de coopération technique internationale de police met des attachés "
    "à la disposition des ambassades.\n\n"
    "La brigade de recherche et d'intervention a interpellé les suspects ; la BRI agit sous "
    "l'autorité du préfet, comme la brigade de nuit. La police intervient sur demande du "
    "service compétent. La direction de l'établissement pénitentiaire et le bureau de vote ne "
    "sont pas concernés. La police judiciaire est exercée sous le contrôle du parquet, et le "
    "groupe armé a perdu son commandement central du groupe.\n"
)

UNITS = {
    "police nationale",
    "gendarmerie nationale",
    "direction centrale de la police judiciaire",
    "sous-direction de la lutte contre la cybercriminalité",
    "inspection générale de la police nationale",
    "agence nationale de la sécurité des systèmes d'information",
    "service de coopération technique internationale de police",
}


def extraction(tmp_path: Path, nlp: Any, *texts: str) -> Extraction:
    documents = write_documents(tmp_path, {f"doc{i}.txt": t for i, t in enumerate(texts)})
    return extract_all(documents, nlp=nlp)


def folded_forms(entities: tuple[Entity, ...], etype: str) -> set[str]:
    return {alias.lower() for e in entities if e.type == etype for alias in e.aliases}


@pytest.fixture(scope="module")
def memorandum(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Entity, ...]:
    return extraction(tmp_path_factory.mktemp("memorandum"), nlp, MEMORANDUM).entities


def test_units_of_an_administration_written_in_lowercase_are_organisations(
    memorandum: tuple[Entity, ...],
) -> None:
    found = folded_forms(memorandum, "organization")
    assert found >= UNITS, UNITS - found


def test_a_unit_whose_acronym_the_text_writes_is_named(memorandum: tuple[Entity, ...]) -> None:
    unit = next(e for e in memorandum if "brigade de recherche et d'intervention" in e.aliases)
    assert unit.type == "organization"


def test_generic_administrative_phrases_name_no_body(memorandum: tuple[Entity, ...]) -> None:
    every = {alias.lower() for e in memorandum for alias in e.aliases}
    generic = {"police", "police judiciaire", "service compétent", "services de l'état"}
    assert not every & generic, every & generic
    starts = ("direction de l", "bureau de vote", "brigade de nuit", "commandement central")
    assert not any(alias.startswith(starts) for alias in every), every


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Des officiers de police nationale servent dans la mission.", []),
        ("Il a rejoint la police nationale en 2004.", ["police nationale"]),
        ("La direction générale de l'entreprise a démissionné.", []),
        ("Les services de sécurité intérieure ont été réformés.", []),
        (
            "Il dirige l'office central de lutte contre la criminalité organisée.",
            ["office central de lutte contre la criminalité organisée"],
        ),
    ],
)
def test_only_a_definite_unit_with_what_says_which_is_named(
    nlp: Any, sentence: str, expected: list[str]
) -> None:
    doc = nlp(sentence)
    assert [sentence[s.start : s.end] for s in administration_spans(doc)] == expected


CODE_ARTICLE = (
    "Article 14\n\n"
    "Les demandes d'entraide sont transmises conformément à la convention du 29 mai 2000 "
    "relative à l'entraide judiciaire en matière pénale. L'article 53 de la convention "
    "d'application de l'accord de Schengen reste applicable.\n\n"
    "La convention européenne d'extradition du 13 décembre 1957 s'applique aux autres États. "
    "Depuis l'entrée en vigueur du traité de Lisbonne, la Cour de justice de l'Union européenne "
    "est compétente. Le protocole additionnel du 16 octobre 2001 complète la convention du 29 "
    "mai 2000.\n\n"
    "Le Maroc a ratifié la Convention relative à l'entraide judiciaire en 2010.\n"
)


def test_conventions_named_by_a_date_or_a_place_are_agreements(extract: Extract) -> None:
    entities = extract(CODE_ARTICLE).entities
    agreements = {e.name.lower(): e for e in entities if e.type == "agreement"}
    expected = {
        "convention du 29 mai 2000",
        "convention d'application de l'accord de schengen",
        "convention européenne d'extradition du 13 décembre 1957",
        "traité de lisbonne",
        "protocole additionnel du 16 octobre 2001",
    }
    expected.add("convention relative à l'entraide judiciaire")  # not "Convention relative"
    assert expected <= set(agreements), set(agreements)
    assert {a.lower() for a in agreements["convention du 29 mai 2000"].aliases} == {
        "convention du 29 mai 2000"
    }  # the date names the convention: its subject is no part of the name


INTERVIEW = (
    "Entretien avec la responsable du bureau Afrique de la FIDH\n\n"
    "Awa Diallo dirige le bureau Afrique de la FIDH depuis 2015. La Fédération internationale "
    "des ligues des droits de l'homme (FIDH) documente les violations commises au Tchad.\n\n"
    "Le gouvernement tchadien a signé un arrangement avec le Conseil fédéral suisse relatif à "
    "l'entraide judiciaire. Le Conseil fédéral suisse a publié le texte.\n"
)


@pytest.fixture(scope="module")
def interview(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    """The interview's extraction, shared by the tests that read it."""
    return extraction(tmp_path_factory.mktemp("interview"), nlp, INTERVIEW)


def test_an_adjective_opening_a_complement_is_no_part_of_the_name(interview: Extraction) -> None:
    entities = interview.entities
    councils = [e for e in entities if any("Conseil" in a for a in e.aliases)]
    assert [e.aliases for e in councils] == [("Conseil fédéral suisse",)]


@pytest.mark.parametrize(
    ("sentence", "span", "name"),
    [
        (
            "Un arrangement avec le Conseil fédéral suisse relatif à l'entraide a été signé.",
            "Conseil fédéral suisse relatif",
            "Conseil fédéral suisse",
        ),
        (
            "La Commission nationale consultative chargée de la lutte contre le racisme a rendu "
            "son avis.",
            "Commission nationale consultative chargée",
            "Commission nationale consultative",
        ),
        (
            "Le sommet de l'Union européenne à Bruxelles a eu lieu.",
            "Union européenne",
            "Union européenne",
        ),
    ],
)
def test_a_span_ending_on_an_adjective_with_its_own_complement_is_cut(
    nlp: Any, sentence: str, span: str, name: str
) -> None:
    start = sentence.index(span)
    trimmed = Trimmed(start, start + len(span), span, None)
    assert cut_loose_tail(nlp(sentence), sentence, trimmed).name == name


def test_a_branch_named_after_a_region_is_part_of_its_organisation(interview: Extraction) -> None:
    result = interview
    by_key = {e.key: e for e in result.entities}
    branch = next(e for e in result.entities if "bureau Afrique de la FIDH" in e.aliases)
    assert branch.type == "organization"
    parents = {
        by_key[r.target_key].name
        for r in result.relations
        if r.source_key == branch.key and r.type == "member_of"
    }
    assert parents == {"Fédération internationale des ligues des droits de l'homme"}
    places = {e.name for e in result.entities if e.type == "place"}
    assert "Afrique" in places  # the region is named inside the branch's name
