"""Strings that remember, for every character, its index in the original text."""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress

LINE_BREAKS = frozenset("\n\x0b\x0c\x85\u2028\u2029")
_DROPPED = frozenset("\u00ad\u200b\u2060\ufeff")
_SPACE_RUN = re.compile(" ( +)")


Offsets = array
"""Original indices, one machine integer each (a list of Python ints costs five times more)."""


def offsets(values: Iterable[int] = (), length: int = 0) -> Offsets[int]:
    """An offsets array for a text of ``length`` characters (64-bit only past 2**31)."""
    return array("i" if length < 2**31 else "q", values)


@dataclass(frozen=True, slots=True)
class Mapped:
    """A piece of text with ``offs[i]`` = original index of ``text[i]``.

    Every operation returns a new Mapped; the offsets may be shared, so they are never changed
    in place.
    """

    text: str
    offs: Offsets[int]

    def __len__(self) -> int:
        return len(self.text)

    def keep(self, mask: Iterable[bool]) -> Mapped:
        """Keep only the characters whose mask entry is true."""
        flags = list(mask)
        if len(flags) != len(self.text) or len(self.offs) != len(self.text):
            raise ValueError("the mask, the text and the offsets differ in length")
        kept = array(self.offs.typecode, compress(self.offs, flags))
        return Mapped("".join(compress(self.text, flags)), kept)

    def delete_spans(self, spans: Iterable[tuple[int, int]]) -> Mapped:
        """Remove the characters of every ``[start, end)`` span (spans may overlap)."""
        text, offs = self.text, self.offs
        pieces: list[str] = []
        kept = array(offs.typecode)
        done = 0
        for start, end in sorted(spans):
            start, end = max(start, done), min(end, len(text))
            if end <= start:
                continue
            pieces.append(text[done:start])
            kept.extend(offs[done:start])
            done = end
        if not pieces:
            return self
        pieces.append(text[done:])
        kept.extend(offs[done:])
        return Mapped("".join(pieces), kept)

    def replace_chars(self, changes: dict[int, str]) -> Mapped:
        """Replace single characters in place (same length, same offsets)."""
        if not changes:
            return self
        pieces: list[str] = []
        done = 0
        for i in sorted(changes):
            pieces += (self.text[done:i], changes[i])
            done = i + 1
        pieces.append(self.text[done:])
        return Mapped("".join(pieces), self.offs)

    def strip(self) -> Mapped:
        """Strip leading and trailing whitespace."""
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        if end <= start:
            return Mapped("", self.offs[:0])
        if start == 0 and end == len(self.text):
            return self
        return Mapped(self.text[start:end], self.offs[start:end])

    def collapse_spaces(self) -> Mapped:
        """Turn every run of horizontal whitespace into one plain space (first offset kept)."""
        return self.delete_spans(m.span(1) for m in _SPACE_RUN.finditer(self.text))


def _char_action(ch: str) -> str | None:
    """What a character becomes: itself, a space, a newline, or ``None`` (dropped)."""
    if ch == "\t":
        return " "
    if ch in LINE_BREAKS:
        return "\n"
    if ch in _DROPPED:
        return None
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return " "
    if ch != " " and unicodedata.category(ch) == "Zs":
        return " "
    return ch


# Characters ``_char_action`` may change: whitespace but the plain space, controls, dropped.
_SPECIAL = re.compile("[^\\S ]|[\x00-\x1f\x7f-\x9f" + "".join(sorted(_DROPPED)) + "]")


def normalise_chars(text: str) -> Mapped:
    """Map raw decoded text to safe characters, keeping the offset of each one.

    ``\\r\\n`` and lone ``\\r`` become one newline; other line and page breaks become a newline;
    control characters (C0 except newline and tab, DEL, C1) and odd spaces become a space;
    soft hyphens and zero-width characters are dropped.
    """
    chars: list[str] = []
    n = len(text)
    offs = offsets(length=n)
    done = 0
    for match in _SPECIAL.finditer(text):
        i = match.start()
        if i > done:
            chars.append(text[done:i])
            offs.extend(range(done, i))
        done = i + 1
        ch = text[i]
        if ch == "\r":
            if i + 1 < n and text[i + 1] == "\n":
                continue
            chars.append("\n")
            offs.append(i)
            continue
        action = _char_action(ch)
        if action is not None:
            chars.append(action)
            offs.append(i)
    if done < n:
        chars.append(text[done:])
        offs.extend(range(done, n))
    return Mapped("".join(chars), offs)


def split_lines(mapped: Mapped, original_len: int) -> Iterator[tuple[Mapped, int]]:
    """Split on newlines: each line with the original offset of the newline that ends it."""
    start = 0
    text = mapped.text
    while True:
        nl = text.find("\n", start)
        if nl < 0:
            yield Mapped(text[start:], mapped.offs[start:]), original_len
            return
        yield Mapped(text[start:nl], mapped.offs[start:nl]), mapped.offs[nl]
        start = nl + 1
