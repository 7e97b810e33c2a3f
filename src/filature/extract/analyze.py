"""Step 1, per document: NER + pattern rules over its passages -> raw mentions and acronyms.

The result is a pure function of the document text and ``PIPELINE_VERSION`` and converts to and
from plain JSON-able dicts, so that a build can cache it by document hash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from filature.extract.acronyms import find_definitions
from filature.extract.administration import written_acronyms
from filature.extract.corpusfilters import capitalised_words
from filature.extract.droprules import KIND
from filature.extract.drops import Dropped
from filature.extract.generic import refer_bare_heads
from filature.extract.inside import add_acronym_mentions
from filature.extract.kinds import glossed_kinds
from filature.extract.lexicon import load_lexicon
from filature.extract.mentions import (
    DocumentAnalysis,
    PassageAcronym,
    PassageHook,
    RawMention,
)
from filature.extract.passage import passage_mentions
from filature.extract.phrases import parsed_text
from filature.extract.settle import PROPAGATED_LABEL, propagate_names, settle_document
from filature.extract.shapes import (
    generic_definition,
)
from filature.extract.spans import prepare_text
from filature.extract.surnames import particle_surnames
from filature.extract.tails import complete_generic_names
from filature.extract.textnorm import fold
from filature.extract.wordfilters import (
    lowercase_words,
    written_lowercase,
)
from filature.models import Document, EntityType, Passage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE_VERSION = "entities-5"
BATCH_SIZE = 64
N_PROCESS = 1
"""Processes ``nlp.pipe`` uses; bench/barerun.py gives bare spaCy the same. Kept at 1: on the
two cores filature targets, workers would add a copy of the model per process and ship every
parse back to this one, for CPU work that is the same in total."""


class DocumentAnalyzer:
    """Collects one document's raw mentions and acronyms as its parsed passages arrive (in
    order), so that the passages of many documents can share one ``nlp.pipe`` stream."""

    def __init__(self, document: Document, on_passage: PassageHook | None = None) -> None:
        self.document = document
        self.on_passage = on_passage
        self.lex = load_lexicon()
        self.lowercase = lowercase_words(document.text)
        self.written_lower = written_lowercase(document.text)
        self.written_acronyms = written_acronyms(document.text)
        self.mentions: list[RawMention] = []
        self.acronyms: list[PassageAcronym] = []
        self.dropped: list[Dropped] = []
        self.cues: list[tuple[str, EntityType]] = []
        self.kinds: list[str] = []

    def add(self, passage: Passage, text: str, doc: Doc) -> None:
        """Analyse one passage: ``text`` is its prepared text and ``doc`` the parse of it."""
        parsed_text(doc, text)
        found = passage_mentions(
            passage,
            doc,
            text,
            self.lex,
            self.lowercase,
            self.dropped,
            self.written_lower,
            self.cues,
            self.written_acronyms,
        )
        defs = []
        for d in find_definitions(text, self.lex):
            if generic_definition(d.long_form):
                self.kinds.extend((d.acronym, d.long_form))
            else:
                defs.append(d)
        self.kinds.extend(glossed_kinds(doc, self.lex))
        add_acronym_mentions(passage, defs, found)
        self.acronyms.extend(PassageAcronym(passage.seq, d) for d in defs)
        if self.on_passage is not None:
            self.on_passage(passage, doc, found, text)
        self.mentions.extend(sorted(found, key=lambda m: m.start))

    def _named(self) -> list[RawMention]:
        """The mentions, less those of the kinds the document defines by an acronym ("des
        organisations non gouvernementales (ONG)": ONG is a kind, not an actor)."""
        kinds = {fold(k) for k in self.kinds}
        kept = []
        for m in self.mentions:
            if fold(m.name) in kinds:
                self.dropped.append(
                    KIND.dropped(m.passage_seq, m.start, m.end, m.surface, m.label, m.type)
                )
                continue
            kept.append(m)
        return kept

    def result(self) -> DocumentAnalysis:
        """The analysis of every passage added: each name typed alike in the document, and
        the occurrences NER missed of the organisations it names added."""
        defined = frozenset(a.definition.long_form for a in self.acronyms)
        named = complete_generic_names(self._named(), self.lex, self.written_lower, defined)
        named = refer_bare_heads(named, self.dropped)
        passages = self.document.passages
        mentions = particle_surnames(settle_document(named, self.cues, self.lex), passages)
        for p, s, e, name, etype in propagate_names(mentions, passages, self.lowercase, self.lex):
            raw = RawMention(p.seq, s, e, name, name, etype, PROPAGATED_LABEL, None, p.zone)
            mentions.append(raw)
        mentions.sort(key=lambda m: (m.passage_seq, m.start))
        return DocumentAnalysis(
            PIPELINE_VERSION,
            tuple(mentions),
            tuple(self.acronyms),
            tuple(self.dropped),
            capitalised_words(self.document.text),
        )


def analyze_document(
    document: Document,
    nlp: Language,
    *,
    on_passage: PassageHook | None = None,
    progress: Callable[[int], None] | None = None,
) -> DocumentAnalysis:
    """Run the pipeline over a document's passages (in batches) and collect raw mentions."""
    analyzer = DocumentAnalyzer(document, on_passage)
    prepared = [prepare_text(p.text) for p in document.passages]
    docs = nlp.pipe(prepared, batch_size=BATCH_SIZE)
    for passage, text, doc in zip(document.passages, prepared, docs, strict=True):
        analyzer.add(passage, text, doc)
        if progress is not None:
            progress(1)
    return analyzer.result()
