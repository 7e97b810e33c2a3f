"""People: resolving surname-only references in a document, and the guard for fuzzy merges."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from filature.extract.mentions import RawMention
from filature.extract.textnorm import norm_key


@dataclass(frozen=True, slots=True)
class Located:
    """A raw mention with the index of its document (and its possibly resolved name)."""

    doc_index: int
    raw: RawMention

    @property
    def name(self) -> str:
        return self.raw.name


def _tokens(name: str) -> list[str]:
    return norm_key(name).split()


def resolve_short_names(mentions: Sequence[Located]) -> list[Located]:
    """Give one-word person mentions ("Noble", "M. Louboutin") the full name seen in the document.

    The latest full name before the mention that contains the word wins, else the first one
    after it. A one-word person with no full name is kept when it carries a role (title) or
    NER itself tagged it a person ("Voltaire"); the analysis already removed common words.
    """
    full = _full_names_by_word(mentions)
    out: list[Located] = []
    for m in mentions:
        words = _tokens(m.name)
        if m.raw.type != "person" or len(words) != 1:
            out.append(m)
            continue
        chosen = None
        found = full.get((m.doc_index, words[0]))
        if found is not None:
            places, names = found
            before = bisect_left(places, (m.raw.passage_seq, m.raw.start))
            chosen = names[before - 1] if before else names[0]
        if chosen is not None:
            out.append(replace(m, raw=replace(m.raw, name=chosen)))
        elif m.raw.role or m.raw.label == "PER":
            out.append(m)
    return out


def _full_names_by_word(
    mentions: Sequence[Located],
) -> dict[tuple[int, str], tuple[list[tuple[int, int]], list[str]]]:
    """Per (document, word): the places and names of the full person names holding the word,
    in document order, so that a one-word mention finds its neighbours by bisection instead
    of scanning every full name of its document."""
    found: dict[tuple[int, str], list[tuple[tuple[int, int], str]]] = {}
    for m in mentions:
        words = _tokens(m.name)
        if m.raw.type == "person" and len(words) >= 2:
            place = (m.raw.passage_seq, m.raw.start)
            for word in dict.fromkeys(words):
                found.setdefault((m.doc_index, word), []).append((place, m.name))
    by_word: dict[tuple[int, str], tuple[list[tuple[int, int]], list[str]]] = {}
    for key, items in found.items():
        items.sort(key=lambda item: item[0])
        by_word[key] = ([place for place, _ in items], [name for _, name in items])
    return by_word


def _close(a: str, b: str) -> bool:
    limit = 2 if min(len(a), len(b)) >= 8 else 1
    return Levenshtein.distance(a, b) <= limit and a[:1] == b[:1]


def same_person(a: str, b: str) -> bool:
    """True if two person names are variants of one name (OCR, accents, order, initials).

    Guards: the same number of words, every word within one edit (two for long words) of its
    counterpart and starting alike, and at least one word identical; or one name is the other
    with middle initials dropped.
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if ta == tb or sorted(ta) == sorted(tb):
        return True
    if len(ta) == len(tb):
        for order in (tb, tb[::-1]):
            pairs = list(zip(ta, order, strict=True))
            if all(_close(x, y) for x, y in pairs) and any(x == y for x, y in pairs):
                return True
        return False
    short, long = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    dropped = [w for w in long if w not in short]
    return (
        len(short) >= 2
        and short[0] == long[0]
        and short[-1] == long[-1]
        and all(len(w) == 1 for w in dropped)
    )
