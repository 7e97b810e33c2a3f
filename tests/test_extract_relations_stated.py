"""Relations between persons, organisations and places stated by apposition, examples, seats,
presence and joint work (issue 13), on sentences written for these tests from public facts (the
single sentences are cases in tests/cases/relations_stated.toml, run by
tests/test_relation_cases.py, save those with a role and a date)."""

from __future__ import annotations

from typing import Any

import pytest

from filature.extract.relations import MentionSpan, find_candidates
from relkit import Names, Triples, candidates_between, cases, sides

ORG = "organization"
CASES = "relations_stated.toml"


def found(nlp: Any, text: str, *names: tuple[str, str]) -> set[tuple[str, str, str, Any, Any]]:
    """(source, target, type, role, date) of every candidate of ``text``."""
    return {(*sides(text, c), c.role, c.date) for c in candidates_between(nlp, text, *names)}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "names", "expected", "role", "date"),
    cases(CASES, "role_and_date", "expected", "role", "date"),
)
def test_relations_stated_with_role_and_date(
    nlp: Any, text: str, names: Names, expected: Triples, role: str | None, date: str | None
) -> None:
    assert found(nlp, text, *names) == {(*r, role, date) for r in expected}


def candidates(nlp: Any, text: str, *spans: tuple[int, int]) -> set[tuple[str, str, str]]:
    """(source, target, type) of the candidates of ``text`` with organisation ``spans``."""
    mentions = [MentionSpan(a, b, ORG) for a, b in spans]
    return {sides(text, c) for c in find_candidates(nlp(text), mentions)}


def span(text: str, name: str, after: int = 0) -> tuple[int, int]:
    start = text.index(name, after)
    return start, start + len(name)


@pytest.mark.slow
def test_a_bare_first_word_stands_for_the_organisation_named_before(nlp: Any) -> None:
    text = "Le Front Polisario est né en 1973. Le Front est membre de l'Internationale socialiste."
    short = span(text, "Front", text.index("Le Front est"))
    got = candidates(
        nlp, text, span(text, "Front Polisario"), short, span(text, "Internationale socialiste")
    )
    assert got == {("Front Polisario", "Internationale socialiste", "member_of")}
    text = "Le Front national a perdu. Le Front de gauche aussi. Le Front est membre de l'Alliance."
    short = span(text, "Front", text.index("Le Front est"))
    named = (span(text, "Front national"), span(text, "Front de gauche"), span(text, "Alliance"))
    assert candidates(nlp, text, *named, short) == {("Front", "Alliance", "member_of")}
