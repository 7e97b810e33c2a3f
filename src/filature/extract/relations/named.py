"""Relations an event's name states: meetings and events named after their place ("Conseil
européen de Tampere", "sommet de Lisbonne", "bataille de Verdun") took place (located_in) in the
place of the corpus they name; wars named after their sides ("guerre Iran-Irak") have those
states as participants (participates_in)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from filature.extract.eventwords import load_event_words
from filature.extract.relations.byname import name_index, name_key, name_relations
from filature.extract.relations.lexicon import load_relation_lexicon
from filature.models import Entity, Relation

_OF = re.compile(r"\s+(?:de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+|d'|a\s+|au\s+)")
_CONFIDENCE = 0.75
_SOURCES = {"organization", "event", "operation"}


def _place(name: str, places: dict[str, int], heads: tuple[tuple[str, ...], ...]) -> int | None:
    """The place a name ends with, when it starts with one of ``heads`` (then adjectives
    only): "conseil europeen de tampere" -> Tampere."""
    words = name_key(name).split()
    for head in heads:
        if tuple(words[: len(head)]) != head:
            continue
        rest = " ".join(words[len(head) :])
        first = _OF.search(" " + rest)
        if first is None or " " in rest[: max(first.start() - 1, 0)].strip():
            return None  # more than one qualifying word before "de": not a plain name
        return places.get(name_key(rest[first.end() - 1 :].strip()))
    return None


def named_place_relations(entities: Sequence[Entity]) -> list[Relation]:
    """located_in from each meeting or event named "<head> [adjective] de <place>" to that
    place of the corpus; evidence: the mentions that name both."""
    heads = load_relation_lexicon().named_place_heads
    places = name_index(entities, {"place"})

    def place(name: str) -> tuple[int, ...]:
        found = _place(name, places, heads)
        return () if found is None else (found,)

    return name_relations(entities, _SOURCES, place, "located_in", "place_name", _CONFIDENCE)


_SIDES = re.compile(r"^(?P<head>\S+)\s+(?P<sides>[^\s-]+(?:-[^\s-]+)+)$")


def _sides(name: str, actors: dict[str, int], heads: frozenset[str]) -> list[int]:
    """The actors of the corpus a war's name joins by hyphens ("guerre Iran-Irak"); none
    unless every part is one."""
    m = _SIDES.match(name_key(name))
    if m is None or m.group("head") not in heads:
        return []
    found = [actors.get(part) for part in m.group("sides").split("-")]
    return [a for a in found if a is not None] if None not in found else []


def named_party_relations(entities: Sequence[Entity]) -> list[Relation]:
    """participates_in from each side to an event named "<war head> A-B" when A and B are
    places or organisations of the corpus; evidence: the mentions that name them."""
    heads = load_event_words().side_heads
    actors = name_index(entities, {"place", "organization"})
    return name_relations(
        entities,
        {"event"},
        lambda name: _sides(name, actors, heads),
        "participates_in",
        "sides_name",
        _CONFIDENCE,
        toward=True,
    )
