"""What every command shares: the consoles, the common options, opening the database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from filature.models import ENTITY_TYPES
from filature.query.text import printable_line
from filature.store.connect import open_readonly

DEFAULT_SOURCE = Path("seeds")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def print_json(data: object) -> None:
    """Print ``data`` as indented JSON on standard output (non-ASCII text kept as it is)."""
    out.print_json(json.dumps(data, ensure_ascii=False))


# readable=False: an unreadable file gets filature's own one-line message and fix, not click's.
DbOption = Annotated[Path, typer.Option("--db", help="The database file.", readable=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


TypeOption = Annotated[
    str | None, typer.Option("--type", "-t", help=f"One of: {', '.join(ENTITY_TYPES)}.")
]


def open_database(db: Path) -> sqlite3.Connection:
    """Open the database read-only, after applying the curation file if it is ahead of it
    (a note on stderr says so, or why it could not be done)."""
    from filature.curation.sync import sync

    note = sync(db)
    if note:
        err.print(Text(f"Note: {printable_line(note)}", style="yellow"))
    return open_readonly(db)
