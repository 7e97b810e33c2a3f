"""The CLI's one-line errors: each expected failure as its message and fix, no traceback."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer
from rich.text import Text

from filature.cli.options import err, open_database
from filature.curation.entries import CurationError
from filature.errors import Problem, SourceProblem
from filature.export import ExportProblem
from filature.query.resolve import EntityLookupError
from filature.query.text import printable_line
from filature.store.atomic import BuildLocked
from filature.store.connect import DatabaseProblem, rebuild_command


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


@contextmanager
def reading(db: Path) -> Iterator[sqlite3.Connection]:
    """The database at ``db`` opened for a command (``options.open_database``), closed after
    the block; every expected failure, opening included, is one line with its fix."""
    with clean_errors(db):
        conn = open_database(db)
        try:
            yield conn
        finally:
            conn.close()
