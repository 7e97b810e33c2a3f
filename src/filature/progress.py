"""Build progress on the terminal: a progress bar when interactive, plain lines otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from filature.build import Progress as ProgressCallback

STAGES = {"read": "Reading files", "analyse": "Analysing passages", "write": "Writing database"}


@contextmanager
def build_progress(console: Console) -> Iterator[ProgressCallback]:
    """Yield a progress callback for ``build``: a rich bar on a terminal, else one line a stage."""
    if not console.is_terminal:
        yield _plain(console)
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
        bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

    with bar:
        yield update


def _plain(console: Console) -> ProgressCallback:
    seen: set[str] = set()

    def update(stage: str, done: int, total: int) -> None:
        if stage not in seen:
            seen.add(stage)
            console.print(f"{STAGES.get(stage, stage)}…")

    return update
