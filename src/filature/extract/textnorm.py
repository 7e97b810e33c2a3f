"""String normalisation shared by the entity steps: folding, OCR repairs, display forms."""

from __future__ import annotations

import re

from filature.text import APOSTROPHES, collapse, fold, norm_key, strip_accents

__all__ = ["APOSTROPHES", "collapse", "fold", "norm_key", "strip_accents"]

_OCR_ELISION = re.compile(r"(?<![\w])[I1]['’`]+(?=[A-ZÀ-ÖØ-ÞÉÈa-zà-öø-ÿ])")
_QUOTES = '«»“”"„'


def repair_ocr(text: str) -> str:
    """Fix the OCR elisions "I’Ecole" / "1'Université" into "l’Ecole" / "l'Université"."""
    return _OCR_ELISION.sub(lambda m: "l" + m.group(0)[1:], text)


def is_all_caps(word: str) -> bool:
    """True for a word with at least two letters, all uppercase ("INTERPOL", "HE")."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_acronym(word: str) -> bool:
    """An uppercase token of 2-10 letters, maybe with digits or & ("OCS", "G20", "R&D")."""
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&]{1,9}", word)) and sum(c.isalpha() for c in word) >= 2


_DOTTED_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}[A-Z]?\.?")
_REGNAL = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def person_display(name: str) -> str:
    """Title-case uppercase surname tokens of a person ("HE Bingsong" -> "He Bingsong"); a
    dotted acronym keeps its capitals ("C.I.D.E"), and so does a regnal number after a name
    ("Gewargis III", "Jean-Paul II")."""
    words: list[str] = []
    parts = name.split(" ")
    for i, word in enumerate(parts):
        regnal = 0 < i == len(parts) - 1 and bool(_REGNAL.fullmatch(word))
        if is_all_caps(word) and not regnal and not _DOTTED_ACRONYM.fullmatch(word):
            word = "-".join(part.capitalize() for part in word.split("-"))
        words.append(word)
    return " ".join(words)


def capitalise_first(name: str) -> str:
    """Uppercase the first letter ("ministère de X" -> "Ministère de X")."""
    return name[:1].upper() + name[1:] if name else name


def accent_count(text: str) -> int:
    """How many letters carry an accent (used to prefer "École" over "Ecole")."""
    return sum(1 for c in text if c != strip_accents(c))


_PLAIN: dict[int, str] = {}
"""Each non-ASCII character seen by ``plain`` and what it becomes."""


def plain(text: str) -> str:
    """Accents removed character by character, so that offsets are kept ("É" -> "E")."""
    if text.isascii():
        return text
    for c in set(text):
        if ord(c) > 127 and ord(c) not in _PLAIN:
            bare = strip_accents(c)
            _PLAIN[ord(c)] = bare if len(bare) == 1 else c
    return text.translate(_PLAIN)


def unquote(text: str) -> str:
    """Quotation marks removed and spaces collapsed ("opération « Fox Hunt »")."""
    return collapse("".join(c for c in text if c not in _QUOTES))
