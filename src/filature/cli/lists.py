"""The listing commands: entities, relations, search (names) and find (passages)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from filature.cli.errors import fail, reading
from filature.cli.options import (
    DbOption,
    JsonOption,
    TypeOption,
    err,
    out,
    print_json,
)
from filature.models import ENTITY_TYPES
from filature.query.text import printable_line
from filature.store.connect import DEFAULT_DB
from filature.text import counted
from filature.vocabulary import CO_OCCURRENCE


def entities(
    db: DbOption = DEFAULT_DB,
    type: Annotated[
        str | None, typer.Option("--type", "-t", help=f"One of: {', '.join(ENTITY_TYPES)}.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows (0: all).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List the entities, most mentioned first."""
    if type is not None and type not in ENTITY_TYPES:
        fail(f"Unknown type {type!r}.", f"use one of: {', '.join(ENTITY_TYPES)}")
    from filature.listing import entity_row, entity_table
    from filature.query.records import read_entities

    with reading(db) as conn:
        rows = read_entities(conn, etype=type, limit=limit)
    if as_json:
        print_json([entity_row(e) for e in rows])
        return
    out.print(entity_table(rows))


def relations(
    entity: Annotated[
        str | None, typer.Argument(help="Only the relations of this entity (name, alias or #ID).")
    ] = None,
    type: Annotated[
        str | None,
        typer.Option("--type", "-t", help="A relation type, e.g. holds_role, funds."),
    ] = None,
    cooccurrence: Annotated[
        bool, typer.Option("--cooccurrence", help=f"Include co-occurrences ({CO_OCCURRENCE}).")
    ] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows (0: all).")] = 0,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """List relations with their role, date and evidence."""
    from filature.listing import relation_row, relation_table
    from filature.query.records import read_relations
    from filature.query.resolve import resolve_entity

    with reading(db) as conn:
        entity_id = resolve_entity(conn, entity) if entity else None
        rows = read_relations(
            conn, entity_id, rtype=type, cooccurrence=cooccurrence, limit=limit, by_names=True
        )
    if as_json:
        print_json([relation_row(r) for r in rows])
        return
    out.print(relation_table(rows))


def search(
    query: Annotated[str, typer.Argument(help="A few letters of a name or an alias.")],
    type: TypeOption = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 10,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Find entities by name or alias, fuzzily (typos, accents, word order)."""
    from filature.listing import fuzzy_hit_table
    from filature.query import describe_hit_json, fuzzy_search, parse_type

    etype = None
    if type is not None:
        try:
            etype = parse_type(type)
        except ValueError as exc:
            fail(str(exc))
    with reading(db) as conn:
        hits = fuzzy_search(conn, query, limit=max(1, min(limit, 500)), etype=etype)
    if as_json:
        print_json([describe_hit_json(h) for h in hits])
        return
    if not hits:
        err.print("No entity matches.")
        raise typer.Exit(1)
    out.print(fuzzy_hit_table(hits))


def find(
    text: Annotated[str, typer.Argument(help="Words to find in the passages.")],
    limit: Annotated[int, typer.Option(help="At most this many passages.")] = 20,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over every passage (any input is taken literally)."""
    from filature.listing import passage_hit
    from filature.query import describe_hit_json, full_text_search

    with reading(db) as conn:
        result = full_text_search(conn, text, max(1, min(limit, 1000)))
    if as_json:
        print_json([describe_hit_json(h) for h in result.hits])
        return
    if not result.hits:
        err.print(Text(printable_line(result.message or "No passage matches.")))
        raise typer.Exit(1)
    for hit in result.hits:
        heading, body = passage_hit(hit)
        out.print(heading)
        out.print(body, Text(""))
    out.print(Text(f"{len(result.hits):,} of {counted(result.total, 'passage')}."))
