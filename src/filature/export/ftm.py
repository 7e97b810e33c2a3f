"""The followthemoney export: entities as JSON lines, ready for Aleph (``ftm`` / ``alephclient``).

Mapping, by entity type: person -> Person, organization -> Organization, place -> Address
(with its ``country`` code when the name is a known country or territory), agreement ->
Contract, operation -> Project, event -> Event. Every source document becomes a Document
entity that the others cite as ``proof``.

Relations become interval entities: holds_role -> Directorship (leading roles) or Employment,
member_of -> Membership, participates_in an operation -> ProjectParticipant, funds ->
Payment, anything else (or any pair of types the schema does not allow) -> UnknownLink with
the relation's label as ``role``. Each carries its source documents as ``proof`` and its
quoted evidence in ``description``. Co-occurrences (``mentioned_with``) are not stated
relations and are left out unless asked for, then as UnknownLink marked "co-occurrence".

The lines are written without the followthemoney library (see ``ftm_values``); the tests
validate them with it when it is installed (``pip install 'filature[ftm]'``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from filature.export.files import write_file
from filature.export.ftm_values import clean_value, make_id, place_country
from filature.query.records import read_entities, read_relations
from filature.query.text import fold, safe_text
from filature.query.types import EntityCard, Relation
from filature.text import counted

PREFIX = "filature"
ENTITY_SCHEMA = {
    "person": "Person",
    "organization": "Organization",
    "place": "Address",
    "agreement": "Contract",
    "operation": "Project",
    "event": "Event",
}
LEADING_ROLES = (
    "president", "chair", "directeur", "directrice", "director", "dirigeant", "chef", "head",
    "ministre", "minister", "secretaire general", "secretary general", "commandant",
    "commissaire", "gouverneur", "governor", "fondateur", "founder",
)  # fmt: skip
MAX_QUOTES = 20
MAX_TEXT = 60_000


class Proxy:
    """One followthemoney entity: schema, id and property values, as its JSON line holds them."""

    __slots__ = ("id", "properties", "schema")

    def __init__(self, schema: str) -> None:
        self.schema = schema
        self.id = ""
        self.properties: dict[str, list[str]] = {}

    def make_id(self, *parts: str | None) -> None:
        """Set the id from ``parts``, as followthemoney's ``make_id`` does."""
        self.id = make_id(*parts)

    def to_dict(self) -> dict[str, object]:
        """The entity as followthemoney serialises it."""
        return {"id": self.id, "schema": self.schema, "properties": self.properties}


def put(proxy: Proxy, prop: str, value: str | None) -> None:
    """Add ``value`` to ``prop`` if the property's type accepts it (invalid values are dropped),
    its control characters replaced (``filature.text.printable``)."""
    if value is None:
        return
    cleaned = clean_value(prop, safe_text(value))
    if cleaned is None:
        return
    values = proxy.properties.setdefault(prop, [])
    if cleaned not in values:
        values.append(cleaned)


def _documents(conn: sqlite3.Connection) -> dict[int, Proxy]:
    docs: dict[int, Proxy] = {}
    for row in conn.execute("SELECT id, path, title, encoding FROM documents ORDER BY id"):
        doc = Proxy("Document")
        doc.make_id(PREFIX, "document", str(row[1]))
        put(doc, "title", str(row[2]))
        put(doc, "fileName", str(row[1]))
        put(doc, "encoding", str(row[3]))
        put(doc, "mimeType", "text/markdown" if str(row[1]).endswith(".md") else "text/plain")
        put(doc, "publisher", PREFIX)
        docs[int(row[0])] = doc
    return docs


def _entity(e: EntityCard, doc_ids: Sequence[str], taken: set[str]) -> Proxy:
    proxy = Proxy(ENTITY_SCHEMA[e.type])
    proxy.make_id(PREFIX, "entity", e.type, e.name)
    if proxy.id in taken:
        proxy.make_id(PREFIX, "entity", e.type, e.name, str(e.id))
    taken.add(proxy.id)
    if proxy.schema == "Contract":
        put(proxy, "title", e.name)
    if proxy.schema == "Address":
        put(proxy, "full", e.name)
        code, is_country = place_country(e.name)
        put(proxy, "country", code)
        if is_country:
            put(proxy, "summary", "Country")
    put(proxy, "name", e.name)
    for alias in e.aliases:
        put(proxy, "alias", alias)
    put(
        proxy,
        "description",
        f"Named {e.mention_count} times in {e.document_count} document(s) (filature).",
    )
    for doc_id in doc_ids:
        put(proxy, "proof", doc_id)
    return proxy


