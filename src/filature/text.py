"""Text shared by every layer: the one control-character policy (document text is data, never
terminal control) and the one fold, with the name key built on it (extraction, curation, search).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

# What can drive a terminal or reorder what is shown: C0 controls but tab and newline, DEL, C1
# controls, the line and paragraph separators, bidi embeddings and overrides (U+202A-U+202E) and
# isolates (U+2066-U+2069).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
LETTER = re.compile(r"[^\W\d_]")
"""One letter of any script: a word character that is neither a digit nor the underscore."""


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\N{REPLACEMENT CHARACTER}"


def printable(text: str) -> str:
    """Make every control character visible: a C0 character becomes its control picture
    (ESC -> ␛), the others (DEL, C1, separators, bidi overrides) U+FFFD. Tab and newline stay.

    Every output applies it: the app, the CLI, the exports and the dossier.
    """
    return CONTROL.sub(_visible, text)


def printable_line(text: str) -> str:
    """:func:`printable` for one line (a file name, a table cell): tab and newline made visible
    too (␉, ␊), so that a name can neither drive the terminal nor break a line."""
    return printable(text).replace("\n", "\u240a").replace("\t", "\u2409")


def safe_text(text: str, *, keep_newlines: bool = True) -> str:
    """:func:`printable`; without ``keep_newlines``, tab and newline become spaces (labels)."""
    out = printable(text)
    return out if keep_newlines else out.replace("\n", " ").replace("\t", " ")


def strip_controls(text: str) -> str:
    """Remove the control characters of :func:`printable` (keeping newlines and tabs) from text
    that leaves the app through the clipboard, where a placeholder would be pasted as text."""
    return CONTROL.sub("", text.replace("\r\n", "\n"))


APOSTROPHES = "'’`´ʼ‘"
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)")
_NON_WORD = re.compile(r"[^\w\s-]")
# Apostrophes unified and ligatures spelled out (NFKD leaves "œ" and "æ" whole).
_FOLD_MARKS = (*((a, "'") for a in APOSTROPHES[1:]), ("œ", "oe"), ("æ", "ae"))
_MARKS = frozenset(mark for mark, _ in _FOLD_MARKS)


# The name helpers below are pure and called on the same words and names over and over by a
# build (every token of every passage): memoised, and ASCII text (unchanged by NFKD) short-cut.


@lru_cache(maxsize=1 << 16)
def strip_accents(text: str) -> str:
    """Remove combining accents ("État" -> "Etat")."""
    if text.isascii():
        return text
    decomposed = _strip_latin(text)
    return decomposed if decomposed.isascii() else _strip_marks(decomposed)


def _strip_latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    if not _BASE_SET.isdisjoint(decomposed):
        decomposed = decomposed.translate(_BASE_LETTERS)
    if decomposed.isascii():
        return decomposed
    return _LATIN_MARKS.sub("", decomposed)


def _strip_marks(text: str) -> str:
    """The general, slower removal, character by character (needed only for other scripts)."""
    return "".join(c for c in text if not unicodedata.combining(c))


def _strip_lines(text: str) -> str:
    """:func:`strip_accents` of each line: the slow removal only on the lines that need it."""
    if text.isascii():
        return text
    lines = _strip_latin(text).split("\n")
    return "\n".join(line if line.isascii() else _strip_marks(line) for line in lines)


# The combining accents of Latin letters (U+0300-U+036F), removed in one pass before the general,
# slower character-by-character removal (needed only for other scripts).
_LATIN_MARKS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]+"
)
# Latin letters with a mark Unicode does not decompose ("Diyarbakır" is "Diyarbakir").
_BASE_LETTERS = str.maketrans("ıłŁøØđĐħĦ", "ilLoOdDhH")
_BASE_SET = frozenset("ıłŁøØđĐħĦ")


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """The one fold: casefolded, accent-free, apostrophes unified, ligatures spelled out
    ("lʼÉtat" -> "l'etat", "Lætitia" -> "laetitia"). Character by character: the fold of a
    text is the folds of its characters joined (see ``query.text.fold_with_map``).

    Extraction compares words and lexicons in it, and ``norm_key`` (names: curation, the
    fuzzy index, the full-text search terms) is built on it.
    """
    return _fold(text, strip_accents)


def _fold(text: str, strip: Callable[[str], str]) -> str:
    if text.isascii():
        return text.lower().replace("`", "'")
    out = text.casefold()
    if not _MARKS.isdisjoint(out):  # str.replace is much faster than str.translate
        for mark, spelled in _FOLD_MARKS:
            out = out.replace(mark, spelled)
    return strip(out)


def folded(words: Iterable[str]) -> frozenset[str]:
    """The set of ``words`` folded (a word list of a data file, compared folded)."""
    return frozenset(fold(w) for w in words)


def collapse(text: str) -> str:
    """Join words split by a hyphenated line break and collapse runs of whitespace."""
    if "\n" in text and "-" in text:
        text = _HYPHEN_BREAK.sub(r"\1\2", text)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def norm_key(text: str) -> str:
    """The comparison key of a name: folded, punctuation dropped, spaces collapsed."""
    return _key(fold(collapse(text)))


def norm_key_once(text: str) -> str:
    """:func:`norm_key` of a text met once (a pass over every name of a database): the same
    key, without filling the memos of ``norm_key``, ``fold`` and ``strip_accents`` with
    hundreds of thousands of texts never asked for again (tens of MB, kept)."""
    return _key(_fold(collapse(text), strip_accents.__wrapped__))


def norm_keys(texts: list[str]) -> list[str]:
    """:func:`norm_key_once` of each text, computed over all of them joined: the fold runs
    once (it is character by character), so a block of names costs a few calls, not a few
    per name."""
    if not texts:
        return []
    # After ``collapse`` a text holds no newline, and no character folds into one.
    joined = _fold("\n".join(collapse(t) for t in texts), _strip_lines)
    joined = _NON_WORD.sub(" ", joined.replace("'", " ").replace("-", " "))
    return [" ".join(part.split()) for part in joined.split("\n")]


def _key(folded: str) -> str:
    folded = folded.replace("'", " ").replace("-", " ")
    return " ".join(_NON_WORD.sub(" ", folded).split())


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun`` in agreement: "1 passage", "2 passages", "1,204 passages"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
