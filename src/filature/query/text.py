"""Text helpers of the queries and the app, over the one fold and the one control-character
policy of ``filature.text`` (re-exported here for the app's and the exports' imports)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

from filature.text import (
    fold,
    norm_key,
    norm_key_once,
    norm_keys,
    printable,
    printable_line,
    safe_text,
    strip_controls,
)

__all__ = [
    "fold",
    "fold_with_map",
    "fts_words",
    "norm_key",
    "norm_key_once",
    "norm_keys",
    "one_line",
    "printable",
    "printable_line",
    "safe_text",
    "strip_controls",
]

_TOKEN = re.compile(r"[^\W_]+")


class _CharFolds(dict[int, str]):
    """Each character's fold, punctuation as spaces, computed on first use: a table for
    ``str.translate``, which then folds a whole passage at C speed."""

    def __missing__(self, code: int) -> str:
        folded = "".join(part if part.isalnum() else " " for part in fold(chr(code)))
        self[code] = folded
        return folded


_FOLDS = _CharFolds()
_WIDE = re.compile(r"[^\x00-\xff]")


@cache
def _latin_folds() -> tuple[bytes, re.Pattern[str]]:
    """A byte table of the Latin-1 characters whose fold is one Latin-1 character that folds
    to itself, and a pattern of the Latin-1 characters whose fold is not."""
    table, irregular = bytearray(256), []
    for code in range(256):
        folded = _FOLDS[code]
        if len(folded) == 1 and ord(folded) < 256 and _FOLDS[ord(folded)] == folded:
            table[code] = ord(folded)
        else:
            irregular.append(re.escape(chr(code)))
    return bytes(table), re.compile("[" + "".join(irregular) + "]")


def _fold_one_to_one(text: str) -> str | None:
    """``text.translate(_FOLDS)`` at C speed when every character folds to one Latin-1
    character (nearly every passage of a Latin-script corpus), else None. A passage of
    2,000 characters takes microseconds instead of a dictionary lookup per character."""
    table, irregular = _latin_folds()
    if irregular.search(text):
        return None
    odd = False

    def wide(match: re.Match[str]) -> str:
        nonlocal odd
        folded = _FOLDS[ord(match.group())]
        if len(folded) != 1 or ord(folded) > 255 or table[ord(folded)] != ord(folded):
            odd = True
        return folded

    narrow = text if text.isascii() else _WIDE.sub(wide, text)
    if odd:
        return None
    return narrow.encode("latin-1").translate(table).decode("latin-1")


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """:func:`fold` character by character, with a map from folded index to source index.

    Punctuation is kept (as spaces) so that positions line up; used to highlight where a
    term of :func:`norm_key` occurs in the original text.
    """
    fast = _fold_one_to_one(text)
    if fast is not None:
        return fast, range(len(text))
    folded = text.translate(_FOLDS)
    if len(folded) == len(text) and all(len(_FOLDS[ord(ch)]) == 1 for ch in set(text)):
        return folded, range(len(text))
    index = [i for i, ch in enumerate(text) for _ in range(len(_FOLDS[ord(ch)]))]
    return folded, index


def fts_words(text: str) -> list[str]:
    """The words of ``text`` as SQLite's ``unicode61 remove_diacritics 2`` tokenizer indexes
    them: lowercased, combining accents removed, but "œ", "æ", "ß", "ø" and "ʼ" kept (which
    :func:`fold` spells out or unifies), split at every character that is not a letter or digit.
    """
    lowered = "".join(ch.lower() for ch in text)  # per character: no final sigma
    bare = "".join(c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c))
    return _TOKEN.findall(unicodedata.normalize("NFC", bare))


def one_line(text: str) -> str:
    """Collapse every run of whitespace (newlines included) into one space."""
    return " ".join(text.split())
