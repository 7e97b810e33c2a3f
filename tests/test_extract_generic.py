"""Names headed by a generic noun (issue 13): "l'État islamique", "le Front populaire", "la Cour
pénale internationale", which NER cuts at the head, misses or runs on past, and the head alone
("le Front", "la Cour", "le Gouvernement"), which refers to the fuller name the document gave
before or names no body.

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docfactory import Extract, write_documents
from filature.extract.analyze import analyze_document
from filature.models import Entity


def by_name(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def holding(entities: tuple[Entity, ...], alias: str) -> list[Entity]:
    return [e for e in entities if alias in e.aliases]


def test_a_generic_head_takes_its_name_forming_adjectives(extract: Extract) -> None:
    entities = extract(
        "L'État islamique a revendiqué l'attentat commis à Bruxelles en 2016.\n\n"
        "Les combattants kurdes ont chassé l'organisation djihadiste État islamique de Kobané.\n\n"
        "La Cour pénale internationale siège à La Haye depuis 2002.\n\n"
        "Le Parti communiste chinois a célébré son centenaire à Pékin en 2021.\n"
    ).entities
    names = by_name(entities)
    for name in ("État islamique", "Cour pénale internationale", "Parti communiste chinois"):
        assert name in names, sorted(names)
        assert names[name].type == "organization"
    assert not holding(entities, "État"), "the head alone is no name of its own"
    assert not any(name.endswith("siège") for name in names)


def test_a_state_described_by_its_form_or_nationality_names_no_body(extract: Extract) -> None:
    entities = extract(
        "En Allemagne, l'État fédéral partage ses compétences avec les Länder, et l'État "
        "central garde la défense. Un État islamique ne sépare pas la religion du droit. "
        "L'État français a ratifié la convention.\n"
    ).entities
    organizations = {e.name for e in entities if e.type == "organization"}
    assert not any(name.startswith("État") for name in organizations), organizations


def test_a_government_named_by_a_nationality_is_its_state(extract: Extract) -> None:
    entities = extract(
        "Le Gouvernement italien a ratifié la convention en 2007. L'Italie l'applique depuis.\n"
    ).entities
    (italy,) = holding(entities, "Gouvernement italien")
    assert (italy.name, italy.type) == ("Italie", "place")


def test_a_bare_head_is_the_fuller_name_given_before(extract: Extract) -> None:
    entities = extract(
        "La Cour pénale internationale siège à La Haye. La Cour a condamné un chef de milice "
        "congolais en 2012.\n\n"
        "La Cour de justice de l'Union européenne siège à Luxembourg. La Cour interprète le "
        "droit de l'Union à la demande des juges nationaux.\n\n"
        "En 1936, le Front populaire gagne les élections. Le Front fait voter les congés "
        "payés.\n"
    ).entities
    bare = sorted(
        (m.passage_seq, e.name) for e in entities for m in e.mentions if m.surface == "Cour"
    )
    assert [name for _, name in bare] == [
        "Cour pénale internationale",
        "Cour de justice de l'Union européenne",
    ], bare
    assert not [e for e in entities if e.name in {"Cour", "Front"}]
    assert "Front" in by_name(entities)["Front populaire"].aliases


def test_a_bare_head_with_no_name_before_names_no_body(tmp_path: Path, nlp: Any) -> None:
    (document,) = write_documents(
        tmp_path,
        {
            "doc.txt": "Le Gouvernement a présenté le projet de loi au Sénat en mars. "
            "Le Parti a ensuite réuni ses militants à Lyon.\n"
        },
    )
    analysis = analyze_document(document, nlp)
    kept = {m.surface for m in analysis.mentions}
    assert not kept & {"Gouvernement", "Parti"}, kept
    rules = {d.surface: d.rule for d in analysis.dropped}
    assert rules.get("Gouvernement") == "bare generic head", rules
    assert rules.get("Parti") == "bare generic head", rules


def test_another_name_the_text_gives_a_generic_name_is_the_same_body(extract: Extract) -> None:
    for text in (
        "L'organisation État islamique (Daech) a perdu Mossoul en 2017. Daech a ensuite reculé "
        "en Syrie.\n",
        "L'État islamique, aussi appelé Daech, contrôlait Raqqa jusqu'en 2017.\n",
    ):
        entities = extract(text).entities
        (body,) = holding(entities, "Daech")
        assert body.type == "organization"
        assert "État islamique" in body.aliases, text
