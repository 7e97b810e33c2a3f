"""Relation sentences written for the tests from public facts (tests/cases/relations_*.toml),
each parsed by the real model with its mentions placed: it states exactly the relations of its
case (``stated``), at least them (``included``), none of a type (``not_stated``), or exactly them
with the detail its file names (``detailed``: the role, or the role or else the date)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from casekit import CASES
from filature.extract.relations import RelationCandidate
from relkit import Names, Triples, candidates_between, cases, found, sides, with_detail

DETAILS: dict[str, Callable[[RelationCandidate], Any]] = {
    "role": lambda c: c.role,
    "role or date": lambda c: c.role or c.date,
}


def every(table: str, *fields: str) -> list[Any]:
    """The cases of ``table`` in every relation case file, named ``file:id``."""
    return [
        pytest.param(*case.values, id=f"{path.stem}:{case.id}")
        for path in sorted(CASES.glob("relations_*.toml"))
        for case in cases(path.name, table, *fields)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "names", "expected"), every("stated", "expected"))
def test_a_sentence_states_exactly_its_relations(
    nlp: Any, text: str, names: Names, expected: Triples
) -> None:
    assert found(nlp, text, *names) == expected


@pytest.mark.slow
@pytest.mark.parametrize(("text", "names", "expected"), every("included", "expected"))
def test_a_sentence_states_its_relations_among_others(
    nlp: Any, text: str, names: Names, expected: Triples
) -> None:
    assert expected <= found(nlp, text, *names)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "names", "kind"), every("not_stated", "absent"))
def test_a_sentence_states_no_relation_of_a_type(
    nlp: Any, text: str, names: Names, kind: str
) -> None:
    assert kind not in {t for _, _, t in found(nlp, text, *names)}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "names", "expected", "detail"), every("detailed", "expected", "detail")
)
def test_a_sentence_states_exactly_its_relations_with_their_detail(
    nlp: Any, text: str, names: Names, expected: set[tuple[Any, ...]], detail: str
) -> None:
    candidates = candidates_between(nlp, text, *names)
    got = {(*sides(text, c), DETAILS[detail](c)) for c in candidates}
    assert got == with_detail(expected)
