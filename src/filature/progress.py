"""Build progress on the terminal: a progress bar when interactive, plain lines otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from filature.build import Progress as ProgressCallback

STAGES = {
    "read": "Reading files",
    "model": "Loading the language model",
    "analyse": "Analysing passages",
    "write": "Writing database",
}
IN_BYTES = frozenset({"read"})
"""Stages whose counts are bytes (shown in MB), not items."""


def count_text(stage: str, done: int, total: int) -> str:
    """``done/total`` as the bar shows it: megabytes for the reading, nothing while the model
    loads (one step of unknown length), items otherwise."""
    if stage == "model":
        return ""
    if stage in IN_BYTES:
        return f"{done / 1_000_000:.1f}/{total / 1_000_000:.1f} MB"
    return f"{done}/{total}"


@contextmanager
def build_progress(console: Console) -> Iterator[ProgressCallback]:
    """Yield a progress callback for ``build``: a rich bar on a terminal, else one line a stage."""
    if not console.is_terminal:
        yield _plain(console)
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        # The model loads in one step of unknown length: a pulsing bar until it is loaded.
        size = None if stage == "model" and done == 0 else total
        if stage not in tasks:
            tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=size, count="")
        bar.update(tasks[stage], completed=done, total=size, count=count_text(stage, done, total))

    with bar:
        yield update


def _plain(console: Console) -> ProgressCallback:
    seen: set[str] = set()

    def update(stage: str, done: int, total: int) -> None:
        if stage not in seen:
            seen.add(stage)
            console.print(f"{STAGES.get(stage, stage)}…")

    return update
