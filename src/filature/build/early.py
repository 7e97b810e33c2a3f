"""What a build starts while it reads its files, so that the model load overlaps the reading.

When many files are new (a first build, a folder that grew), the build process loads the
model while the files are read and cleaned in other processes (``read_corpus``'s task), then
forks its workers, which share it. When a few small files are new among kept ones, the worker
that will analyse them ahead is started instead (``workers.warm``), and this process loads no
model. When no file is new, nothing starts: the rebuild may need no model at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from filature.build.report import Progress
from filature.workers import LocalStream

if TYPE_CHECKING:
    from filature.extract.analysing import Stream
    from filature.extract.compiled import PatternStore
    from filature.extract.nlp import Model
    from filature.workers.warm import Warm


class Early:
    """The model, or the worker ahead, started while the files are read (see the module);
    leaving the block stops the worker, if one was started."""

    def __init__(self, stream: Stream, patterns: PatternStore | None, report: Progress) -> None:
        local = stream if isinstance(stream, LocalStream) else None
        self.warm: Warm | None = local.warming(patterns) if local is not None else None
        self.workers = local.workers if local is not None else 1
        self.patterns = patterns
        self.report = report
        self.nlp: Model | None = None

    def unread(self, files: int, size: int, among: int) -> Callable[[], None] | None:
        """For ``read_corpus``: start the worker ahead for a few new files among kept ones;
        for more, the model load to run while other processes read them."""
        if self.warm is not None and self.warm.consider(files, size, among):
            return None
        return self.load if files and self.workers >= 2 else None

    def load(self) -> None:
        """Load the model in this process, the model stage shown."""
        from filature.extract.compiled import remembered_patterns
        from filature.extract.nlp import load_nlp

        self.report("model", 0, 1)
        with remembered_patterns(self.patterns):
            self.nlp = load_nlp()
        self.report("model", 1, 1)

    def __enter__(self) -> Early:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.warm is not None:
            self.warm.__exit__(*exc)
