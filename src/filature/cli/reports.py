"""The commands that report on one entity or the whole map: show, dossier and export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from filature.cli.errors import fail, reading
from filature.cli.options import DbOption, JsonOption, TypeOption, out, print_json
from filature.query.text import printable_line
from filature.store.connect import DEFAULT_DB


def show(
    name: Annotated[str, typer.Argument(help="A name, an alias or #ID.")],
    db: DbOption = DEFAULT_DB,
    type: TypeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show an entity's card: aliases, relations and top excerpts."""
    from filature.card import card_as_json, card_of, card_renderable
    from filature.query.resolve import resolve_entity

    with reading(db) as conn:
        card = card_of(conn, resolve_entity(conn, name, type))
    if as_json:
        print_json(card_as_json(card))
    else:
        out.print(card_renderable(card))


def dossier(
    name: Annotated[str, typer.Argument(help="A name, an alias or #ID.")],
    format: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Output file (default: exports/dossiers/).")
    ] = None,
    db: DbOption = DEFAULT_DB,
    type: TypeOption = None,
) -> None:
    """Write a one-page report on an entity, its relations quoted and cited."""
    from filature.dossier import write_dossier
    from filature.query.resolve import resolve_entity

    if format not in ("md", "html"):
        fail(f"Unknown format {format!r}.", "use --format md or --format html")
    with reading(db) as conn:
        path = write_dossier(conn, resolve_entity(conn, name, type), format, out_path)  # type: ignore[arg-type]
    out.print(Text(f"Wrote {printable_line(str(path))}"))


def export(
    format: Annotated[str, typer.Option("--format", "-f", help="json, csv, graphml, gexf or ftm.")],
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Output file or folder (default: exports/).")
    ] = None,
    cooccurrence: Annotated[
        bool, typer.Option(help="Also export co-occurrences to ftm (as UnknownLink).")
    ] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export entities and relations for Gephi, Aleph, spreadsheets and other tools."""
    from filature.export import FORMATS, export_database

    if format not in FORMATS:
        fail(f"Unknown format {format!r}.", f"use one of: {', '.join(FORMATS)}")
    with reading(db) as conn:
        result = export_database(conn, format, out_path, cooccurrence=cooccurrence)
    paths = ", ".join(printable_line(str(p)) for p in result.paths)
    out.print(
        Text(f"Exported {result.entities} entities and {result.relations} relations to {paths}")
    )
