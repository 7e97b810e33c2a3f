"""How a query scores against names: the best of three rapidfuzz scorers, and whether a name
is close enough to be what was typed rather than a suggestion."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from filature.query.grams import Floats

CLOSE = 85.0


def scores_of(folded: str, compact: str, texts: list[str]) -> Floats:
    """The best of three rapidfuzz scorers, raised for prefixes of the text or of a word."""
    if not texts:
        return np.zeros(0, dtype=np.float64)
    compacts = [text.replace(" ", "") for text in texts]
    scores: Floats = np.maximum(
        np.maximum(
            process.cdist([folded], texts, scorer=fuzz.WRatio, dtype=np.float64)[0],
            process.cdist([compact], compacts, scorer=fuzz.ratio, dtype=np.float64)[0],
        ),
        process.cdist([folded], texts, scorer=fuzz.token_sort_ratio, dtype=np.float64)[0],
    )
    word = f" {folded}"
    for i, text in enumerate(texts):
        if text.startswith(folded):
            scores[i] = max(scores[i], 90.0 + 10.0 * len(folded) / len(text))
        elif word in text:
            scores[i] = max(scores[i], 85.0 + 10.0 * len(folded) / len(text))
    return scores


def is_close(folded: str, text: str) -> bool:
    """Whether the folded ``text`` (a name or alias) is what the folded query ``folded``
    names rather than another name like it: its start, or the start of each of its words, as
    typed ("meng", "secu pub"), or the same letters give or take typos and word order
    ("intrepol", "hongwei meng"). "aseanapol" is not close to "asean"."""
    if not folded:
        return False
    words = text.split()
    if all(any(word.startswith(part) for word in words) for part in folded.split()):
        return True
    if text.startswith(folded) or f" {folded}" in text:
        return True
    compact = fuzz.ratio(folded.replace(" ", ""), text.replace(" ", ""))
    return max(compact, fuzz.token_sort_ratio(folded, text)) >= CLOSE
