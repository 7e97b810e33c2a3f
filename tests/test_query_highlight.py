"""The full-text search's highlighting takes shortcuts (a byte table for passages whose every
character folds to one Latin-1 character, the terms found before their word boundary is
checked): each is checked here against the plain definition it replaces."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from filature.query.fts import search_terms, term_spans
from filature.query.text import _FOLDS, fold_with_map

TRICKY = "aAbé É'’-_ Œœæßﬁ\u00ad\u0301İДдı«»…0"
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=24) | st.text(max_size=24)


def plain_fold_with_map(text: str) -> tuple[str, list[int]]:
    """Each character's fold, and the source index of each folded character."""
    folded = "".join(_FOLDS[ord(ch)] for ch in text)
    return folded, [i for i, ch in enumerate(text) for _ in _FOLDS[ord(ch)]]


def plain_term_spans(text: str, terms: list[str], prefix: bool) -> tuple[tuple[int, int], ...]:
    """Every whole-word (or, for the last term with ``prefix``, word-start) occurrence."""
    folded, index = plain_fold_with_map(text)
    found = set()
    for number, term in enumerate(terms):
        tail = r"\w*" if prefix and number == len(terms) - 1 else r"(?!\w)"
        for match in re.finditer(r"(?<!\w)" + re.escape(term) + tail, folded):
            found.add((index[match.start()], index[match.end() - 1] + 1))
    return tuple(sorted(found))


@given(texts)
def test_the_fold_with_its_map_is_the_fold_of_each_character(text: str) -> None:
    folded, index = fold_with_map(text)
    assert (folded, list(index)) == plain_fold_with_map(text)


def test_a_french_passage_takes_the_byte_table_and_folds_the_same() -> None:
    text = "L’Œuvre de la « coopération » – à Pékin… Ça s’écrit ainsi, n° 3."
    folded, index = fold_with_map(text)
    assert (folded, list(index)) == plain_fold_with_map(text)
    plain = "La coopération sécuritaire de l’État, à Pékin."
    folded, index = fold_with_map(plain)
    assert isinstance(index, range) and folded == plain_fold_with_map(plain)[0]


@given(texts, st.lists(texts, min_size=1, max_size=3), st.booleans())
def test_the_marks_are_every_whole_word_occurrence(
    text: str, queries: list[str], prefix: bool
) -> None:
    terms = [t for q in queries for t in search_terms(q)][:3]
    assert term_spans(text, terms, prefix) == plain_term_spans(text, terms, prefix)


def test_an_occurrence_inside_a_word_is_not_marked_and_hides_no_other() -> None:
    text = "recoopération, coopérations et coopération"
    assert term_spans(text, ["cooperation"]) == ((len(text) - 11, len(text)),)
    assert term_spans(text, ["cooperation"], prefix=True) == ((15, 27), (31, 42))
