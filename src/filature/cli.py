"""The command line: thin typer commands over the library."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from filature import __version__
from filature.card import EntityLookupError
from filature.errors import SourceProblem
from filature.export import ExportProblem
from filature.models import ENTITY_TYPES
from filature.store.connect import DEFAULT_DB, DatabaseProblem, open_readonly, rebuild_command
from filature.store.writer import BuildLocked
from filature.text import safe_text

DEFAULT_SOURCE = Path("seeds")

app = typer.Typer(
    name="filature",
    help="Turn a folder of documents into a map of the actors they name, and explore it.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

# readable=False: an unreadable file gets filature's own one-line message and fix, not click's.
DbOption = Annotated[Path, typer.Option("--db", help="The database file.", readable=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def fail(message: str, fix: str | None = None, code: int = 1) -> NoReturn:
    """Print a one-line error (and the command that fixes it) and exit non-zero."""
    line = f"Error: {safe_text(message)}"
    if fix:
        line += f" Fix: {fix}"
    err.print(Text(line, style="bold red"), soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def clean_errors(db: Path | None = None) -> Iterator[None]:
    """Turn every expected failure into a one-line message with its fix, never a traceback."""
    try:
        yield
    except DatabaseProblem as exc:
        fail(exc.message, exc.fix, code=2)
    except ExportProblem as exc:
        fail(exc.message, exc.fix, code=2)
    except EntityLookupError as exc:
        fail(exc.message, "filature search NAME lists close matches", code=1)
    except BuildLocked as exc:
        fail(str(exc), "wait for it to finish, then run the command again", code=3)
    except SourceProblem as exc:
        fail(str(exc), "filature build PATH/TO/FOLDER", code=2)
    except sqlite3.Error as exc:
        fix = rebuild_command(db) if db is not None else None
        fail(f"The database could not be read ({exc}).", fix, code=2)
    except OSError as exc:
        fail(f"{exc.strerror or exc} ({exc.filename})" if exc.filename else str(exc), code=2)


def _version(value: bool) -> None:
    if value:
        out.print(f"filature {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """With no command: build db/filature.db from seeds/ if needed, then open the explorer."""
    if ctx.invoked_subcommand is not None:
        return
    from filature.build import needs_build

    if needs_build(DEFAULT_SOURCE, DEFAULT_DB):
        build(DEFAULT_SOURCE, DEFAULT_DB)
    _open_explorer(DEFAULT_DB)


@app.command()
def build(
    source: Annotated[Path, typer.Argument(help="The folder of documents.")] = DEFAULT_SOURCE,
    db: DbOption = DEFAULT_DB,
    max_mb: Annotated[
        float, typer.Option("--max-mb", help="Skip files larger than this many megabytes.")
    ] = 50.0,
    curation: Annotated[
        Path | None,
        typer.Option(help="Curation file to apply (default: curation.toml in the folder)."),
    ] = None,
    explain_drops: Annotated[
        Path | None,
        typer.Option(
            "--explain-drops",
            help="Write every candidate name a filter dropped, with the rule and reason, as TSV.",
        ),
    ] = None,
) -> None:
    """Build the database from a folder of .txt and .md documents."""
    from filature.build import build as run_build
    from filature.progress import build_progress

    with clean_errors(db), build_progress(err) as progress:
        report = run_build(
            source,
            db,
            max_bytes=int(max_mb * 1024 * 1024),
            curation=curation,
            progress=progress,
            explain_drops=explain_drops,
        )
    from filature.summary import print_summary

    print_summary(out, report)


@app.command()
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
    with clean_errors(db):
        conn = open_readonly(db)
        from filature.query.listing import list_entities

        rows = list_entities(conn, type, limit)
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("id", "name", "type", "mentions", "aliases", box=None)
    for row in rows:
        table.add_row(
            str(row["id"]),
            Text(safe_text(str(row["name"]))),
            str(row["type"]),
            str(row["mention_count"]),
            Text(safe_text(", ".join(str(a) for a in row["aliases"] if a != row["name"]))),
        )
    out.print(table)


TypeOption = Annotated[
    str | None, typer.Option("--type", "-t", help=f"One of: {', '.join(ENTITY_TYPES)}.")
]


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name, an alias or #ID.")],
    db: DbOption = DEFAULT_DB,
    type: TypeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show an entity's card: aliases, relations and top excerpts."""
    from filature.card import card_as_json, card_renderable, entity_card, resolve_entity

    with clean_errors(db):
        conn = open_readonly(db)
        card = entity_card(conn, resolve_entity(conn, name, type))
    if as_json:
        out.print_json(json.dumps(card_as_json(card), ensure_ascii=False))
    else:
        out.print(card_renderable(card))


