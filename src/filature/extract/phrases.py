"""Finding lexicon phrases (tuples of folded words) in a passage's words, by their first word."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
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
        self.first_words = frozenset(self._by_first)
        """The words some phrase starts with."""

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


_FOLDED: dict[Callable[[str], str], dict[int, str]] = {}


def folded_token_texts(doc: Doc, fold: Callable[[str], str]) -> list[str]:
    """``fold`` of every token's text, memoised by the token's string id (a hash of its text)."""
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    memo = _FOLDED.setdefault(fold, {})
    words: list[str] = []
    for orth in doc.to_array(ORTH).tolist():
        word = memo.get(orth)
        if word is None:
            word = memo[orth] = fold(strings[orth])
        words.append(word)
    return words


def phrase_starts(words: Sequence[str], *indexes: PhraseIndex) -> Iterator[int]:
    """The positions in ``words`` where a phrase of any of ``indexes`` may start."""
    firsts = frozenset().union(*(index.first_words for index in indexes))
    return (i for i, word in enumerate(words) if word in firsts)
