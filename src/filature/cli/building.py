"""Building the database (``build``, and the bare ``filature`` that builds the seeds if
needed) and opening the explorer (``browse``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from filature.cli.errors import clean_errors, fail
from filature.cli.options import DEFAULT_SOURCE, DbOption, err, out
from filature.curation.entries import CurationError
from filature.interrupts import caused_by_interrupt
from filature.query.text import printable_line
from filature.store.connect import DEFAULT_DB


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's inode and modification time (a build replaces the file), None if absent."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns


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
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="tcp://HOST:PORT",
            help="Analyse the documents on this Dask scheduler's workers (needs filature[dask]).",
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
                dask=dask,
            )
    except BaseException as exc:
        if not caused_by_interrupt(exc):
            raise
        if _identity(db) != before:
            kept = f"the new {db} had just been written"
        else:
            kept = f"the previous {db} is kept" if before else f"no {db} was written"
        err.print(Text(printable_line(f"Interrupted: the build stopped; {kept}.")), soft_wrap=True)
        raise typer.Exit(130) from None
    from filature.summary import print_summary

    print_summary(out, report)


def start() -> None:
    """With no command: build db/filature.db from seeds/ if needed, then open the explorer."""
    from filature.build import CURATION_FILE, needs_build
    from filature.starting import ready

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
