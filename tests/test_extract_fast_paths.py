"""The faster searches of the analysis find exactly what the patterns they replace find.

Each fast path is checked against the plain form it stands for (a regex alternation, a linear
scan) on the seeds' text and on hand-made edge cases: same spans, same order, same winner.
"""

from __future__ import annotations

import random
import re

import pytest

from filature.extract.events import _head_at
from filature.extract.namesearch import NameSearch
from filature.extract.spread import _lower
from filature.extract.statespans import _formal_matches, _formal_names
from reliability import ROOT

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
EDGES = [
    "(union européenne) l'union européenne-bis, l’Union  européenne\net nations\tunies_x",
    "a-b -a-b a-bc xa-b a - b union-européenne union européennes",
    "La république italienne, RÉPUBLIQUE FRANÇAISE, république d’Autriche, Royaume-Uni",
    "Îles Salomon; îles salomonx; Etats-Unis d'Amérique, États-Unis d’ Amérique",
]


def _pattern_hits(pattern: re.Pattern[str], text: str, after_end: bool) -> list[tuple[int, int]]:
    hits, hit = [], pattern.search(text)
    while hit is not None:
        hits.append(hit.span())
        hit = pattern.search(text, hit.end() if after_end else hit.start() + 1)
    return hits


def _search_hits(names: NameSearch, text: str, after_end: bool) -> list[tuple[int, int]]:
    hits, hit = [], names.search(text)
    while hit is not None:
        hits.append(hit)
        hit = names.search(text, hit[1] if after_end else hit[0] + 1)
    return hits


@pytest.mark.parametrize("after_end", [True, False], ids=["from_end", "from_start_plus_one"])
def test_name_search_finds_what_the_alternation_finds(after_end: bool) -> None:
    rng = random.Random(17)
    for text in [*SEED_TEXTS, *EDGES]:
        lowered = _lower(text)
        words = lowered.split()
        picks = rng.sample(range(len(words) - 4), min(250, len(words) - 4))
        names = {" ".join(words[i : i + rng.randint(1, 4)]) for i in picks}
        names |= {w[: rng.randint(1, len(w))] for w in rng.sample(words, min(40, len(words)))}
        names |= {"union", "union européenne", "l'union", "-", "a-b", "a", "nations  unies"}
        ordered = sorted(names, key=len, reverse=True)
        body = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in ordered)
        pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
        search = NameSearch(ordered)
        for part in lowered.split("\n\n"):
            expected = _pattern_hits(pattern, part, after_end)
            assert _search_hits(search, part, after_end) == expected, part[:80]


def test_name_search_with_an_empty_name_falls_back_on_the_pattern() -> None:
    pattern = re.compile(r"(?<![\w-])(?:union|)(?![\w-])")
    text = "l'union, un  x"
    assert _search_hits(NameSearch(["union", " "]), text, False) == _pattern_hits(
        pattern, text, False
    )


def test_formal_state_names_found_as_by_the_whole_pattern() -> None:
    found = 0
    for text in [*SEED_TEXTS, *EDGES]:
        expected = [(m.span(), m.group(0)) for m in _formal_names().finditer(text)]
        assert [(m.span(), m.group(0)) for m in _formal_matches(text)] == expected
        found += len(expected)
    assert found > 5  # the edge cases name states: the comparison is not vacuous


def test_event_heads_found_as_by_a_scan_of_every_head() -> None:
    heads = (("guerre", "civile"), ("guerre",), ("traite",), ("guerres",), ("conseil", "de"))
    words = [
        "la",
        "guerre",
        "civile",
        "puis",
        "la",
        "guerre",
        "et",
        "le",
        "traite",
        "du",
        "conseil",
        "de",
        "paix",
        "guerres",
    ]
    for i in range(len(words)):
        scan = next((h for h in heads if tuple(words[i : i + len(h)]) == h), None)
        assert _head_at(words, i, heads) == scan
