"""The summary printed at the end of a build."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from filature.build import BuildReport
from filature.text import safe_text

STATUS_STYLE = {"ok": "green", "warning": "yellow", "skipped": "red"}


def print_summary(console: Console, report: BuildReport) -> None:
    """Print every file and what happened to it, then the counts and the time."""
    table = Table("file", "status", "encoding", "note", box=None, pad_edge=False)
    for f in report.files:
        table.add_row(
            Text(safe_text(f.path, keep_newlines=False)),
            Text(f.status, style=STATUS_STYLE.get(f.status, "")),
            f.encoding or "",
            Text(safe_text(f.reason, keep_newlines=False)),
        )
    console.print(table)
    s = report.stats
    console.print(
        Text(
            f"Built {report.db_path}: {s.documents} documents, {s.passages} passages, "
            f"{s.entities} entities, {s.mentions} mentions, {s.relations} relations; "
            f"{len(report.skipped)} files skipped; {report.analysed} documents analysed, "
            f"{report.cached} from the cache; {report.seconds:.1f} s."
        )
    )
    if report.curation is not None:
        console.print(
            Text(safe_text(f"Curation decisions: {report.curation}", keep_newlines=False))
        )
