"""An adjective after a name that agrees with a noun outside it (issue 13, badly named):
"la province du Kurdistan iranienne" names the Kurdistan; "iranienne" is feminine and goes
with "province", while "du" makes the name masculine. A name whose adjective agrees with it
keeps the adjective ("le Kurdistan irakien", "la République italienne").

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

from docfactory import Extract

TEXT = (
    "La province du Kurdistan iranienne a pour capitale Sanandaj.\n\n"
    "La région du Tyrol italienne est très montagneuse.\n\n"
    "Le gouvernement régional du Kurdistan irakien siège à Erbil.\n\n"
    "La République italienne a ratifié la convention en 2015.\n"
)


def test_adjective_agreeing_with_a_noun_outside_the_name_is_cut(extract: Extract) -> None:
    aliases = {alias for e in extract(TEXT).entities for alias in e.aliases}
    assert "Kurdistan iranienne" not in aliases
    assert "Tyrol italienne" not in aliases
    assert {"Kurdistan", "Tyrol"} <= aliases
    assert "Kurdistan irakien" in aliases
