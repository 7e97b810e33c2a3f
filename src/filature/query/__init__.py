"""Read-only queries and the fuzzy index, used by the app and the command line.

Nothing here imports Textual or spaCy; reading the database is the only I/O. The fuzzy index
(and numpy with it) is imported on first use, so that the app draws its first screen sooner.
"""

from __future__ import annotations

import importlib
import sqlite3
from typing import TYPE_CHECKING, Any

from filature.models import ENTITY_TYPES
from filature.query.documents import document_view, passage_document
from filature.query.excerpts import top_excerpts
from filature.query.fts import full_text_search
from filature.query.network import ego_network, neighbour_groups
from filature.query.reader import (
    count_excerpts,
    entity_card,
    excerpts_for_entity,
    excerpts_for_relation,
    list_entities,
    relations_of,
    type_counts,
)
from filature.query.records import read_entities, read_relations
from filature.query.resolve import AmbiguousName, EntityLookupError, EntityNotFound, resolve_entity
from filature.query.tables import relation_table, sort_rows
from filature.query.timeline import timeline
from filature.query.types import (
    DocumentPassage,
    DocumentView,
    EndPoint,
    EntityCard,
    EntityRow,
    Evidence,
    Excerpt,
    FullTextResult,
    FuzzyHit,
    Located,
    MentionRef,
    Relation,
    RelationRow,
    describe_hit_json,
)

if TYPE_CHECKING:
    from filature.query.fuzzy import FuzzyIndex, load_index

__all__ = [
    "TYPE_LABELS",
    "AmbiguousName",
    "DocumentPassage",
    "DocumentView",
    "EndPoint",
    "EntityCard",
    "EntityLookupError",
    "EntityNotFound",
    "EntityRow",
    "Evidence",
    "Excerpt",
    "FullTextResult",
    "FuzzyHit",
    "FuzzyIndex",
    "Located",
    "MentionRef",
    "Relation",
    "RelationRow",
    "count_excerpts",
    "describe_hit_json",
    "document_view",
    "ego_network",
    "entity_card",
    "excerpts_for_entity",
    "excerpts_for_relation",
    "full_text_search",
    "fuzzy_search",
    "list_entities",
    "load_index",
    "neighbour_groups",
    "parse_type",
    "passage_document",
    "read_entities",
    "read_relations",
    "relation_table",
    "relations_of",
    "resolve_entity",
    "sort_rows",
    "timeline",
    "top_excerpts",
    "type_counts",
]

TYPE_LABELS: dict[str, str] = {
    "person": "People",
    "organization": "Organisations",
    "place": "Places",
    "agreement": "Agreements",
    "operation": "Operations",
    "event": "Events",
}

_TYPE_WORDS = {
    "people": "person",
    "persons": "person",
    "org": "organization",
    "orgs": "organization",
    "organisation": "organization",
    "organisations": "organization",
    "organizations": "organization",
}


def parse_type(word: str) -> str:
    """The schema type for a user's word ("People", "orgs", "place"...); ValueError otherwise."""
    key = word.strip().casefold()
    if key in ENTITY_TYPES:
        return key
    if key in _TYPE_WORDS:
        return _TYPE_WORDS[key]
    if key.endswith("s") and key[:-1] in ENTITY_TYPES:
        return key[:-1]
    raise ValueError(f"Unknown type {word!r}; use one of: {', '.join(ENTITY_TYPES)}.")


def __getattr__(name: str) -> Any:
    if name in ("FuzzyIndex", "load_index"):
        return getattr(importlib.import_module("filature.query.fuzzy"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def fuzzy_search(
    conn: sqlite3.Connection,
    text: str,
    *,
    limit: int = 20,
    etype: str | None = None,
    index: FuzzyIndex | None = None,
) -> list[FuzzyHit]:
    """Entities whose name or an alias matches ``text`` fuzzily, best first (one per entity).

    Builds the index from ``conn`` unless a prebuilt ``index`` is given.
    """
    if index is None:
        from filature.query.fuzzy import load_index

        index = load_index(conn)
    return index.search(text, limit=limit, etype=etype)
