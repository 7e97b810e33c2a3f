"""The analysis as passages stream out of ``nlp.pipe``: one ``DocumentWork`` per document,
filled passage by passage; a large document is analysed in runs (segments), in several
processes, and its parts merged in order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from filature.extract.mentions import RawMention
from filature.extract.relations import (
    BenchRole,
    Court,
    MentionSpan,
    RelationCandidate,
    bench_candidates,
    courts_named,
    find_bench_roles,
    find_candidates,
    find_table_candidates,
)
from filature.extract.result import DocumentResult
from filature.extract.textnorm import collapse
from filature.models import Document, Passage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Segment = tuple[int, int, int]
"""A run of consecutive passages of one document: (document index, first passage, stop)."""


@dataclass(frozen=True)
class DocumentPart:
    """What a run of consecutive passages adds to its document's analysis, list by list (of the
    document's work and of its analyzer): a large document is analysed in parts, in several
    processes, then the parts are merged in order."""

    work: dict[str, list[Any]]
    analyzer: dict[str, list[Any]]


_PER_DOCUMENT = frozenset(
    {"document", "analyzer", "on_passage", "lex", "lowercase", "written_lower", "written_acronyms"}
)
"""What a document's work holds besides its lists: the document and what is derived from it
alone, the same in every process."""


def _lists(holder: object) -> dict[str, list[Any]]:
    """The lists ``holder`` fills passage by passage; any other state it grew is refused, since
    a document analysed in parts could not carry it from one part to the next."""
    found: dict[str, list[Any]] = {}
    for name, value in vars(holder).items():
        if isinstance(value, list):
            found[name] = value
        elif name not in _PER_DOCUMENT:
            raise TypeError(
                f"{type(holder).__name__}.{name} is neither a list filled passage by passage nor "
                "derived from the document: a document analysed in parts cannot carry it"
            )
    return found


class DocumentWork:
    """One document being analysed while its passages arrive, in order, from the shared stream:
    mentions and acronyms, relation candidates per passage, then its table rows."""

    def __init__(self, document: Document) -> None:
        from filature.extract.analyze import DocumentAnalyzer

        self.document = document
        self.candidates: list[tuple[int, RelationCandidate]] = []
        self.tables: list[tuple[int, str, list[MentionSpan]]] = []
        self.headings: list[tuple[int, str]] = []
        self.courts: list[Court] = []
        self.bench: list[tuple[int, BenchRole]] = []
        self.analyzer = DocumentAnalyzer(document, on_passage=self._on_passage)

    def _on_passage(
        self, passage: Passage, doc: Doc, found: Sequence[RawMention], text: str
    ) -> None:
        spans = [MentionSpan(m.start, m.end, m.type, m.role) for m in found]
        self.candidates.extend((passage.seq, c) for c in find_candidates(doc, spans, text=text))
        if passage.zone == "table":
            self.tables.append((passage.seq, passage.text, spans))
        if passage.zone == "heading":
            self.headings.append((passage.seq, text))
        self.courts.extend(courts_named(passage.seq, text, spans))
        self.bench.extend((passage.seq, r) for r in find_bench_roles(doc, spans))

    def take_part(self) -> DocumentPart:
        """What the passages added since the last call contributed (then forgotten here)."""
        work, analyzer = _lists(self), _lists(self.analyzer)
        part = DocumentPart(
            {k: list(v) for k, v in work.items()}, {k: list(v) for k, v in analyzer.items()}
        )
        for held in (*work.values(), *analyzer.values()):
            held.clear()
        return part

    def absorb(self, part: DocumentPart) -> None:
        """Add a part, as if its passages had been added here (parts in passage order)."""
        work, analyzer = _lists(self), _lists(self.analyzer)
        for name, items in part.work.items():
            work[name].extend(items)
        for name, items in part.analyzer.items():
            analyzer[name].extend(items)

    def finish(self) -> DocumentResult:
        """The document's result once every passage was added."""
        analysis = self.analyzer.result()
        table = find_table_candidates(self.tables)
        texts = {p.seq: p.text for p in self.document.passages}
        extra = tuple(
            RawMention(
                seq,
                m.start,
                m.end,
                texts[seq][m.start : m.end],
                collapse(texts[seq][m.start : m.end]),
                m.type,  # type: ignore[arg-type]
                "TABLE",
                None,
                "table",
            )
            for seq, m in table.new_mentions
        )
        mentions = tuple(sorted(analysis.mentions + extra, key=lambda m: (m.passage_seq, m.start)))
        bench = bench_candidates(self.headings, self.courts, self.bench)
        candidates = (*self.candidates, *table.candidates, *bench)
        return DocumentResult(replace(analysis, mentions=mentions), candidates)


