"""Which entity a name typed by a user means: ``resolve_entity``."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from filature.query.records import clean
from filature.query.text import fold
from filature.query.types import EntityRow

_ID = re.compile(r"#(\d+)")


def describe(candidate: EntityRow) -> str:
    """``#12 Meng Hongwei (person, 3 mentions)``."""
    c = candidate
    return f"#{c.id} {c.name} ({c.type}, {c.mention_count} mentions)"


class EntityLookupError(LookupError):
    """A name that does not lead to exactly one entity; ``candidates`` are the closest ones."""

    def __init__(self, message: str, candidates: Sequence[EntityRow] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = tuple(candidates)

    def __str__(self) -> str:
        return self.message


class EntityNotFound(EntityLookupError):
    """No entity matches the name."""


class AmbiguousName(EntityLookupError):
    """Several entities match the name equally well."""


def _pick(name: str, found: Sequence[EntityRow], how: str) -> int:
    if len(found) == 1:
        return found[0].id
    ranked = sorted(found, key=lambda c: (-c.mention_count, c.name, c.id))
    listed = "; ".join(describe(c) for c in ranked[:8])
    raise AmbiguousName(
        f"{clean(name)!r} {how} {len(found)} entities: {listed}. Give the full name, "
        "the type, or the id as #ID.",
        ranked,
    )


def resolve_entity(conn: sqlite3.Connection, name: str, etype: str | None = None) -> int:
    """The id of the entity called ``name``: ``#ID``, then the exact name, then the name or an
    alias ignoring case and accents, then the best fuzzy match if it stands out.

    Raises AmbiguousName (with the candidates) or EntityNotFound (with near misses).
    """
    text = name.strip()
    typed = "" if etype is None else " AND e.type = :t"
    args = {"n": text, "t": etype}
    if match := _ID.fullmatch(text):
        args["n"] = match.group(1)
        sql = "SELECT id, name, type, mention_count FROM entities e WHERE e.id = :n"
        rows = conn.execute(sql + typed, args).fetchall()
        if not rows:
            raise EntityNotFound(f"No entity with id {text}.")
        return int(rows[0][0])
    exact = conn.execute(
        "SELECT id, name, type, mention_count FROM entities e WHERE e.name = :n" + typed, args
    ).fetchall()
    if exact:
        return _pick(text, [EntityRow(int(r[0]), clean(r[1]), str(r[2]), int(r[3])) for r in exact],
                     "names")  # fmt: skip
    folded = fold(text)
    by_name: dict[int, EntityRow] = {}
    by_alias: dict[int, EntityRow] = {}
    if folded:
        for r in conn.execute(
            "SELECT e.id, e.name, e.type, e.mention_count, a.alias FROM entities e "
            "LEFT JOIN aliases a ON a.entity_id = e.id WHERE 1" + typed,
            args,
        ):
            candidate = EntityRow(int(r[0]), clean(r[1]), str(r[2]), int(r[3]))
            if fold(str(r[1])) == folded:
                by_name[candidate.id] = candidate
            elif r[4] is not None and fold(str(r[4])) == folded:
                by_alias[candidate.id] = candidate
    if by_name:
        return _pick(text, list(by_name.values()), "names")
    if by_alias:
        return _pick(text, list(by_alias.values()), "is an alias of")
    return _fuzzy(conn, text, etype)


def _fuzzy(conn: sqlite3.Connection, text: str, etype: str | None) -> int:
    from filature.query.fuzzy import load_index

    hits = load_index(conn).search(text, limit=6, etype=etype)
    near = [EntityRow(h.id, clean(h.name), h.type, h.mention_count) for h in hits]
    if hits and hits[0].score >= 88 and (len(hits) == 1 or hits[0].score - hits[1].score >= 8):
        return hits[0].id
    if not near:
        raise EntityNotFound(f"No entity is named like {clean(text)!r}.")
    listed = "; ".join(describe(c) for c in near)
    raise AmbiguousName(f"No entity is named {clean(text)!r}. Closest: {listed}.", near)
