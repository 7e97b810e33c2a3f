"""Text helpers shared by the queries and the app: folding for search, control-character safety."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NOT_WORD = re.compile(r"[\W_]+")
# The combining accents of Latin letters (U+0300-U+036F), removed in one pass before the general,
# slower character-by-character removal (needed only for other scripts).
_LATIN_MARKS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]+"
)


def fold(text: str) -> str:
    """Fold ``text`` for matching: casefold, strip accents, collapse punctuation and spaces.

    >>> fold("  Sécurité-PUBLIQUE  d'État ")
    'securite publique d etat'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if not decomposed.isascii():
        decomposed = _LATIN_MARKS.sub("", decomposed)
        if not decomposed.isascii():
            decomposed = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", decomposed).strip()


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` character by character, keeping a map from folded index to source index.

    Unlike :func:`fold`, punctuation is kept (as spaces) so that positions line up; used to
    highlight where a folded term occurs in the original text.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        decomposed = unicodedata.normalize("NFKD", ch.casefold())
        for part in decomposed:
            if unicodedata.combining(part):
                continue
            out.append(part if part.isalnum() else " ")
            index.append(i)
    return "".join(out), index


def printable(text: str) -> str:
    """Replace control characters (C0 but newline and tab, DEL, C1, bidi overrides) for display.

    C0 characters become their visible "control picture" (ESC -> ␛); the others become U+FFFD.
    """

    def repl(match: re.Match[str]) -> str:
        code = ord(match.group())
        return chr(0x2400 + code) if code < 0x20 else "\ufffd"

    return _CONTROL.sub(repl, text)


def printable_line(text: str) -> str:
    """:func:`printable` for one line (a file name, a table cell): tab and newline made visible
    too (␉, ␊), so that a name can neither drive the terminal nor break a line."""
    return printable(text).replace("\n", "\u240a").replace("\t", "\u2409")


def strip_controls(text: str) -> str:
    """Remove control characters (keeping newlines and tabs) from text that leaves the app."""
    return _CONTROL.sub("", text.replace("\r\n", "\n"))


def one_line(text: str) -> str:
    """Collapse every run of whitespace (newlines included) into one space."""
    return " ".join(text.split())