def merge_parts(document: Document, parts: Iterable[DocumentPart]) -> DocumentResult:
    """The result of a document analysed in parts (given in passage order)."""
    work = DocumentWork(document)
    for part in parts:
        work.absorb(part)
    return work.finish()


def analyze_segments(
    documents: Sequence[Document],
    segments: Sequence[Segment],
    nlp: Language,
    *,
    progress: Callable[[int], None] | None = None,
    finished: Callable[[int, DocumentResult | DocumentPart], None] | None = None,
    works: dict[int, DocumentWork] | None = None,
) -> None:
    """Analyse runs of passages with one ``nlp.pipe`` stream (full batches across document
    boundaries). ``finished(n, outcome)`` is called as segment ``n`` completes: a
    ``DocumentResult`` for a segment that covers its whole document, else a ``DocumentPart``.
    ``works`` keeps the work of partly analysed documents between calls (each document's
    word lists are then computed once)."""
    from filature.extract.analyze import BATCH_SIZE, N_PROCESS
    from filature.extract.spans import prepare_text

    held = works if works is not None else {}
    fed: deque[tuple[int, int, str]] = deque()  # what was given to spaCy, not yet returned

    def whole(n: int) -> bool:
        i, start, stop = segments[n]
        return start == 0 and stop == len(documents[i].passages)

    whole_works: dict[int, DocumentWork] = {}  # by segment: documents analysed whole

    def work_of(n: int) -> DocumentWork:
        i = segments[n][0]
        if whole(n):
            return whole_works.get(n) or whole_works.setdefault(n, DocumentWork(documents[i]))
        return held.get(i) or held.setdefault(i, DocumentWork(documents[i]))

    def complete(n: int) -> None:
        outcome: DocumentResult | DocumentPart
        if whole(n):
            outcome = work_of(n).finish()
            del whole_works[n]
        else:
            outcome = work_of(n).take_part()
        if finished is not None:
            finished(n, outcome)

    def texts() -> Iterator[str]:
        for n, (i, start, stop) in enumerate(segments):
            if start == stop:
                complete(n)
            for k in range(start, stop):
                prepared = prepare_text(documents[i].passages[k].text)
                fed.append((n, k, prepared))
                yield prepared

    for doc in nlp.pipe(texts(), batch_size=BATCH_SIZE, n_process=N_PROCESS):
        n, k, prepared = fed.popleft()  # nlp.pipe returns the docs in order
        i, _, stop = segments[n]
        work_of(n).analyzer.add(documents[i].passages[k], prepared, doc)
        if progress is not None:
            progress(1)
        if k == stop - 1:
            complete(n)


def analyze_stream(
    documents: Sequence[Document],
    nlp: Language,
    *,
    progress: Callable[[int], None] | None = None,
    finished: Callable[[int, DocumentResult], None] | None = None,
) -> list[DocumentResult]:
    """Analyse ``documents`` with one ``nlp.pipe`` stream over all their passages (full batches
    across document boundaries); ``finished(i, result)`` is called as each document completes."""
    results: list[DocumentResult | None] = [None] * len(documents)

    def complete(i: int, outcome: DocumentResult | DocumentPart) -> None:
        assert isinstance(outcome, DocumentResult)
        results[i] = outcome
        if finished is not None:
            finished(i, outcome)

    segments = [(i, 0, len(d.passages)) for i, d in enumerate(documents)]
    analyze_segments(documents, segments, nlp, progress=progress, finished=complete)
    return [r for r in results if r is not None]


def analyze_with_relations(
    document: Document, nlp: Language, progress: Callable[[int], None] | None = None
) -> DocumentResult:
    """Analyse one document: mentions, acronyms and relation candidates in one parse."""
    return analyze_stream([document], nlp, progress=progress)[0]
