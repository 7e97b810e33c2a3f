"""Acronym definitions harvested from the text: "Long Form (ACR)" and "ACR (Long Form)"; an
acronym written with dots ("Long Form (A.C.R.)") defines its letters."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from filature.extract.lexicon import Lexicon
from filature.extract.textnorm import collapse, fold

_PAREN_ACR = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9&]{1,9}|(?:[A-Z]\.){2,9})\s*\)")
_ACR_PAREN = re.compile(r"\b(?P<acr>[A-Z][A-Z0-9&]{1,9})\s*\((?P<long>[^()]{5,120})\)")
_LONG_WORD = re.compile(r"[\w]+")
_MAX_WORDS = 14
MIN_COVERAGE = 0.75


@dataclass(frozen=True, slots=True)
class AcronymDef:
    """One definition found in a passage; offsets of the long form are into the passage text."""

    acronym: str
    long_form: str
    start: int
    end: int
    acronym_start: int
    acronym_end: int


def coverage(acronym: str, long_form: str) -> float:
    """Share of the acronym's letters found among the initials of the long form's words."""
    initials = Counter(fold(w)[0] for w in _LONG_WORD.findall(long_form) if not w.isdigit())
    letters = [fold(c) for c in acronym if c.isalpha()]
    if not letters:
        return 0.0
    found = 0
    for letter in letters:
        if initials[letter] > 0:
            initials[letter] -= 1
            found += 1
    return found / len(letters)


def _word_starts(text: str) -> list[int]:
    return [m.start() for m in _LONG_WORD.finditer(text)]


def _best_long_form(text: str, end: int, acronym: str, lex: Lexicon) -> tuple[int, int] | None:
    """The shortest run of words ending at ``end`` that covers the acronym."""
    window_start = max(0, end - 160)
    window = text[window_start:end]
    cut = max(window.rfind(c) for c in ".,;:!?«»()")
    if cut >= 0 and window[cut] != "\n":
        window_start += cut + 1
        window = text[window_start:end]
    window = window.replace("\n", " ")
    starts = _word_starts(window)[-_MAX_WORDS:]
    fallback: tuple[int, int] | None = None
    for s in reversed(starts):
        first = _LONG_WORD.match(window, s)
        word = first.group(0) if first else ""
        if fold(word) in lex.determiners or fold(word) in lex.stopwords:
            continue
        candidate = window[s:].rstrip(" ,")
        if coverage(acronym, candidate) >= MIN_COVERAGE and fold(word)[0] in fold(acronym):
            span = (window_start + s, window_start + s + len(candidate))
            if fold(word)[0] != fold(acronym)[0]:
                full = _full_long_form(window, starts, acronym, lex)
                if full is not None:
                    return window_start + full[0], window_start + full[1]
            if word[:1].isupper() or fold(word) in lex.organization_heads:
                return span
            fallback = fallback or span
    return fallback


def _full_long_form(
    window: str, starts: list[int], acronym: str, lex: Lexicon
) -> tuple[int, int] | None:
    """When the shortest run does not start with the acronym's first letter, the shortest
    capitalised run that spells every letter and does ("Association Française Janusz Korczak"
    for AFJK, not "Française Janusz Korczak", three letters of four)."""
    for s in reversed(starts):
        word = window[s:].split(None, 1)[0] if window[s:].strip() else ""
        if not word[:1].isupper() or fold(word) in lex.determiners:
            continue
        candidate = window[s:].rstrip(" ,")
        if fold(word)[0] == fold(acronym)[0] and coverage(acronym, candidate) == 1.0:
            return s, s + len(candidate)
    return None


def find_definitions(text: str, lex: Lexicon) -> Iterator[AcronymDef]:
    """Every acronym definition in a passage text (both orders)."""
    for m in _PAREN_ACR.finditer(text):
        acronym = m.group("acr").replace(".", "")  # "(C.I.D.E.)" defines CIDE
        if sum(c.isupper() for c in acronym) < 2:
            continue
        span = _best_long_form(text, m.start(), acronym, lex)
        if span is not None:
            long_form = collapse(text[span[0] : span[1]])
            yield AcronymDef(acronym, long_form, span[0], span[1], m.start("acr"), m.end("acr"))
    for m in _ACR_PAREN.finditer(text):
        long_form = collapse(m.group("long"))
        if long_form[:1].isupper() and coverage(m.group("acr"), long_form) >= MIN_COVERAGE:
            first = fold(long_form)[0]
            if first == fold(m.group("acr"))[0]:
                yield AcronymDef(
                    m.group("acr"),
                    long_form,
                    m.start("long"),
                    m.end("long"),
                    m.start("acr"),
                    m.end("acr"),
                )
