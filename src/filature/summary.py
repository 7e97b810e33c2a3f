"""The summary printed at the end of a build."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from filature.build import BuildReport
from filature.query.text import printable_line
from filature.text import counted

STATUS_STYLE = {"ok": "green", "warning": "yellow", "skipped": "red"}


def print_summary(console: Console, report: BuildReport) -> None:
    """Print every file and what happened to it, then the counts and the time."""
    table = Table("file", "status", "encoding", "note", box=None, pad_edge=False)
    for f in report.files:
        table.add_row(
            Text(printable_line(f.path)),
            Text(f.status, style=STATUS_STYLE.get(f.status, "")),
            f.encoding or "",
            Text(printable_line(f.reason)),
        )
    console.print(table)
    s = report.stats
    console.print(
        Text(
            f"Built {printable_line(str(report.db_path))}: {counted(s.documents, 'document')}, "
            f"{counted(s.passages, 'passage')}, {counted(s.entities, 'entity', 'entities')}, "
            f"{counted(s.mentions, 'mention')}, {counted(s.relations, 'relation')}; "
            f"{counted(len(report.skipped), 'file')} skipped; "
            f"{counted(report.analysed, 'document')} analysed"
            f"{_where(report)}, "
            f"{report.cached} from the cache; {report.seconds:.1f} s."
        )
    )
    if report.curation is not None:
        console.print(Text(printable_line(f"Curation decisions: {report.curation}")))
    for note in report.metadata_notes:
        console.print(
            Text(printable_line(f"Document metadata not applied: {note}"), style="yellow")
        )
    for line in s.unapplied:
        console.print(Text(printable_line(f"Curation entry not applied: {line}"), style="yellow"))


def _where(report: BuildReport) -> str:
    if report.cluster is None or not report.analysed:
        return ""
    return f" on the Dask cluster at {printable_line(report.cluster)}"