@app.command()
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
    from filature.card import resolve_entity
    from filature.dossier import write_dossier

    if format not in ("md", "html"):
        fail(f"Unknown format {format!r}.", "use --format md or --format html")
    with clean_errors(db):
        conn = open_readonly(db)
        path = write_dossier(conn, resolve_entity(conn, name, type), format, out_path)  # type: ignore[arg-type]
    out.print(Text(f"Wrote {path}"))


@app.command()
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
    with clean_errors(db):
        conn = open_readonly(db)
        result = export_database(conn, format, out_path, cooccurrence=cooccurrence)
    paths = ", ".join(str(p) for p in result.paths)
    out.print(
        Text(f"Exported {result.entities} entities and {result.relations} relations to {paths}")
    )


@app.command()
def relations(
    entity: Annotated[
        str | None, typer.Argument(help="Only the relations of this entity (name, alias or #ID).")
    ] = None,
    type: Annotated[
        str | None,
        typer.Option("--type", "-t", help="A relation type, e.g. holds_role, funds."),
    ] = None,
    cooccurrence: Annotated[
        bool, typer.Option("--cooccurrence", help="Include co-occurrences (mentioned_with).")
    ] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows (0: all).")] = 0,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """List relations with their role, date and evidence."""
    from filature.card import resolve_entity
    from filature.query.listing import list_relations

    with clean_errors(db):
        conn = open_readonly(db)
        entity_id = resolve_entity(conn, entity) if entity else None
        rows = list_relations(conn, entity_id, type, cooccurrence=cooccurrence, limit=limit)
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("source", "relation", "target", "role", "date", "passages", "rule", box=None)
    for row in rows:
        detail = row["role"] or ""
        if row["amount"] is not None:
            detail = f"{row['amount']:,.0f} {row['currency'] or ''} {row['period'] or ''}".strip()
        table.add_row(
            Text(safe_text(row["source"], keep_newlines=False)),
            row["type"],
            Text(safe_text(row["target"], keep_newlines=False)),
            Text(safe_text(detail, keep_newlines=False)),
            row["date"] or "",
            str(len(row["evidence"])),
            row["rule"],
        )
    out.print(table)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="A few letters of a name or an alias.")],
    type: TypeOption = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 10,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Find entities by name or alias, fuzzily (typos, accents, word order)."""
    from filature.query import describe_hit_json, fuzzy_search, parse_type

    etype = None
    if type is not None:
        try:
            etype = parse_type(type)
        except ValueError as exc:
            fail(str(exc))
    with clean_errors(db):
        conn = open_readonly(db)
        hits = fuzzy_search(conn, query, limit=max(1, min(limit, 500)), etype=etype)
    if as_json:
        out.print_json(json.dumps([describe_hit_json(h) for h in hits], ensure_ascii=False))
        return
    if not hits:
        err.print("No entity matches.")
        raise typer.Exit(1)
    table = Table("id", "name", "type", "mentions", "matched", "score", box=None)
    for hit in hits:
        table.add_row(
            str(hit.id),
            Text(safe_text(hit.name, keep_newlines=False)),
            hit.type,
            str(hit.mention_count),
            Text(safe_text(hit.alias, keep_newlines=False)),
            f"{hit.score:.0f}",
        )
    out.print(table)


@app.command()
def find(
    text: Annotated[str, typer.Argument(help="Words to find in the passages.")],
    limit: Annotated[int, typer.Option(help="At most this many passages.")] = 20,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over every passage (any input is taken literally)."""
    from filature.query import describe_hit_json, full_text_search

    with clean_errors(db):
        conn = open_readonly(db)
        result = full_text_search(conn, text, max(1, min(limit, 1000)))
    if as_json:
        out.print_json(json.dumps([describe_hit_json(h) for h in result.hits], ensure_ascii=False))
        return
    if not result.hits:
        err.print(Text(safe_text(result.message or "No passage matches.", keep_newlines=False)))
        raise typer.Exit(1)
    for hit in result.hits:
        out.print(
            Text(
                f"{hit.document_path}, lines {hit.line_start}–{hit.line_end} ({hit.zone}), "
                f"passage {hit.passage_id}",
                style="bold",
            )
        )
        out.print(Text(safe_text(hit.text)), Text(""))
    out.print(Text(f"{len(result.hits)} of {result.total} passages."))


@app.command()
def browse(db: DbOption = DEFAULT_DB) -> None:
    """Open the explorer on a database."""
    _open_explorer(db)


def _open_explorer(db: Path) -> None:
    with clean_errors(db):
        from filature.tui.app import make_app

        explorer = make_app(db)
    explorer.run()


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)
