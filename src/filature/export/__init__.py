"""Exports of a filature database for other tools: JSON, CSV, GraphML, GEXF, followthemoney.

Every export reads a connection from ``store.connect.open_readonly`` and writes atomically
(temporary file beside the target, then ``os.replace``). See ``export_database``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from filature.export.files import ExportProblem

Format = Literal["json", "csv", "graphml", "gexf", "ftm"]
FORMATS: tuple[str, ...] = get_args(Format)
EXPORT_DIR = Path("exports")
DEFAULT_OUT: dict[str, Path] = {
    "json": EXPORT_DIR / "filature.json",
    "csv": EXPORT_DIR / "csv",
    "graphml": EXPORT_DIR / "filature.graphml",
    "gexf": EXPORT_DIR / "filature.gexf",
    "ftm": EXPORT_DIR / "filature.ftm.jsonl",
}

__all__ = ["DEFAULT_OUT", "FORMATS", "ExportProblem", "ExportResult", "export_database"]


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    format: str
    paths: tuple[Path, ...]
    entities: int
    relations: int


def export_database(
    conn: sqlite3.Connection, fmt: str, out: Path | None = None, *, cooccurrence: bool = False
) -> ExportResult:
    """Export the database in ``fmt`` (one of FORMATS) to ``out`` (default: DEFAULT_OUT[fmt]).

    ``cooccurrence`` only matters for ``ftm``: include the ``mentioned_with`` relations as
    UnknownLink entities (they are always in the other formats, marked as not stated).
    Raises ExportProblem for an unknown format or an unusable ``out``.
    """
    if fmt not in FORMATS:
        raise ExportProblem(f"Unknown export format {fmt!r}.", f"use one of: {', '.join(FORMATS)}")
    target = DEFAULT_OUT[fmt] if out is None else out
    paths: list[Path]
    if fmt == "json":
        from filature.export.tabular import write_json

        paths = [write_json(conn, target)]
    elif fmt == "csv":
        from filature.export.tabular import write_csv

        paths = write_csv(conn, target)
    elif fmt in ("graphml", "gexf"):
        from filature.export.graph import write_gexf, write_graphml

        paths = [(write_graphml if fmt == "graphml" else write_gexf)(conn, target)]
    else:
        from filature.export.ftm import write_ftm

        paths = [write_ftm(conn, target, cooccurrence=cooccurrence)]
    (entities,) = conn.execute("SELECT COUNT(*) FROM entities").fetchone()
    (relations,) = conn.execute("SELECT COUNT(*) FROM relations").fetchone()
    return ExportResult(fmt, tuple(paths), int(entities), int(relations))
