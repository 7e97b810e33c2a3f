"""Analysing a corpus: each document's result from the analysis cache, or from a stream.

A stream analyses the documents the cache lacks: one ``nlp.pipe`` stream in this process by
default, ``filature.workers`` in several processes or on a Dask cluster. A stream that can
start ahead (``StartsAhead``) analyses the few documents a rebuild lacks while this process
reads the others from the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from filature.extract.compiled import PatternStore, remembered_patterns
from filature.extract.result import DocumentResult
from filature.extract.stream import analyze_stream
from filature.models import Document
from filature.store.cache import AnalysisCache

if TYPE_CHECKING:
    from spacy.language import Language

Advance = Callable[[int], None] | None
"""Told how many more passages are analysed."""
Finish = Callable[[int, DocumentResult], None]
"""Given each document's result (by its index) as it is complete."""

Stream = Callable[[Sequence[Document], Callable[[], "Language"], Advance, Finish], dict[int, str]]
"""Analyses documents: ``(documents, model, progress, finished)`` calls ``finished(i, result)``
for each document analysed and returns the others with the reason (by index), e.g.
``filature.workers`` in several processes or on a Dask cluster. ``model()`` loads the language
model in this process (once), for a stream that analyses here or in forked workers."""


class Collector(Protocol):
    """An analysis started ahead (``StartsAhead``), waited for by ``collect``."""

    def collect(self, progress: Advance, finished: Finish) -> dict[int, str]:
        """``finished(i, result)`` for each document analysed; the others with the reason."""
        ...


@runtime_checkable
class StartsAhead(Protocol):
    """A ``Stream`` that can start analysing a few documents before this process loads the
    model, while it reads the others from the cache (``workers.ahead``)."""

    def ahead(
        self, documents: Sequence[Document], patterns: PatternStore | None
    ) -> AbstractContextManager[Collector] | None:
        """The analysis of ``documents``, started when its block is entered; None if this
        stream would rather analyse them when called."""
        ...


def _in_process(
    documents: Sequence[Document],
    model: Callable[[], Language],
    progress: Advance,
    finished: Finish,
) -> dict[int, str]:
    analyze_stream(documents, model(), progress=progress, finished=finished)
    return {}


class CorpusAnalysis:
    """The results of one corpus's analysis as they come, from the cache or a stream
    (``extract.run.analyze_corpus``); ``keys`` are the documents' cache keys."""

    def __init__(
        self,
        documents: Sequence[Document],
        keys: list[str],
        version: str,
        cache: AnalysisCache | None,
        failures: dict[int, str] | None,
    ) -> None:
        self.documents = documents
        self.keys = keys
        self.version = version
        self.cache = cache
        self.failures = failures
        self.results: dict[int, DocumentResult] = {}

    def analyse(
        self,
        nlp: Language | None,
        progress: Advance,
        loading: Callable[[bool], None] | None,
        stream: Stream | None,
        patterns: PatternStore | None,
    ) -> None:
        """Every result: the cache's, then the stream's (see ``analyze_corpus``)."""
        cache, version = self.cache, self.version
        stored = cache.stored(self.keys, version) if cache is not None else set()
        lacking = [i for i, key in enumerate(self.keys) if key not in stored]
        early = None
        maybe: object = stream
        few = 0 < len(lacking) < len(self.documents)
        if nlp is None and few and isinstance(maybe, StartsAhead):
            early = maybe.ahead([self.documents[i] for i in lacking], patterns)
        with early if early is not None else nullcontext() as collector:
            cached = [i for i, key in enumerate(self.keys) if key in stored]
            unreadable = self._from_cache(cached, progress)
            if collector is not None:
                self._record(collector.collect(progress, self._finisher(lacking)), lacking)
                lacking = []
        missing = sorted(lacking + unreadable)
        if missing:

            def model() -> Language:
                nonlocal nlp
                if nlp is None:
                    from filature.extract.nlp import load_nlp

                    if loading is not None:
                        loading(False)
                    with remembered_patterns(patterns):
                        nlp = load_nlp()
                    if loading is not None:
                        loading(True)
                return nlp

            analyse = stream or _in_process
            documents = [self.documents[i] for i in missing]
            self._record(analyse(documents, model, progress, self._finisher(missing)), missing)
        if cache is not None:
            cache.prune(set(self.keys), version)

    def _from_cache(self, indexes: list[int], progress: Advance = None) -> list[int]:
        """The cached results of ``indexes``; those that cannot be read after all."""
        unreadable: list[int] = []
        for i in indexes:
            cached = None if self.cache is None else self.cache.get(self.keys[i], self.version)
            if cached is None:
                unreadable.append(i)
                continue
            self.results[i] = DocumentResult.from_dict(cached)
            if progress is not None:
                progress(len(self.documents[i].passages))
        return unreadable

    def _finisher(self, indexes: list[int]) -> Finish:
        """``finished`` for a stream given the documents of ``indexes``: keeps and caches."""

        def finished(n: int, result: DocumentResult) -> None:
            i = indexes[n]
            self.results[i] = result
            if self.cache is not None:
                self.cache.put_text(self.keys[i], self.version, result.json_chunks())

        return finished

    def _record(self, failed: dict[int, str], indexes: list[int]) -> None:
        if failed and self.failures is None:
            raise RuntimeError(
                "; ".join(f"{self.documents[indexes[n]].path}: {why}" for n, why in failed.items())
            )
        for n, why in failed.items():
            assert self.failures is not None
            self.failures[indexes[n]] = why

    def ordered(self) -> list[DocumentResult]:
        """The results in document order (the failed documents left out)."""
        return [self.results[i] for i in range(len(self.documents)) if i in self.results]
