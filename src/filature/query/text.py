"""Text helpers of the queries and the app, over the one fold and the one control-character
policy of ``filature.text`` (re-exported here for the app's and the exports' imports)."""

from __future__ import annotations

import re
import unicodedata

from filature.text import fold, norm_key, printable, printable_line, safe_text, strip_controls

__all__ = [
    "fold",
    "fold_with_map",
    "fts_words",
    "norm_key",
    "one_line",
    "printable",
    "printable_line",
    "safe_text",
    "strip_controls",
]

_TOKEN = re.compile(r"[^\W_]+")


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`fold` character by character, with a map from folded index to source index.

    Punctuation is kept (as spaces) so that positions line up; used to highlight where a
    term of :func:`norm_key` occurs in the original text.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for part in fold(ch):
            out.append(part if part.isalnum() else " ")
            index.append(i)
    return "".join(out), index


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
