"""Finding lexicon phrases (tuples of folded words) in a passage's words, by their first word."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

Phrase = tuple[str, ...]


class PhraseIndex:
    """Phrases grouped by their first word, each group in the order the phrases were given."""

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        groups: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            if phrase:
                groups.setdefault(phrase[0], []).append(phrase)
        self._by_first = {first: tuple(group) for first, group in groups.items()}

    def match(self, words: Sequence[str], i: int) -> int:
        """The length of the first phrase that the words at ``i`` start with, or 0."""
        group = self._by_first.get(words[i])
        if group is None:
            return 0
        for phrase in group:
            if tuple(words[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0


@lru_cache(maxsize=64)
def phrase_index(phrases: tuple[Phrase, ...]) -> PhraseIndex:
    """The (memoised) index of ``phrases``."""
    return PhraseIndex(phrases)


def token_texts(doc: Doc) -> list[str]:
    """The text of every token of ``doc`` (without making a Token object for each)."""
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array(ORTH).tolist()]
