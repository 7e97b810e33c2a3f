"""Large synthetic single documents: the shapes that made reading and cleaning slow.

Every shape is French-like prose with accented letters (so Windows-1252 is not ASCII), built
from coined words so that each line-end hyphen asks about a different word.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split(" "))


SHAPES = ("mixed", "hyphens", "footnotes", "headers", "long-lines", "no-newline", "one-paragraph")
_SYLLABLES = _words(
    "ka lo vi ne ra mo su ta li en an ou ber gar del fon mar tin zan chu xin bei hao ling quan "
    "sor vel dra mir ost nov grad lin tor ril sa ko pe dun é è ê ç à œ"
)
_COMMON = _words(
    "le la les de des du un une et à en pour par sur dans avec que qui ne pas est sont été "
    "ministère accord traité coopération sécurité république français société enquête"
)


def _word(rng: random.Random) -> str:
    if rng.random() < 0.45:
        return rng.choice(_COMMON)
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))


def _sentence(rng: random.Random, call: Callable[[], str]) -> str:
    words = [_word(rng) for _ in range(rng.randint(8, 24))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] = rng.choice(("Xin Beijing", "Marlin Tor", "Kovel"))
    if rng.random() < 0.3:
        words[-1] += call()
    if rng.random() < 0.1:
        words.append(f"en {rng.randint(1990, 2024)}, soit {rng.randint(2, 999)} € l’unité")
    return " ".join(words) + rng.choice((".", ".", ".", " ?", ";", ","))


def _wrap(text: str, width: int, rng: random.Random, hyphenate: bool) -> Iterator[str]:
    """Hard-wrap ``text``; with ``hyphenate`` most lines end with a word cut by a hyphen."""
    words = text.split(" ")
    line = ""
    for word in words:
        if len(line) + 1 + len(word) <= width:
            line = f"{line} {word}" if line else word
            continue
        if hyphenate and len(word) >= 6 and word.isalpha() and rng.random() < 0.7:
            cut = rng.randint(2, len(word) - 3)
            yield f"{line} {word[:cut]}-" if line else f"{word[:cut]}-"
            line = word[cut:]
            continue
        if line:
            yield line
        line = word
    if line:
        yield line


class _Notes:
    """Footnote calls in order, and their definitions at the end of each page."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.number = 0
        self.pending: list[int] = []

    def call(self) -> str:
        if not self.enabled:
            return ""
        self.number += 1
        self.pending.append(self.number)
        return str(self.number)

    def flush(self, rng: random.Random) -> list[str]:
        lines = [
            f"{n}. Voir {_word(rng)} {_word(rng)}, p. {rng.randint(1, 300)}." for n in self.pending
        ]
        self.pending = []
        return lines


def generate(size: int, shape: str = "mixed", seed: int = 7) -> str:
    """About ``size`` characters of text of the given shape (see ``SHAPES``)."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    rng = random.Random(seed)
    mixed = shape == "mixed"
    notes = _Notes(mixed or shape == "footnotes")
    hyphenate = mixed or shape in ("hyphens", "one-paragraph")
    headers = mixed or shape == "headers"
    parts: list[str] = []
    total = 0
    page = 1
    lines_on_page = 0
    while total < size:
        paragraph = " ".join(_sentence(rng, notes.call) for _ in range(rng.randint(2, 8)))
        if shape == "no-newline":
            chunk = [paragraph + " "]
        elif shape == "long-lines":
            chunk = [paragraph, ""]
        else:
            chunk = list(_wrap(paragraph, rng.randint(60, 78), rng, hyphenate))
            if shape != "one-paragraph":
                chunk.append("")
        lines_on_page += len(chunk)
        if (headers or notes.enabled) and lines_on_page >= 48:
            chunk += [*notes.flush(rng), ""]
            if headers:
                page += 1
                chunk += [f"RAPPORT ANNUEL DE LA COMMISSION — page {page}", ""]
            lines_on_page = 0
        text = ("" if shape == "no-newline" else "\n").join(chunk)
        if shape != "no-newline":
            text += "\n"
        parts.append(text)
        total += len(text)
    return "".join(parts)[:size]


def encode(text: str, encoding: str) -> bytes:
    """The document's bytes in ``utf-8`` or ``cp1252`` (characters cp1252 lacks become ``?``)."""
    return text.encode(encoding, errors="replace")
