"""The command line: thin typer commands over the library."""

from __future__ import annotations

# isort: off
import filature.starting  # noqa: F401  (first: Ctrl-C while starting is one line)

# isort: on
import json
import os
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
from filature.curation.entries import CurationError
from filature.errors import Problem, SourceProblem
from filature.export import ExportProblem
from filature.models import ENTITY_TYPES
from filature.query.resolve import EntityLookupError
from filature.query.text import printable, printable_line
from filature.store.connect import DEFAULT_DB, DatabaseProblem, open_readonly, rebuild_command
from filature.store.writer import BuildLocked
from filature.vocabulary import CO_OCCURRENCE

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
    line = f"Error: {printable_line(message)}"
    if fix:
        line += f" Fix: {printable_line(fix)}"
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
    except CurationError as exc:
        fail(f"{exc}.", exc.fix, code=2)
    except Problem as exc:
        fail(exc.message, exc.fix, code=2)
    except sqlite3.Error as exc:
        fix = rebuild_command(db) if db is not None else None
        fail(f"The database could not be read ({exc}).", fix, code=2)
    except OSError as exc:
        fail(f"{exc.strerror or exc} ({exc.filename})" if exc.filename else str(exc), code=2)


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's inode and modification time (a build replaces the file), None if absent."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns


def open_database(db: Path) -> sqlite3.Connection:
    """Open the database read-only, after applying the curation file if it is ahead of it
    (a note on stderr says so, or why it could not be done)."""
    from filature.curation.sync import sync

    note = sync(db)
    if note:
        err.print(Text(f"Note: {printable_line(note)}", style="yellow"))
    return open_readonly(db)


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
    from filature.starting import ready

    if ctx.invoked_subcommand is not None:
        if ctx.invoked_subcommand != "build":
            ready()  # a build takes over Ctrl-C itself, once it can say what was kept
        return
    from filature.build import CURATION_FILE, needs_build

    if needs_build(DEFAULT_SOURCE, DEFAULT_DB):
        try:
            from filature.curation.entries import load_curation
            from filature.ingest.documents_file import (
                DOCUMENTS_FILE,
                DocumentsFileError,
                read_documents_file,
            )

            load_curation(DEFAULT_SOURCE / CURATION_FILE)
            read_documents_file(DEFAULT_SOURCE / DOCUMENTS_FILE)
        except CurationError as exc:
            if not DEFAULT_DB.exists():
                fail(f"{exc}.", exc.fix, code=2)
            opens = (
                "opens as last built"
                if isinstance(exc, DocumentsFileError)
                else "opens read-only (no curation decision)"
            )
            err.print(
                Text(
                    f"Warning: {printable_line(str(exc))}; {DEFAULT_DB} was not rebuilt and "
                    f"{opens} until that is fixed: {exc.fix}.",
                    style="yellow",
                ),
                soft_wrap=True,
            )
        else:
            if DEFAULT_SOURCE.is_dir():
                err.print(Text(_why_build(DEFAULT_SOURCE, DEFAULT_DB)), soft_wrap=True)
            build(DEFAULT_SOURCE, DEFAULT_DB)
            _wait_for_enter()
    ready()
    _open_explorer(DEFAULT_DB)


def _why_build(source: Path, db: Path) -> str:
    if not db.exists():
        why = f"{db.name} is missing: a first build loads spaCy's French model, then analyses"
        return f"Building {db} from {source}/ ({why} every passage)."
    why = f"{db.name} is older than the documents: only the changed ones are analysed"
    return f"Building {db} from {source}/ ({why})."


