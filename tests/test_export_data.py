"""A corpus written with the real writer for the export, dossier and card tests, and the
tests of the shared read layer (citations, aliases, counts, control characters)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from docfactory import document_of, form_spans
from filature.models import (
    Entity,
    EntityType,
    EvidenceSpan,
    Extraction,
    FileReport,
    Mention,
    Relation,
    Zone,
)
from filature.query.records import read_entities, read_relations
from filature.store.writer import write_database

ELECTION = (
    "La Chine a rejoint Interpol en 1984. Le 10 novembre 2016, Meng Hongwei, membre du parti "
    "communiste et vice-ministre de la Sécurité publique depuis le 10 avril 2004, est élu "
    "président d'Interpol."
)
ASSEMBLY = (
    "En septembre 2017, la Chine accueille la 86e Assemblée générale d'Interpol à Pékin. "
    "C'est le président Xi Jinping lui-même qui fait le discours d'ouverture."
)
FOOTNOTE = (
    "22. Meng Hongwei disparaît en septembre 2018. Il est probable que Meng Hongwei ait été "
    "victime d'une purge de la part de Xi Jinping."
)
HOSTILE = (
    '=HYPERLINK("http://x") La Société <b>Nord</b> [clic](javascript:alert(1)) coopère avec '
    "Interpol\x1b[31m depuis 2019 <script>alert(1)</script> # titre *gras* `code` | fin."
)
MCC = (
    "Le MCC coopère avec le ministère de la Sécurité publique depuis 2019. Financé par le "
    "ministère de la Sécurité publique à hauteur de 2 millions de yuans, le MCC participe à "
    "l'opération Fox Hunt."
)
HOSTILE_NAME = "Société <b>Nord</b>"

PASSAGES: list[list[tuple[Zone, str]]] = [
    [("heading", "• ... et d'Interpol"), ("body", ELECTION), ("body", ASSEMBLY),
     ("footnote", FOOTNOTE), ("body", HOSTILE)],
    [("body", MCC)],
]  # fmt: skip
DOCS = [("001_chine_interpol.txt", "La Chine et la sécurité mondiale"),
        ("sub/000_mcc.md", "Coopération du MCC avec la Chine")]  # fmt: skip

ENTITIES: list[tuple[str, EntityType, tuple[str, ...]]] = [
    ("Meng Hongwei", "person", ()),
    ("Xi Jinping", "person", ("président Xi Jinping",)),
    ("Interpol", "organization", ("INTERPOL",)),
    ("Ministère de la Sécurité publique", "organization",
     ("Sécurité publique", "ministère de la Sécurité publique")),
    ("Pékin", "place", ("Beijing",)),
    ("Chine", "place", ()),
    ("MCC", "organization", ()),
    ("Fox Hunt", "operation", ("opération Fox Hunt",)),
    ("86e Assemblée générale d'Interpol", "event", ()),
    (HOSTILE_NAME, "organization", ("=cmd|' /C calc'!A0",)),
    ("Meng Jianzhu", "person", ()),
]  # fmt: skip
KEY = {name: i for i, (name, _, _) in enumerate(ENTITIES)}


def _span(doc: int, seq: int, quote: str) -> EvidenceSpan:
    text = PASSAGES[doc][seq][1]
    start = text.index(quote)
    return EvidenceSpan(doc, seq, start, start + len(quote))


RELATIONS = [
    Relation(KEY["Meng Hongwei"], KEY["Interpol"], "holds_role", 0.9, "test",
             (_span(0, 1, "Meng Hongwei, membre du parti communiste et vice-ministre de la "
                          "Sécurité publique depuis le 10 avril 2004, est élu président "
                          "d'Interpol"),), role="président", date="2016-11-10"),
    Relation(KEY["Meng Hongwei"], KEY["Ministère de la Sécurité publique"], "holds_role", 0.8,
             "test", (_span(0, 1, "vice-ministre de la Sécurité publique depuis le 10 avril "
                                  "2004"),), role="vice-ministre", date="2004-04-10"),
    Relation(KEY["Chine"], KEY["86e Assemblée générale d'Interpol"], "hosts", 0.8, "test",
             (_span(0, 2, "la Chine accueille la 86e Assemblée générale d'Interpol à Pékin"),)),
    Relation(KEY["86e Assemblée générale d'Interpol"], KEY["Pékin"], "located_in", 0.7, "test",
             (_span(0, 2, "86e Assemblée générale d'Interpol à Pékin"),)),
    Relation(KEY["MCC"], KEY["Ministère de la Sécurité publique"], "cooperates_with", 0.8,
             "test", (_span(1, 0, "Le MCC coopère avec le ministère de la Sécurité publique"),)),
    Relation(KEY["Ministère de la Sécurité publique"], KEY["MCC"], "funds", 0.7, "test",
             (_span(1, 0, "Financé par le ministère de la Sécurité publique à hauteur de 2 "
                          "millions de yuans, le MCC"),), amount=2_000_000.0, currency="CNY"),
    Relation(KEY["MCC"], KEY["Fox Hunt"], "participates_in", 0.7, "test",
             (_span(1, 0, "le MCC participe à l'opération Fox Hunt"),)),
    Relation(KEY["MCC"], KEY["Interpol"], "member_of", 0.6, "test", ()),
    Relation(KEY[HOSTILE_NAME], KEY["Interpol"], "cooperates_with", 0.6, "test",
             (EvidenceSpan(0, 4, 0, len(HOSTILE)),), role="=SUM(1+1)"),
    Relation(KEY["Meng Hongwei"], KEY["Xi Jinping"], "mentioned_with", 0.5, "cooccurrence",
             (), weight=2),
    Relation(KEY["Meng Hongwei"], KEY["Interpol"], "mentioned_with", 0.5, "cooccurrence", (),
             weight=1),
    Relation(KEY["Xi Jinping"], KEY["Pékin"], "mentioned_with", 0.5, "cooccurrence", (),
             weight=1),
]  # fmt: skip


def _mentions(forms: tuple[str, ...]) -> tuple[Mention, ...]:
    return tuple(
        Mention(d, seq, start, end, form)
        for d, parts in enumerate(PASSAGES)
        for seq, (_, text) in enumerate(parts)
        for start, end, form in form_spans(text, forms)
    )


def make_db(path: Path) -> Path:
    """Write the sample corpus with the real writer and return the database path."""
    entities = tuple(
        Entity(i, name, etype, (name, *aliases), _mentions((name, *aliases)))
        for i, (name, etype, aliases) in enumerate(ENTITIES)
    )
    files = [FileReport(p, "ok", "", "utf-8") for p, _ in DOCS]
    documents = [
        document_of(p, t, parts, height=2) for (p, t), parts in zip(DOCS, PASSAGES, strict=True)
    ]
    write_database(path, documents, Extraction(entities, tuple(RELATIONS)), files,
                   {"built_at": "2024-01-01T00:00:00+00:00"})  # fmt: skip
    return path


def test_citations_quote_the_evidence_span_with_document_and_lines(
    conn: sqlite3.Connection,
) -> None:
    meng = KEY["Meng Hongwei"] + 1
    relations = read_relations(conn, meng)
    assert [r.type for r in relations] == ["holds_role"] * 2 + ["mentioned_with"] * 2
    role = next(r for r in relations if r.role == "président")
    (cite,) = role.evidence
    assert cite.quote.startswith("Meng Hongwei, membre du parti") and cite.quote.endswith(
        "président d'Interpol"
    )
    assert (cite.document_path, cite.document_title) == DOCS[0]
    assert (cite.line_start, cite.line_end, cite.zone) == (4, 5, "body")
    assert cite.reference().endswith("lines 4\N{EN DASH}5")
    assert not relations[2].stated and relations[2].symmetric and relations[2].weight == 2


def test_entities_have_aliases_without_the_name_and_counts(conn: sqlite3.Connection) -> None:
    by_name = {e.name: e for e in read_entities(conn)}
    msp = by_name["Ministère de la Sécurité publique"]
    assert msp.aliases == ("ministère de la Sécurité publique", "Sécurité publique")
    assert msp.document_count == 2
    meng = by_name["Meng Hongwei"]
    assert (meng.mention_count, meng.body_mentions, meng.footnote_mentions) == (3, 1, 2)
    assert by_name["Meng Jianzhu"].mention_count == 0


def test_control_characters_never_leave_the_database(conn: sqlite3.Connection) -> None:
    hostile = next(r for r in read_relations(conn) if r.source.name == HOSTILE_NAME)
    assert "\x1b" not in hostile.evidence[0].quote
    assert "\N{SYMBOL FOR ESCAPE}[31m" in hostile.evidence[0].quote
