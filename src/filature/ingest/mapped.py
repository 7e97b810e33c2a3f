"""Strings that remember, for every character, its index in the original text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress

LINE_BREAKS = frozenset("\n\x0b\x0c\x85\u2028\u2029")
_DROPPED = frozenset("\u00ad\u200b\u2060\ufeff")
_SPACE_RUN = re.compile(" ( +)")


@dataclass
class Mapped:
    """A piece of text with ``offs[i]`` = original index of ``text[i]``."""

    text: str
    offs: list[int]

    def __len__(self) -> int:
        return len(self.text)

    def keep(self, mask: Iterable[bool]) -> Mapped:
        """Keep only the characters whose mask entry is true."""
        flags = list(mask)
        if len(flags) != len(self.text) or len(self.offs) != len(self.text):
            raise ValueError("the mask, the text and the offsets differ in length")
        return Mapped("".join(compress(self.text, flags)), list(compress(self.offs, flags)))

    def delete_spans(self, spans: Iterable[tuple[int, int]]) -> Mapped:
        """Remove the characters of every ``[start, end)`` span."""
        mask = [True] * len(self.text)
        deleted = False
        for start, end in spans:
            if end > start:
                mask[start:end] = [False] * (end - start)
                deleted = True
        return self.keep(mask) if deleted else Mapped(self.text, list(self.offs))

    def replace_chars(self, changes: dict[int, str]) -> Mapped:
        """Replace single characters in place (same length, same offsets)."""
        if not changes:
            return self
        chars = list(self.text)
        for i, ch in changes.items():
            chars[i] = ch
        return Mapped("".join(chars), list(self.offs))

    def strip(self) -> Mapped:
        """Strip leading and trailing whitespace."""
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        if end <= start:
            return Mapped("", [])
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
    offs: list[int] = []
    n = len(text)
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


def split_lines(mapped: Mapped, original_len: int) -> list[tuple[Mapped, int]]:
    """Split on newlines: each line with the original offset of the newline that ends it."""
    lines: list[tuple[Mapped, int]] = []
    start = 0
    text = mapped.text
    while True:
        nl = text.find("\n", start)
        if nl < 0:
            lines.append((Mapped(text[start:], mapped.offs[start:]), original_len))
            return lines
        lines.append((Mapped(text[start:nl], mapped.offs[start:nl]), mapped.offs[nl]))
        start = nl + 1
