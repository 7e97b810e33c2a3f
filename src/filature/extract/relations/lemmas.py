"""Lemmas for the relation rules, computed only for the tokens the rules read.

The pipeline runs without its lemmatizer (``extract.nlp.UNUSED_COMPONENTS``): lemmatising every
token of every passage costs more than the rest of the relation step, while the rules read the
lemma of a few verbs and nouns. ``lemma`` gives exactly what the French rule lemmatizer would
have written on that token, memoised by (word, part of speech), all the lemmatizer reads.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MEMO: dict[tuple[int, int], str] = {}


@cache
def _lemmatizer() -> Any:
    from filature.extract.nlp import load_nlp

    try:
        lemmatizer: Any = load_nlp().get_pipe("lemmatizer")
    except KeyError:  # no lemmatizer at all: rules fall back on the token text
        return None
    index = lemmatizer.lookups.get_table("lemma_index", {})
    for pos, forms in list(index.items()):  # lists of up to 66,000 forms, searched one by one
        if isinstance(forms, list):
            index[pos] = frozenset(forms)
    return lemmatizer


def lemma(token: Token) -> str:
    """The token's lemma ("" if none), as if the lemmatizer had run over its whole doc."""
    if token.lemma != 0 or token.doc.has_annotation("LEMMA"):
        return str(token.lemma_)
    key = (token.orth, token.pos)
    found = _MEMO.get(key)
    if found is None:
        lemmatizer = _lemmatizer()
        found = "" if lemmatizer is None else str(lemmatizer.lemmatize(token)[0])
        _MEMO[key] = found
    return found


def ensure_lemmas(doc: Doc) -> None:
    """Lemmatise ``doc`` in place if the pipeline that parsed it had its lemmatizer disabled."""
    if doc.has_annotation("LEMMA") or len(doc) == 0:
        return
    lemmatizer = _lemmatizer()
    if lemmatizer is not None:
        lemmatizer(doc)
