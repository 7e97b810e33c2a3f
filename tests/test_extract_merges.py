"""Wrong merges (issue 13): names that differ only by a number or by a proper name are two
actors, never one misspelt; an agreement keeps the year that tells it from another of the same
place ("Convention de La Haye de 1980" and "... de 1993").

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

from docfactory import Extract


def test_agreements_that_differ_by_their_year_stay_apart(extract: Extract) -> None:
    entities = extract(
        "La Convention de La Haye de 1980 protège les enfants enlevés. La Convention de La "
        "Haye de 1993 encadre l'adoption internationale.\n"
    ).entities
    agreements = {e.name for e in entities if e.type == "agreement"}
    assert {"Convention de La Haye de 1980", "Convention de La Haye de 1993"} <= agreements
    assert "Convention de La Haye" not in agreements


def test_names_that_differ_by_a_number_or_a_proper_name_stay_apart(extract: Extract) -> None:
    entities = extract(
        "Le Règlement Bruxelles I et le Règlement Bruxelles II organisent la compétence des "
        "juges.\n\n"
        "Le Tribunal de commerce de Rennes a ouvert une procédure. Le Tribunal de commerce de "
        "Reims a jugé une autre affaire le même mois.\n"
    ).entities
    apart = [
        ("Règlement Bruxelles I", "Règlement Bruxelles II"),
        ("Tribunal de commerce de Rennes", "Tribunal de commerce de Reims"),
    ]
    for a, b in apart:
        holders = [e for e in entities if a in e.aliases or b in e.aliases]
        assert len(holders) == 2, holders
