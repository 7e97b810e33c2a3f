"""Text shared by every layer: safety (document text is data, never terminal control) and the
name keys used to compare names (extraction and curation)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# C0 controls except tab and newline, DEL, and C1 controls (ESC is in C0).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ALL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\t\n]")


def safe_text(text: str, *, keep_newlines: bool = True) -> str:
    """Replace control characters (ESC, C0, C1, DEL) so text cannot drive a terminal.

    Tab and newline are kept unless ``keep_newlines`` is false, in which case they become
    spaces too (for one-line displays).
    """
    pattern = _CONTROL if keep_newlines else _CONTROL_ALL
    return pattern.sub(lambda m: " " if m.group() in "\t\n" else "\N{REPLACEMENT CHARACTER}", text)


APOSTROPHES = "'’`´ʼ‘"
_WS = re.compile(r"\s+")
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)")
_NON_WORD = re.compile(r"[^\w\s-]")


# The name helpers below are pure and called on the same words and names over and over by a
# build (every token of every passage): memoised, and ASCII text (unchanged by NFKD) short-cut.


@lru_cache(maxsize=1 << 16)
def strip_accents(text: str) -> str:
    """Remove combining accents ("État" -> "Etat")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text).translate(_BASE_LETTERS)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Latin letters with a mark Unicode does not decompose ("Diyarbakır" is "Diyarbakir").
_BASE_LETTERS = str.maketrans("ıłŁøØđĐħĦ", "ilLoOdDhH")


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Lowercase, accent-free, apostrophes unified: the form used for lexicon lookups."""
    if text.isascii():
        return text.lower().replace("`", "'")
    out = strip_accents(text).lower()
    for a in APOSTROPHES:
        out = out.replace(a, "'")
    return out.replace("œ", "oe").replace("æ", "ae")


def collapse(text: str) -> str:
    """Join words split by a hyphenated line break and collapse runs of whitespace."""
    return _WS.sub(" ", _HYPHEN_BREAK.sub(r"\1\2", text)).strip()


@lru_cache(maxsize=1 << 16)
def norm_key(text: str) -> str:
    """The comparison key of a name: folded, punctuation dropped, spaces collapsed."""
    folded = fold(collapse(text)).replace("'", " ").replace("-", " ")
    return _WS.sub(" ", _NON_WORD.sub(" ", folded)).strip()
