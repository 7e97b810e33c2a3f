"""Relations stated around a name (issue 13, relation recall): a unit named before its
organisation, the sides of a war, the parties that concluded an agreement, the seat of an
organisation and a person's role in apposition.

Every sentence here is written for the test from public facts, in our own words; the named cases
are in tests/cases/relations_sides.toml.
"""

from __future__ import annotations

from typing import Any

import pytest

from relkit import Names, Triples, cases, found

CASES = "relations_sides.toml"


@pytest.mark.slow
@pytest.mark.parametrize(("text", "names", "expected"), cases(CASES, "stated", "expected"))
def test_relations_stated_around_a_name(
    nlp: Any, text: str, names: Names, expected: Triples
) -> None:
    assert found(nlp, text, *names) == expected


@pytest.mark.slow
@pytest.mark.parametrize(("text", "names", "expected"), cases(CASES, "included", "expected"))
def test_relations_stated_among_others(
    nlp: Any, text: str, names: Names, expected: Triples
) -> None:
    got = found(nlp, text, *names)
    assert expected <= got, got


@pytest.mark.slow
@pytest.mark.parametrize(("text", "names", "kind"), cases(CASES, "not_stated", "absent"))
def test_relations_not_stated_around_a_name(nlp: Any, text: str, names: Names, kind: str) -> None:
    got = found(nlp, text, *names)
    assert not any(t == kind for _, _, t in got), got


@pytest.mark.slow
def test_an_agreement_concluded_by_two_parties_named_as_agents(nlp: Any) -> None:
    text = "Les accords d'Oslo conclus par Israël et l'OLP en 1993 ont suscité l'espoir."
    names = (("accords d'Oslo", "agreement"), ("Israël", "place"), ("OLP", "organization"))
    got = found(nlp, text, *names)
    assert ("Israël", "OLP", "agreement_with") in got or ("OLP", "Israël", "agreement_with") in got
