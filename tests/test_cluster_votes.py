"""A cluster's type, counted per grouping key (``KeyVotes``), is the type its mentions vote
for one by one: weighted by label and name, the tie going to the type met first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from filature.extract.clusters import KeyVotes, UnionFind, _weight
from filature.extract.mentions import RawMention
from filature.extract.persons import Located
from filature.models import EntityType

TYPES: list[EntityType] = ["person", "organization", "place", "agreement"]
LABELS = ["PER", "ORG", "LOC", "MISC", "ALIAS", "TITLE", "DEFINED"]
NAMES = ["Meng Hongwei", "Interpol", "ONU", "Chine", "Pékin", "Europol", "MINISTERE"]


def by_mention(mentions: list[Located]) -> EntityType:
    """The vote read mention by mention, in order."""
    votes: dict[EntityType, float] = {}
    for m in mentions:
        votes[m.raw.type] = votes.get(m.raw.type, 0.0) + _weight(m.raw.label, m.raw.name)
    return max(votes, key=lambda t: votes[t])


mention = st.tuples(
    st.sampled_from(["k1", "k2", "k3", "k4", "k5"]),
    st.sampled_from(TYPES),
    st.sampled_from(LABELS),
    st.sampled_from(NAMES),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(mention, min_size=1, max_size=40),
    st.lists(st.tuples(*[st.sampled_from(["k1", "k2", "k3", "k4", "k5"])] * 2), max_size=4),
)
def test_key_votes_are_the_mentions_votes(
    rows: list[tuple[str, EntityType, str, str]], unions: list[tuple[str, str]]
) -> None:
    keyed = [
        (key, Located(0, RawMention(n, 0, len(name), name, name, etype, label, None, "body")))
        for n, (key, etype, label, name) in enumerate(rows)
    ]
    uf = UnionFind()
    for key, _ in keyed:
        uf.find(key)
    for a, b in unions:
        if a in uf.parent and b in uf.parent:
            uf.union(a, b)
    found = KeyVotes(keyed).clusters(uf)
    assert set(found.types) == set(found.mentions)
    for root, mentions in found.mentions.items():
        assert mentions == [m for key, m in keyed if uf.find(key) == root]
        assert found.types[root] == by_mention(mentions), root


def test_a_tie_goes_to_the_type_met_first_across_keys() -> None:
    def located(n: int, etype: EntityType) -> Located:
        return Located(0, RawMention(n, 0, 5, "Chine", "Chine", etype, "LOC", None, "body"))

    # equal weights: key b's organisation is met before key a's second mention, a person
    keyed = [
        ("a", located(0, "place")),
        ("b", located(1, "organization")),
        ("a", located(2, "person")),
        ("a", located(3, "place")),
        ("b", located(4, "organization")),
        ("a", located(5, "person")),
    ]
    uf = UnionFind()
    uf.union("a", "b")
    assert by_mention([m for _, m in keyed]) == "place"
    assert KeyVotes(keyed[:3]).clusters(uf).types == {"a": "place"}
    assert KeyVotes(keyed[1:3]).clusters(uf).types == {"a": "organization"}
    assert KeyVotes(keyed[1:]).clusters(uf).types == {"a": "organization"}
