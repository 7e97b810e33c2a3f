"""Build progress on the terminal: a progress bar when interactive, plain lines otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from filature.build import Progress as ProgressCallback

STAGES = {
    "read": "Reading files",
    "model": "Loading the language model",
    "analyse": "Analysing passages",
    "write": "Writing database",
}


class _Count(MofNCompleteColumn):
    """N/M, or nothing while the total is unknown (the model loading)."""

    def render(self, task: Task) -> Text:
        return Text("") if task.total is None else super().render(task)


@contextmanager
def build_progress(console: Console) -> Iterator[ProgressCallback]:
    """Yield a progress callback for ``build``: a rich bar on a terminal, else one line a stage."""
    if not console.is_terminal:
        yield _plain(console)
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        _Count(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        # The model loads in one step of unknown length: a pulsing bar until it is loaded.
        size = None if stage == "model" and done == 0 else total
        if stage not in tasks:
            tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=size)
        bar.update(tasks[stage], completed=done, total=size)

    with bar:
        yield update


def _plain(console: Console) -> ProgressCallback:
    seen: set[str] = set()

    def update(stage: str, done: int, total: int) -> None:
        if stage not in seen:
            seen.add(stage)
            console.print(f"{STAGES.get(stage, stage)}…")

    return update
