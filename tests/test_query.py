"""The read-only queries and the fuzzy index, on a real SQLite file with the real schema."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dbfactory import write_sample
from filature import query
from filature.store.connect import open_readonly


@pytest.fixture()
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    db = open_readonly(write_sample(tmp_path / "sample.db"))
    yield db
    db.close()


def _id(conn: sqlite3.Connection, name: str) -> int:
    return int(conn.execute("SELECT id FROM entities WHERE name = ?", (name,)).fetchone()[0])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("xi jinpin", "Xi Jinping"),
        ("meng hong wei", "Meng Hongwei"),
        ("hongwei meng", "Meng Hongwei"),
        ("securite publique", "Ministère de la Sécurité publique"),
        ("pekin", "Pékin"),
        ("PEKIN", "Pékin"),
        ("beijing", "Pékin"),
        ("al raisi", "Ahmed Naser Al-Raisi"),
        ("me", "Meng Hongwei"),
        ("interpl", "Interpol"),
    ],
)
def test_fuzzy_search_finds_the_entity_first(
    conn: sqlite3.Connection, typed: str, expected: str
) -> None:
    hits = query.fuzzy_search(conn, typed, limit=5)
    assert hits, typed
    assert hits[0].name == expected


def test_fuzzy_hit_reports_the_matched_alias(conn: sqlite3.Connection) -> None:
    (hit,) = [h for h in query.fuzzy_search(conn, "beijing") if h.name == "Pékin"]
    assert hit.alias == "Beijing"
    assert hit.type == "place"
    assert hit.mention_count == 2
    data = query.describe_hit_json(hit)
    assert json.loads(json.dumps(data)) == {**dataclasses.asdict(hit)}
    assert set(data) >= {"id", "name", "type", "score", "alias"}


def test_fuzzy_search_filters_by_type_and_limits(conn: sqlite3.Connection) -> None:
    hits = query.fuzzy_search(conn, "interpol", etype="event")
    assert [h.name for h in hits] == ["Assemblée générale d'Interpol"]
    assert len(query.fuzzy_search(conn, "m", limit=2)) == 2
    assert query.fuzzy_search(conn, "   ") == []
    assert query.fuzzy_search(conn, "zzqqxx") == []


def test_parse_type_accepts_plurals_and_labels() -> None:
    assert query.parse_type("People") == "person"
    assert query.parse_type("organisations") == "organization"
    assert query.parse_type("places") == "place"
    with pytest.raises(ValueError, match="Unknown type"):
        query.parse_type("ships")


def test_entities_sorted_by_mentions_with_type_counts(conn: sqlite3.Connection) -> None:
    rows = query.list_entities(conn)
    counts = [r.mention_count for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert {r.type for r in query.list_entities(conn, "place")} == {"place"}
    assert query.type_counts(conn) == {"person": 4, "organization": 2, "place": 2, "event": 2}


def test_entity_card_has_aliases_without_the_name(conn: sqlite3.Connection) -> None:
    card = query.entity_card(conn, _id(conn, "Interpol"))
    assert card is not None
    assert card.aliases == ("INTERPOL", "Organisation internationale de police criminelle")
    assert card.mention_count == 4
    assert query.entity_card(conn, 9999) is None


def test_relations_grouped_stated_first_with_direction(conn: sqlite3.Connection) -> None:
    rows = query.relations_of(conn, _id(conn, "Meng Hongwei"))
    assert [r.type for r in rows] == [
        "member_of",
        "president_of",
        "mentioned_with",
        "mentioned_with",
    ]
    president = rows[1]
    assert (president.direction, president.counterpart_name, president.role, president.date) == (
        "out",
        "Interpol",
        "président",
        "2016-11-10",
    )
    assert president.evidence_count == 1
    incoming = query.relations_of(conn, _id(conn, "Interpol"))
    assert {(r.direction, r.counterpart_name) for r in incoming} == {
        ("in", "Meng Hongwei"),
        ("in", "Ahmed Naser Al-Raisi"),
    }


def test_excerpts_put_body_before_footnotes_and_mark_mentions(conn: sqlite3.Connection) -> None:
    meng = _id(conn, "Meng Hongwei")
    excerpts = query.excerpts_for_entity(conn, meng)
    assert [e.zone for e in excerpts] == ["body", "footnote"]
    first = excerpts[0]
    assert "est élu président d'Interpol" in first.text
    assert [first.text[a:b] for a, b in first.spans] == ["Meng Hongwei"]
    assert len(excerpts[1].spans) == 2
    assert query.count_excerpts(conn, meng) == 2
    assert query.excerpts_for_entity(conn, meng, offset=1, limit=1)[0].zone == "footnote"


def test_relation_excerpts_use_evidence_or_both_mentions(conn: sqlite3.Connection) -> None:
    meng = _id(conn, "Meng Hongwei")
    rows = query.relations_of(conn, meng)
    (stated,) = query.excerpts_for_relation(conn, rows[1].id)
    (a, b) = stated.spans[0]
    assert stated.text[a:b].endswith("est élu président d'Interpol")
    co = next(r for r in rows if r.counterpart_name == "Xi Jinping")
    texts = {e.zone for e in query.excerpts_for_relation(conn, co.id)}
    assert texts == {"body", "footnote"}
    assert query.excerpts_for_relation(conn, 999) == []


@pytest.mark.parametrize(
    "typed", ['"', "AND", "NEAR(", "-x", "*", "", "   ", "a OR", "x:y", "'", "^", "((", "😀"]
)
def test_full_text_search_never_raises(conn: sqlite3.Connection, typed: str) -> None:
    result = query.full_text_search(conn, typed)
    assert result.hits or result.message


def test_full_text_search_highlights_accent_insensitive_terms(conn: sqlite3.Connection) -> None:
    result = query.full_text_search(conn, "securite PUBLIQUE")
    assert result.total == 2
    for hit in result.hits:
        marked = [hit.text[a:b] for a, b in hit.spans]
        assert "Sécurité" in marked and "publique" in marked
    prefix = query.full_text_search(conn, "interp", prefix=True)
    assert prefix.total >= 3
    assert query.full_text_search(conn, "interp").hits == ()


def test_document_view_orders_passages_and_locates_mentions(conn: sqlite3.Connection) -> None:
    excerpt = query.excerpts_for_entity(conn, _id(conn, "Meng Hongwei"))[0]
    doc = query.document_view(conn, excerpt.document_id)
    assert doc is not None
    assert [p.seq for p in doc.passages] == list(range(5))
    names = {m.entity_name for p in doc.passages for m in p.mentions}
    assert {"Meng Hongwei", "Interpol", "Xi Jinping"} <= names
    assert query.passage_document(conn, excerpt.passage_id) == excerpt.document_id
    assert query.document_view(conn, 999) is None
