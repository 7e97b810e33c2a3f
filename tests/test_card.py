"""The entity card and name resolution: exact, alias, fuzzy, ambiguous; text, JSON and rich."""

from __future__ import annotations

import io
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from dbfactory import DbBuilder
from filature.card import card_as_json, card_as_text, card_of, card_renderable
from filature.query.resolve import AmbiguousName, EntityNotFound, resolve_entity
from filature.store.connect import open_readonly
from test_export_data import HOSTILE, KEY


def _id(name: str) -> int:
    return KEY[name] + 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Meng Hongwei", "Meng Hongwei"),
        ("  meng HONGWEI ", "Meng Hongwei"),
        ("Pekin", "Pékin"),
        ("beijing", "Pékin"),
        ("securite publique", "Ministère de la Sécurité publique"),
        ("Meng Hongwey", "Meng Hongwei"),
        ("#6", "Chine"),
    ],
)
def test_resolve_exact_alias_folded_and_fuzzy(
    conn: sqlite3.Connection, typed: str, expected: str
) -> None:
    assert resolve_entity(conn, typed) == _id(expected)


def test_ambiguous_and_unknown_names_explain_themselves(conn: sqlite3.Connection) -> None:
    with pytest.raises(AmbiguousName) as info:
        resolve_entity(conn, "Meng")
    assert {c.name for c in info.value.candidates} == {"Meng Hongwei", "Meng Jianzhu"}
    assert "#1 Meng Hongwei (person, 3 mentions)" in info.value.message
    with pytest.raises(EntityNotFound, match="xyzzy"):
        resolve_entity(conn, "xyzzy")
    with pytest.raises(EntityNotFound, match="#999"):
        resolve_entity(conn, "#999")
    with pytest.raises(EntityNotFound):
        resolve_entity(conn, "   ")


def test_same_name_for_two_entities_asks_for_the_type(tmp_path: Path) -> None:
    b = DbBuilder()
    b.document("a.txt", "A", [("body", "La Chine signe. La Chine et Chine Telecom.")])
    place = b.entity("Chine", "place")
    org = b.entity("Chine", "organization", ("Chine Telecom",))
    b.entity("Chine Unicom", "organization", ("CU",))
    b.entity("Unicom", "organization", ("CU",))
    conn = open_readonly(b.write(tmp_path / "f.db"))
    with pytest.raises(AmbiguousName, match="names 2 entities") as info:
        resolve_entity(conn, "chine")
    assert {c.id for c in info.value.candidates} == {place, org}
    assert resolve_entity(conn, "Chine", "place") == place
    assert resolve_entity(conn, "chine", "organization") == org
    with pytest.raises(AmbiguousName, match="alias of 2 entities"):
        resolve_entity(conn, "cu")


def test_card_groups_relations_and_keeps_co_occurrence_apart(conn: sqlite3.Connection) -> None:
    card = card_of(conn, _id("Meng Hongwei"))
    entity = card.entity
    assert (entity.name, entity.type, entity.mention_count, entity.footnote_mentions) == (
        "Meng Hongwei", "person", 3, 2)  # fmt: skip
    (group,) = card.relations
    assert (group.type, group.label) == ("holds_role", "holds a role at")
    assert [(r.counterpart_name, r.role, r.date, r.evidence_count, r.direction)
            for r in group.relations] == [
        ("Interpol", "président", "2016-11-10", 1, "out"),
        ("Ministère de la Sécurité publique", "vice-ministre", "2004-04-10", 1, "out"),
    ]  # fmt: skip
    assert [(r.counterpart_name, r.weight) for r in card.mentioned_with] == [
        ("Xi Jinping", 2), ("Interpol", 1)]  # fmt: skip
    assert card.excerpts[0].zone == "body"
    assert "est élu président d'Interpol" in card.excerpts[0].text
    interpol = card_of(conn, _id("Interpol"))
    labels = {g.label: g for g in interpol.relations}
    assert labels["has as officer"].relations[0].direction == "in"
    assert labels["cooperates with"].relations[0].side == "both"
    with pytest.raises(EntityNotFound):
        card_of(conn, 999)


def test_text_and_json_forms(conn: sqlite3.Connection) -> None:
    card = card_of(conn, _id("Meng Hongwei"))
    text = card_as_text(card)
    assert text.startswith("Meng Hongwei (person)\n")
    relations, _, rest = text.partition("Mentioned with (co-occurrence, not a stated relation)")
    assert "- Interpol (organization) · président · 2016-11-10 · 1 passage" in relations
    assert "Xi Jinping" not in relations and "- Xi Jinping (person) · 2 passages" in rest
    assert ", 001_chine_interpol.txt, lines 4\N{EN DASH}5" in rest
    data = json.loads(json.dumps(card_as_json(card), ensure_ascii=False))
    assert data["relations"][0]["relations"][0]["counterpart_name"] == "Interpol"
    assert data["counts"]["documents"] == 1
    hostile = card_as_text(card_of(conn, _id("Interpol")))
    assert "\x1b" not in hostile and "<script>alert(1)</script>" in hostile


def _render(renderable: object) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=300, color_system=None, legacy_windows=False).print(renderable)
    return buffer.getvalue()


def test_rich_card_shows_document_text_literally(conn: sqlite3.Connection) -> None:
    card = card_of(conn, _id("Interpol"))
    out = _render(card_renderable(card))
    assert "\x1b" not in out
    assert "[clic](javascript:alert(1))" in out and "<script>alert(1)</script>" in out
    assert " ".join(HOSTILE.split()[:3]) in " ".join(out.split())
    hostile = replace(
        card.entity, name="[/] [bold]x[/bold] [@click=app.quit]", aliases=("[red]r[/]",)
    )
    nasty = replace(card, entity=hostile)
    out = _render(card_renderable(nasty))
    assert "[/] [bold]x[/bold] [@click=app.quit]" in out and "[red]r[/]" in out