def _is_leading(role: str | None) -> bool:
    folded = fold(role or "")
    return any(word in folded for word in LEADING_ROLES)


def _link_schema(r: Relation, source: str, target: str) -> tuple[str, str, str]:
    """The schema and its (source, target) properties for a stated relation."""
    legal = {"Person", "Organization"}
    if r.type == "holds_role" and target == "Organization" and source in legal:
        if _is_leading(r.role):
            return "Directorship", "director", "organization"
        if source == "Person":
            return "Employment", "employee", "employer"
        return "Membership", "member", "organization"
    if r.type == "member_of" and target == "Organization" and source in legal:
        return "Membership", "member", "organization"
    if r.type == "participates_in" and target == "Project" and source in legal:
        return "ProjectParticipant", "participant", "project"
    if r.type == "funds" and source in legal and target in legal:
        return "Payment", "payer", "beneficiary"
    return "UnknownLink", "subject", "object"


def _citations(r: Relation) -> str:
    lines = [f"« {' '.join(c.quote.split())} » ({c.reference()})" for c in r.evidence[:MAX_QUOTES]]
    if len(r.evidence) > MAX_QUOTES:
        lines.append(f"… and {counted(len(r.evidence) - MAX_QUOTES, 'more passage')}.")
    return "\n".join(lines)[:MAX_TEXT]


def _link(r: Relation, ends: dict[int, Proxy], docs: dict[int, Proxy], taken: set[str]) -> Proxy:
    source, target = ends[r.source.id], ends[r.target.id]
    if r.stated:
        schema, src_prop, tgt_prop = _link_schema(r, source.schema, target.schema)
    else:
        schema, src_prop, tgt_prop = "UnknownLink", "subject", "object"
    link = Proxy(schema)
    link.make_id(PREFIX, "relation", r.type, source.id, target.id, r.role, r.date)
    if link.id in taken:
        link.make_id(PREFIX, "relation", r.type, source.id, target.id, r.role, r.date, str(r.id))
    taken.add(link.id)
    put(link, src_prop, source.id)
    put(link, tgt_prop, target.id)
    if schema == "Payment":
        put(link, "amount", None if r.amount is None else str(r.amount))
        put(link, "currency", r.currency)
    else:
        put(link, "role", (r.role or r.label) if r.stated else "mentioned with (co-occurrence)")
    date_prop = "date" if schema in {"UnknownLink", "Payment"} else "startDate"
    put(link, date_prop, r.date)
    summary = f"{r.source.name} {r.label} {r.target.name}"
    if not r.stated:
        summary += f": co-occurrence in {r.weight} passage(s), not a relation stated in the text"
    if r.agreement is not None:
        summary += f" (agreement: {r.agreement.name})"
    if r.period:
        summary += f" (period: {r.period})"
    put(link, "summary", summary)
    put(link, "description", _citations(r) or None)
    put(link, "publisher", PREFIX)
    for doc_id in dict.fromkeys(c.document_id for c in r.evidence):
        put(link, "proof", docs[doc_id].id)
    return link


def ftm_entities(conn: sqlite3.Connection, *, cooccurrence: bool = False) -> Iterator[Proxy]:
    """Every document, entity and relation as followthemoney entity proxies."""
    docs = _documents(conn)
    yield from docs.values()
    mentioned: dict[int, list[int]] = {}
    for entity_id, doc_id in conn.execute(
        "SELECT DISTINCT m.entity_id, p.document_id FROM mentions m "
        "JOIN passages p ON p.id = m.passage_id ORDER BY m.entity_id, p.document_id"
    ):
        mentioned.setdefault(int(entity_id), []).append(int(doc_id))
    ends: dict[int, Proxy] = {}
    taken: set[str] = set()
    for e in read_entities(conn):
        proof = [docs[d].id for d in mentioned.get(e.id, ())]
        ends[e.id] = _entity(e, proof, taken)
        yield ends[e.id]
    for r in read_relations(conn):
        if r.stated or cooccurrence:
            yield _link(r, ends, docs, taken)


def write_ftm(conn: sqlite3.Connection, out: Path, *, cooccurrence: bool = False) -> Path:
    """Write the followthemoney entities to ``out`` as JSON lines, atomically."""

    def write(handle: TextIO) -> None:
        for proxy in ftm_entities(conn, cooccurrence=cooccurrence):
            handle.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")

    return write_file(out, write)
