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


_TEXT = "filature.text"


def parsed_text(doc: Doc, text: str) -> None:
    """Remember that ``doc`` is the parse of ``text`` (which ``doc.text`` equals), for
    ``doc_text``."""
    doc.user_data[_TEXT] = text


def doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy joins from every token at each call: the text given to
    ``parsed_text``, else joined once per parse."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)


def token_texts(doc: Doc) -> list[str]:
    """The text of every token of ``doc`` (without making a Token object for each)."""
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array(ORTH).tolist()]


_FOLDED: dict[Callable[[str], str], dict[int, str]] = {}


def folded_token_texts(doc: Doc, fold: Callable[[str], str]) -> list[str]:
    """``fold`` of every token's text, memoised by the token's string id (a hash of its text)
    and kept with the parse (each caller gets its own copy)."""
    from spacy.attrs import ORTH

    key = f"filature.folded.{id(fold)}"
    held = doc.user_data.get(key)
    if held is not None:
        return list(held)
    strings = doc.vocab.strings
    memo = _FOLDED.setdefault(fold, {})
    words: list[str] = []
    for orth in doc.to_array(ORTH).tolist():
        word = memo.get(orth)
        if word is None:
            word = memo[orth] = fold(strings[orth])
        words.append(word)
    doc.user_data[key] = words
    return list(words)


def phrase_starts(words: Sequence[str], *indexes: PhraseIndex) -> Iterator[int]:
    """The positions in ``words`` where a phrase of any of ``indexes`` may start."""
    firsts = frozenset().union(*(index.first_words for index in indexes))
    return (i for i, word in enumerate(words) if word in firsts)
