"""The notes command: list the analyst's notes (notes.toml), or star an entity with a note."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from filature.cli.errors import fail, reading
from filature.cli.options import DbOption, JsonOption, out, print_json
from filature.query.text import printable_line
from filature.store.connect import DEFAULT_DB


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
    with reading(db) as conn:
        if entity is not None:
            (card,) = read_entities(conn, [resolve_entity(conn, entity)])
            meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
            path = notes_home(db, meta)
            append_note(path, new_note("entity", name=card.name, type=card.type, note=note))
            out.print(Text(printable_line(f"Starred {card.name} in {path}")))
            return
        records = read_notes(conn)
    if as_json:
        print_json([asdict(r) for r in records])
        return
    table = Table("kind", "points to", "note", "found", box=None)
    for r in records:
        found = "no: not in this database" if not r.found else "yes"
        table.add_row(r.kind, Text(printable_line(r.label)), Text(printable_line(r.note)), found)
    out.print(table if records else Text("No note yet: filature notes --entity NAME --note TEXT"))
