"""Finding a document's names in its passages without compiling a pattern per document.

``NameSearch(names).search(text, pos)`` finds what
``re.compile(rf"(?<![\\w-])(?:{alternatives})(?![\\w-])").search(text, pos)`` finds, each
alternative a name's words (split on whitespace, escaped) joined by ``\\s+``, in the order of
``names``: the leftmost occurrence, and there the first name in order that ends on no word
character or hyphen. Compiling that pattern (hundreds of names, one per document) cost more than
every search in the document; here a search tries only the names whose first word is written
at a place, found by ``str.find``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence


def _wordish(char: str) -> bool:
    """What ``[\\w-]`` matches (``\\w`` is ``str.isalnum`` or the underscore)."""
    return char.isalnum() or char in "_-"


class NameSearch:
    """The occurrences of ``names`` (in order of priority) in a text, as one alternation."""

    def __init__(self, names: Sequence[str]) -> None:
        self._words = [name.split() for name in names]
        self._fallback: re.Pattern[str] | None = None
        if any(not words for words in self._words):  # an empty name matches anywhere
            body = "|".join(r"\s+".join(re.escape(w) for w in words) for words in self._words)
            self._fallback = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
        self._by_first: dict[str, list[int]] = {}
        for rank, words in enumerate(self._words):
            if words:
                self._by_first.setdefault(words[0], []).append(rank)
        self._text: str | None = None
        self._starts: list[int] = []
        self._ranks: dict[int, list[int]] = {}

    def _index(self, text: str) -> None:
        """Where each first word is written in ``text`` (overlaps included)."""
        ranks: dict[int, list[int]] = {}
        for first, names in self._by_first.items():
            at = text.find(first)
            while at >= 0:
                ranks.setdefault(at, []).extend(names)
                at = text.find(first, at + 1)
        self._text, self._ranks = text, ranks
        self._starts = sorted(ranks)

    def _end(self, text: str, at: int, words: list[str]) -> int:
        """Where the name made of ``words`` ends if it is written at ``at``, else -1."""
        for n, word in enumerate(words):
            if not text.startswith(word, at):
                return -1
            at += len(word)
            if n < len(words) - 1:
                if at >= len(text) or not text[at].isspace():
                    return -1
                while at < len(text) and text[at].isspace():
                    at += 1
        return at

    def search(self, text: str, pos: int = 0) -> tuple[int, int] | None:
        """(start, end) of the first occurrence at or after ``pos``, or None."""
        if self._fallback is not None:
            hit = self._fallback.search(text, pos)
            return None if hit is None else hit.span()
        if text is not self._text:
            self._index(text)
        for k in range(bisect_left(self._starts, pos), len(self._starts)):
            at = self._starts[k]
            if at > 0 and _wordish(text[at - 1]):
                continue
            for rank in sorted(self._ranks[at]):
                end = self._end(text, at, self._words[rank])
                if end >= 0 and (end == len(text) or not _wordish(text[end])):
                    return at, end
        return None
