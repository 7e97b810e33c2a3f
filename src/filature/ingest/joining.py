"""Joining lines into a paragraph, and deciding whether a line-end hyphen is kept.

Both take time proportional to the text: a paragraph is built from pieces joined once, and
the words of the document are counted once, then looked up by prefix.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator

from filature.ingest.mapped import Mapped, Offsets, offsets
from filature.text import LETTER

_LETTERS = re.compile(r"[^\W\d_]+")
_COMPOUND = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-(?=([^\W\d_]+))")
_CHUNK = 1 << 20
_TAIL = 256
"""Characters of a paragraph's end kept at hand; a trailing word longer than this is not a
word anyone writes twice, so its hyphen is removed (as for any word seen nowhere else)."""


def _is_letter(ch: str) -> bool:
    return LETTER.match(ch) is not None


def _chunks(text: str) -> Iterator[str]:
    """``text`` in pieces of about ``_CHUNK`` characters, cut at whitespace."""
    start = 0
    while start < len(text):
        end = start + _CHUNK
        if end < len(text):
            space = text.find(" ", end)
            end = len(text) if space < 0 else space
        yield text[start:end]
        start = end


class _PrefixCounts:
    """How many of the counted strings start with a given prefix."""

    def __init__(self, counts: Counter[str]) -> None:
        self.keys = sorted(counts)
        self.totals = [0, *itertools.accumulate(counts[key] for key in self.keys)]

    def starting_with(self, prefix: str) -> int:
        low = bisect.bisect_left(self.keys, prefix)
        high = bisect.bisect_left(self.keys, prefix + "\U0010ffff", low)
        return self.totals[high] - self.totals[low]


class Lexicon:
    """The words of a document (casefolded), counted once when first needed."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._words = _PrefixCounts(Counter())
        self._compounds = _PrefixCounts(Counter())

    def _count(self) -> None:
        if self._text is None:
            return
        words: Counter[str] = Counter()
        compounds: Counter[str] = Counter()
        for chunk in _chunks(self._text):
            folded = chunk.casefold()
            words.update(_LETTERS.findall(folded))
            compounds.update(f"{a}-{b}" for a, b in _COMPOUND.findall(folded))
        self._words, self._compounds = _PrefixCounts(words), _PrefixCounts(compounds)
        self._text = None

    def prefers_joined(self, head: str, tail: str) -> bool:
        """Whether ``head`` + ``tail`` is written joined at least as often as with a hyphen:
        words starting with the joined form against ``head-tail…`` compounds."""
        self._count()
        joined = (head + tail).casefold()
        hyphenated = (head + "-" + tail).casefold()
        return self._compounds.starting_with(hyphenated) <= self._words.starting_with(joined)


class ParagraphBuilder:
    """A paragraph growing line by line, with what the next join needs to know of its end."""

    def __init__(self, first: Mapped, length: int) -> None:
        self.pieces = [first.text]
        self.offs: Offsets[int] = offsets(first.offs, length)
        self.tail = first.text[-_TAIL:]
        self.size = len(first.text)
        self.word_dashes = first.text.rsplit(" ", 1)[-1].count("-")

    def _hyphen_removable(self, line: str, lexicon: Lexicon) -> bool:
        """Whether the paragraph's end (``…word-``) and ``line`` are one word cut in two."""
        if not (self.tail[-2].islower() and line[:1].islower()):
            return False
        if self.word_dashes > 1:
            return False
        end = len(self.tail) - 1
        start = end
        while start > 0 and _is_letter(self.tail[start - 1]):
            start -= 1
        if start == 0 and self.size > len(self.tail):
            return True
        head = self.tail[start:end]
        tail = _LETTERS.match(line)
        if not head or tail is None:
            return True
        return lexicon.prefers_joined(head, tail.group(0))

    def append(self, line: Mapped, joint: int, lexicon: Lexicon) -> None:
        """Add ``line``: a removable hyphen is dropped, CJK joins directly, else a space
        standing for the line break at original index ``joint``."""
        text, last = line.text, self.tail[-1]
        spaced = False
        if len(self.tail) >= 2 and last == "-" and self.tail[-2].isalnum() and text[:1].isalnum():
            if self._hyphen_removable(text, lexicon):
                self.pieces[-1] = self.pieces[-1][:-1]
                self.offs.pop()
                self.tail = self.tail[:-1]
                self.size -= 1
                self.word_dashes -= 1
        elif not (_is_cjk(last) and _is_cjk(text[0])):
            self.pieces.append(" ")
            self.offs.append(joint)
            self.size += 1
            self.tail += " "
            spaced = True
        self.pieces.append(text)
        self.offs.extend(line.offs)
        self.size += len(text)
        self.tail = (self.tail + text[-_TAIL:])[-_TAIL:]
        if " " in text:
            self.word_dashes = text.rsplit(" ", 1)[-1].count("-")
        elif spaced:
            self.word_dashes = text.count("-")
        else:
            self.word_dashes += text.count("-")

    def mapped(self) -> Mapped:
        """The paragraph built so far."""
        return Mapped("".join(self.pieces), self.offs)


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"