def _wait_for_enter() -> None:
    """Keep the build summary on screen until the user opens the explorer (terminals only)."""
    if not (sys.stdin.isatty() and out.is_terminal):
        return
    try:
        out.input("Press Enter to open the explorer (Ctrl-C to stop here). ")
    except EOFError:
        return


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
    follow_links: Annotated[
        bool,
        typer.Option(
            "--follow-links", help="Also read symbolic links that lead outside the folder."
        ),
    ] = False,
    explain_drops: Annotated[
        Path | None,
        typer.Option(
            "--explain-drops",
            help="Write every candidate name a filter dropped, with the rule and reason, as TSV.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes analysing the documents (default: every core; 1: one process).",
        ),
    ] = None,
    ocr: Annotated[
        bool,
        typer.Option(
            "--ocr",
            help="Read scanned PDF pages with Tesseract (needs tesseract and its French data).",
        ),
    ] = False,
) -> None:
    """Build the database from a folder of documents (.txt, .md, .pdf, .html, .docx, .odt, .eml)."""
    from filature.ingest.formats.pdf_ocr import OCR_ENV
    from filature.starting import ready

    if ocr:
        os.environ[OCR_ENV] = "1"

    before = _identity(db)
    try:
        ready()
        from filature.build import build as run_build
        from filature.progress import build_progress

        with clean_errors(db), build_progress(err) as progress:
            report = run_build(
                source,
                db,
                max_bytes=int(max_mb * 1024 * 1024),
                curation=curation,
                progress=progress,
                follow_links=follow_links,
                explain_drops=explain_drops,
                workers=workers,
            )
    except KeyboardInterrupt:
        if _identity(db) != before:
            kept = f"the new {db} had just been written"
        else:
            kept = f"the previous {db} is kept" if before else f"no {db} was written"
        err.print(Text(printable_line(f"Interrupted: the build stopped; {kept}.")), soft_wrap=True)
        raise typer.Exit(130) from None
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
    from filature.listing import entity_row, entity_table
    from filature.query.records import read_entities

    with clean_errors(db):
        conn = open_database(db)
        rows = read_entities(conn, etype=type, limit=limit)
    if as_json:
        out.print_json(json.dumps([entity_row(e) for e in rows], ensure_ascii=False))
        return
    out.print(entity_table(rows))


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
    from filature.card import card_as_json, card_of, card_renderable
    from filature.query.resolve import resolve_entity

    with clean_errors(db):
        conn = open_database(db)
        card = card_of(conn, resolve_entity(conn, name, type))
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
    from filature.dossier import write_dossier
    from filature.query.resolve import resolve_entity

    if format not in ("md", "html"):
        fail(f"Unknown format {format!r}.", "use --format md or --format html")
    with clean_errors(db):
        conn = open_database(db)
        path = write_dossier(conn, resolve_entity(conn, name, type), format, out_path)  # type: ignore[arg-type]
    out.print(Text(f"Wrote {printable_line(str(path))}"))


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
        conn = open_database(db)
        result = export_database(conn, format, out_path, cooccurrence=cooccurrence)
    paths = ", ".join(printable_line(str(p)) for p in result.paths)
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

    with clean_errors(db):
        conn = open_database(db)
        entity_id = resolve_entity(conn, entity) if entity else None
        rows = read_relations(
            conn, entity_id, rtype=type, cooccurrence=cooccurrence, limit=limit, by_names=True
        )
    if as_json:
        out.print_json(json.dumps([relation_row(r) for r in rows], ensure_ascii=False))
        return
    out.print(relation_table(rows))


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
        conn = open_database(db)
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
            Text(printable_line(hit.name)),
            hit.type,
            str(hit.mention_count),
            Text(printable_line(hit.alias)),
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
        conn = open_database(db)
        result = full_text_search(conn, text, max(1, min(limit, 1000)))
    if as_json:
        out.print_json(json.dumps([describe_hit_json(h) for h in result.hits], ensure_ascii=False))
        return
    if not result.hits:
        err.print(Text(printable_line(result.message or "No passage matches.")))
        raise typer.Exit(1)
    for hit in result.hits:
        out.print(
            Text(
                hit.reference(
                    printable_line(hit.document_title),
                    printable_line(hit.document_path),
                    printable_line(hit.document_label or ""),
                )
                + f" ({hit.zone}), "
                f"passage {hit.passage_id}",
                style="bold",
            )
        )
        out.print(Text(printable(hit.text)), Text(""))
    out.print(Text(f"{len(result.hits)} of {result.total} passages."))


@app.command()
def notes(
    entity: Annotated[
        str | None, typer.Option("--entity", help="Star this entity (name, alias or #ID).")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="The note to attach.")] = "",
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """List the notes (notes.toml, beside curation.toml); with --entity, star an entity."""
    from dataclasses import asdict

    from filature.notes.edit import append_note, new_note, notes_home
    from filature.query.notes import read_notes
    from filature.query.records import read_entities
    from filature.query.resolve import resolve_entity

    if note and entity is None:
        fail("--note needs what it is about.", 'filature notes --entity NAME --note "..."')
    with clean_errors(db):
        conn = open_database(db)
        if entity is not None:
            (card,) = read_entities(conn, [resolve_entity(conn, entity)])
            meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
            path = notes_home(db, meta)
            append_note(path, new_note("entity", name=card.name, type=card.type, note=note))
            out.print(Text(printable_line(f"Starred {card.name} in {path}")))
            return
        records = read_notes(conn)
    if as_json:
        out.print_json(json.dumps([asdict(r) for r in records], ensure_ascii=False))
        return
    table = Table("kind", "points to", "note", "found", box=None)
    for r in records:
        found = "no: not in this database" if not r.found else "yes"
        table.add_row(r.kind, Text(printable_line(r.label)), Text(printable_line(r.note)), found)
    out.print(table if records else Text("No note yet: filature notes --entity NAME --note TEXT"))


@app.command()
def browse(db: DbOption = DEFAULT_DB) -> None:
    """Open the explorer on a database."""
    _open_explorer(db)


def _open_explorer(db: Path) -> None:
    with clean_errors(db):
        from filature.tui.app import make_app

        explorer = make_app(db)
    explorer.run()
    if explorer.return_code:
        raise typer.Exit(explorer.return_code)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)
