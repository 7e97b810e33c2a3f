"""The ego network: an entity's neighbours grouped by relation type and side, stated
relations before co-occurrences, each group capped ("+ 42 more"), and the second degree of
the first neighbours listed."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from filature.query.records import clean
from filature.query.resolve import EntityNotFound
from filature.query.types import EndPoint
from filature.query.views import Neighbour, NeighbourGroup, Network
from filature.vocabulary import CO_OCCURRENCE, RELATION_TYPES, Side, relation_type

_NEIGHBOURS = """
SELECT r.type, r.side, e.id, e.name, e.type, COUNT(*), SUM(r.weight), MAX(e.mention_count)
FROM (
    SELECT type, 'out' AS side, target_id AS other, weight FROM relations
    WHERE source_id = :e AND target_id != :e
    UNION ALL
    SELECT type, 'in', source_id, weight FROM relations WHERE target_id = :e AND source_id != :e
) r JOIN entities e ON e.id = r.other
GROUP BY r.type, r.side, e.id
"""
_ORDER = {name: n for n, name in enumerate(RELATION_TYPES)}


def neighbour_groups(
    conn: sqlite3.Connection,
    entity_id: int,
    *,
    cap: int = 20,
    exclude: frozenset[int] = frozenset(),
) -> tuple[NeighbourGroup, ...]:
    """The neighbours of ``entity_id`` (but those of ``exclude``) grouped by relation type and
    side: stated types in the vocabulary's order, co-occurrences last; within a group the best
    supported first, at most ``cap`` listed."""
    found: dict[tuple[str, Side], list[tuple[Neighbour, int]]] = defaultdict(list)
    for rtype, side, nid, name, ntype, count, weight, mentions in conn.execute(
        _NEIGHBOURS, {"e": entity_id}
    ):
        if int(nid) in exclude:
            continue
        seen: Side = (
            "both" if relation_type(str(rtype)).symmetric else ("out" if side == "out" else "in")
        )
        found[(str(rtype), seen)].append(
            (
                Neighbour(
                    EndPoint(int(nid), clean(name), str(ntype)), int(count), int(weight or 0)
                ),
                int(mentions),
            )
        )
    groups = []
    for (rtype, side), members in found.items():
        merged: dict[int, tuple[Neighbour, int]] = {}
        for n, mentions in members:  # a symmetric type stored both ways: one neighbour
            old = merged.get(n.entity.id)
            merged[n.entity.id] = (
                (n, mentions)
                if old is None
                else (
                    Neighbour(n.entity, old[0].relations + n.relations, old[0].weight + n.weight),
                    mentions,
                )
            )
        ranked = sorted(
            merged.values(), key=lambda m: (-m[0].weight, -m[0].relations, -m[1], m[0].entity.name)
        )
        listed = tuple(n for n, _ in ranked[: max(0, cap)])
        groups.append(NeighbourGroup(rtype, side, listed, len(ranked) - len(listed)))
    groups.sort(
        key=lambda g: (g.type == CO_OCCURRENCE, _ORDER.get(g.type, len(_ORDER)), g.type, g.side)
    )
    return tuple(groups)


def ego_network(
    conn: sqlite3.Connection,
    entity_id: int,
    *,
    cap: int = 20,
    depth: int = 1,
    second_cap: int = 5,
    expand: int = 10,
) -> Network:
    """The network around ``entity_id``: its neighbour groups (``cap`` each) and, with
    ``depth`` 2, the neighbours of its first ``expand`` listed neighbours (stated ones first),
    ``second_cap`` per group, leaving out the centre and the first degree."""
    row = conn.execute("SELECT id, name, type FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise EntityNotFound(f"No entity #{entity_id}.")
    center = EndPoint(int(row[0]), clean(row[1]), str(row[2]))
    groups = neighbour_groups(conn, entity_id, cap=cap)
    if depth < 2:
        return Network(center, groups)
    first = [n.entity for g in groups for n in g.neighbours]
    known = frozenset({entity_id, *(e.id for e in first)})
    chosen = list(dict.fromkeys(first))[: max(0, expand)]
    second = tuple(
        (end, neighbour_groups(conn, end.id, cap=second_cap, exclude=known)) for end in chosen
    )
    return Network(center, groups, second)
