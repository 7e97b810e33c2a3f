"""States named in a passage by a formal name ("La République italienne a ratifié", which NER
often misses) or by "État"/"gouvernement" and a nationality ("le gouvernement chinois"): the
names come from ``countries``' world knowledge, searched where one of their first words is
written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from filature.extract.countries import load_countries
from filature.extract.textnorm import fold, norm_key

_STATE_SPAN = re.compile(r"(?i:\b(?P<head>[ÉE]tat|gouvernement)\s+(?P<adj>[a-zà-ÿ-]{4,})\b)")


@cache
def _formal_names() -> re.Pattern[str]:
    """Every state name of two words or more, in any case ("République italienne",
    "royaume d'Espagne"), longest first."""
    forms = sorted((f for f in load_countries().forms if " " in f), key=len, reverse=True)
    alternation = "|".join(re.escape(f).replace("'", "['’]\\s*") for f in forms)
    return re.compile(rf"(?i:\b(?:{alternation})\b)")


def state_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """States named by a formal name ("La République italienne a ratifié", which NER often
    misses) or by "État"/"gouvernement" and a nationality ("l'État italien", "le gouvernement
    chinois"). Yields (start, end, name as written)."""
    countries = load_countries()
    for m in _STATE_SPAN.finditer(text):
        if fold(m.group("adj")) in countries.demonyms:
            yield m.start("head"), m.end("adj"), m.group(0)
    written_as = _written_as()
    for m in _formal_matches(text):
        form = written_as.get(norm_key(m.group(0)))
        if form is not None and _keeps_capitals(m.group(0), form):
            yield m.start(), m.end(), m.group(0)


@cache
def _written_as() -> dict[str, str]:
    return {norm_key(f): f for f in load_countries().forms}


@cache
def _formal_starts() -> re.Pattern[str]:
    """Where a formal name may start: its first word (up to a space or an apostrophe), in any
    case, as a trie (the same strings as their alternation, far cheaper to scan for)."""
    forms = (f for f in load_countries().forms if " " in f)
    firsts = {re.split(r"[ ']", f, maxsplit=1)[0] for f in forms}
    return re.compile(rf"(?=(?i:\b{_trie(firsts)}))")


def _trie(words: set[str]) -> str:
    """A pattern matching exactly ``words`` (escaped), their common prefixes factored out."""
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict[str, Any]]) -> str:
        alts = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _formal_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_formal_names().finditer(text)`` finds, trying the names only where one of
    their first words is written."""
    names, end = _formal_names(), 0
    for start in _formal_starts().finditer(text):
        if start.start() < end:
            continue
        m = names.match(text, start.start())
        if m is not None:
            end = m.end()
            yield m


FORMAL_HEADS = frozenset({"republique", "royaume", "confederation", "federation", "principaute"})


def _keeps_capitals(written: str, form: str) -> bool:
    """True if the text capitalises every word the name capitalises, except a formal head
    ("république italienne"): "la réunion" (a meeting) is not "La Réunion"."""
    pairs = list(zip(re.split(r"[\s'’-]+", written), re.split(r"[\s'’-]+", form), strict=False))
    return all(
        w[:1].isupper() or not f[:1].isupper() or (i == 0 and fold(f) in FORMAL_HEADS)
        for i, (w, f) in enumerate(pairs)
    )
