"""What runs in a worker process: analyse each task received from the build, send back each
segment's outcome, and die with the build."""

from __future__ import annotations

import signal
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from filature.models import Document
from filature.orphans import die_with_parent

if TYPE_CHECKING:
    from spacy.language import Language

    from filature.extract.compiled import PatternStore
    from filature.extract.result import DocumentResult
    from filature.extract.stream import DocumentPart, DocumentWork, Segment

Task = list["Segment"]
Outcome = tuple[int, "DocumentResult | DocumentPart | str"]
"""A segment's index in its task and its result, its part of a document, or why it failed."""


@dataclass(frozen=True)
class Documents:
    """The documents the tasks to come are about, sent to a worker started before they were
    read (``workers.warm.Warm``); a worker forked after has them already."""

    documents: tuple[Document, ...]


def serve(
    conn: Connection, documents: Sequence[Document], patterns: PatternStore | None = None
) -> None:
    """A worker: analyse each task received, send its outcomes back, until the pipe closes;
    the model is the parent's when it was loaded before the fork, else loaded here (its long
    patterns from ``patterns``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the build, which stops us
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked while forked
    die_with_parent()
    from filature.extract.compiled import remembered_patterns
    from filature.extract.nlp import load_nlp

    with remembered_patterns(patterns):
        nlp = load_nlp()
    works: dict[int, DocumentWork] = {}
    while True:
        try:
            message: Task | Documents = conn.recv()
        except (EOFError, OSError):
            return
        if isinstance(message, Documents):
            documents, works = message.documents, {}
            continue
        conn.send(analyse_task(documents, message, nlp, works))


def analyse_task(
    documents: Sequence[Document], task: Task, nlp: Language, works: dict[int, DocumentWork]
) -> list[Outcome]:
    """The outcome of every segment of a task; when the task fails, each segment is tried on
    its own so that only the segment that fails is lost."""
    from filature.extract.stream import analyze_segments

    for i in [i for i in works if all(i != s[0] for s in task)]:
        del works[i]  # a large document's word lists are kept only while its runs come
    outcomes: list[Outcome] = []
    try:
        analyze_segments(
            documents, task, nlp, finished=lambda n, r: outcomes.append((n, r)), works=works
        )
        return outcomes
    except Exception:
        works.clear()
    return [_analyse_alone(documents, n, segment, nlp) for n, segment in enumerate(task)]


def _analyse_alone(
    documents: Sequence[Document], n: int, segment: Segment, nlp: Language
) -> Outcome:
    from filature.extract.stream import analyze_segments

    outcomes: list[DocumentResult | DocumentPart] = []
    try:
        analyze_segments(documents, [segment], nlp, finished=lambda _, r: outcomes.append(r))
    except Exception as exc:  # one document's failure never stops the build
        return n, f"the analysis failed: {type(exc).__name__}: {exc}"
    return n, outcomes[0]
