"""Relations stated around a name (issue 13, relation recall): a unit named before its
organisation, the sides of a war, the parties that concluded an agreement, the seat of an
organisation and a person's role in apposition.

Every sentence here is written for the test from public facts, in our own words; the single
sentences are cases in tests/cases/relations_sides.toml, run by tests/test_relation_cases.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from relkit import found


@pytest.mark.slow
def test_an_agreement_concluded_by_two_parties_named_as_agents(nlp: Any) -> None:
    text = "Les accords d'Oslo conclus par Israël et l'OLP en 1993 ont suscité l'espoir."
    names = (("accords d'Oslo", "agreement"), ("Israël", "place"), ("OLP", "organization"))
    got = found(nlp, text, *names)
    assert ("Israël", "OLP", "agreement_with") in got or ("OLP", "Israël", "agreement_with") in got
