"""The command line: thin typer commands over the library.

Each command opens the database, calls one library function and turns its errors into a
one-line message with the fix (``cli.errors``); the commands live in ``building`` (build,
browse, the bare command), ``lists`` (entities, relations, search, find) and ``reports``
(show, dossier, export) and ``notes``.
"""

from __future__ import annotations

# isort: off
import filature.starting  # noqa: F401  (first: Ctrl-C while starting is one line)

# isort: on
import sys
from typing import Annotated

import typer

from filature import __version__
from filature.cli import building, lists, notes, reports
from filature.cli.options import err, out
from filature.interrupts import caused_by_interrupt

app = typer.Typer(
    name="filature",
    help="Turn a folder of documents into a map of the actors they name, and explore it.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
)
for command in (
    building.build,
    lists.entities,
    reports.show,
    reports.dossier,
    reports.export,
    lists.relations,
    lists.search,
    lists.find,
    notes.notes,
    building.browse,
):
    app.command()(command)


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
    building.start()


def main() -> None:
    """Console entry point."""
    try:
        app()
    except BaseException as exc:
        if not caused_by_interrupt(exc):  # one made another error by Python counts too
            raise
        err.print("Interrupted.")
        sys.exit(130)
