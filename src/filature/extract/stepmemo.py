"""Per-document corpus steps remembered between builds.

Some corpus-level steps work one document at a time once the corpus is known: what a step
finds in a document depends only on that document's text, its mentions at that point and a
few corpus-wide values (the defined long forms). Their result is kept, keyed by a hash of all
of those and of the pipeline's version, so that a rebuild after one document changed runs
them on that document only, with the very results a full build gives.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Protocol

from filature.extract.mentions import RawMention
from filature.extract.persons import Located
from filature.models import Document

Found = tuple[list[Located], list[Located]]
"""What a step found in one document: mentions to add, mentions they replace."""


class StepStore(Protocol):
    """Where remembered steps live (``store.cache.AnalysisCache``)."""

    def get_steps(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored results among ``keys``."""
        ...

    def put_steps(self, items: dict[str, bytes]) -> None:
        """Store results (replacing any with the same key)."""
        ...


def document_digest(document: Document) -> str:
    """A hash of a document's passages: the text each step searches."""
    digest = hashlib.sha256()
    for p in document.passages:
        digest.update(f"\0{p.seq}:{p.start}:{p.end}:{p.zone}:{len(p.text)}\0".encode())
        digest.update(p.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


_row = attrgetter(*(f.name for f in fields(RawMention)))
"""A raw mention's fields as a tuple, in order (``dataclasses.astuple`` without its copies)."""


def _mentions_digest(mentions: Iterable[Located]) -> str:
    rows = [_row(m.raw) for m in mentions]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def _encode(found: Found) -> bytes:
    added, removed = found
    rows = [[_row(m.raw) for m in added], [_row(m.raw) for m in removed]]
    return zlib.compress(json.dumps(rows, ensure_ascii=False).encode("utf-8"), 3)


def _decode(data: bytes, doc_index: int) -> Found:
    added, removed = json.loads(zlib.decompress(data))
    return (
        [Located(doc_index, RawMention(*row)) for row in added],
        [Located(doc_index, RawMention(*row)) for row in removed],
    )


def _decoded(data: bytes | None, doc_index: int) -> Found | None:
    """A stored result, or None when there is none or it cannot be read."""
    if data is None:
        return None
    try:
        return _decode(data, doc_index)
    except (zlib.error, ValueError, TypeError):
        return None


@dataclass
class StepMemo:
    """Runs per-document steps, from ``store`` where it holds their result (no store: always
    computed). ``version`` is the pipeline's: a result of other rules is never reused."""

    store: StepStore | None
    version: str
    computed: int = 0
    """How many documents a step was run on in this build (the others were remembered)."""
    _digests: dict[int, str] = field(default_factory=dict)

    def per_document(
        self,
        step: str,
        documents: Sequence[Document],
        mentions: dict[int, list[Located]],
        shared: Callable[[int], str],
        compute: Callable[[int, list[Located]], Found],
    ) -> Found:
        """``compute(i, mentions of document i)`` for every document, concatenated in
        document order; ``shared(i)`` names the corpus-wide values the step also reads in
        document ``i``."""
        if self.store is None:
            every = [compute(i, mentions.get(i, [])) for i in range(len(documents))]
            self.computed += len(every)
            return [m for f in every for m in f[0]], [m for f in every for m in f[1]]
        keys = [
            self._key(step, i, document, mentions.get(i, []), shared(i))
            for i, document in enumerate(documents)
        ]
        stored = self.store.get_steps(keys)
        new: dict[str, bytes] = {}
        added: list[Located] = []
        removed: list[Located] = []
        for i, key in enumerate(keys):
            found = _decoded(stored.get(key), i)
            if found is None:
                found = compute(i, mentions.get(i, []))
                self.computed += 1
                new[key] = _encode(found)
            added += found[0]
            removed += found[1]
        if new:
            self.store.put_steps(new)
        return added, removed

    def _key(
        self, step: str, i: int, document: Document, mentions: list[Located], shared: str
    ) -> str:
        if i not in self._digests:
            self._digests[i] = document_digest(document)
        parts = (step, self.version, self._digests[i], _mentions_digest(mentions), shared)
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
