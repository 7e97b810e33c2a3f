"""A capital standing for its state: "Pékin a signé un accord avec Brasilia" is an agreement
between China and Brazil.

The capitals are world knowledge kept as data (``extract/data/capitals.toml``, keyed by ISO 3166
code); the state's names come from ``filature.extract.countries`` (pycountry, Babel's CLDR). A
capital stands for its state only as a party to a state act (the relation types listed in the
data file) and only when the state itself is an entity of the corpus; the capital's mentions
stay its own entity, so "Pékin" is still found and shown as written, and the relation's
evidence quotes it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale

from filature.extract.countries import load_countries
from filature.extract.textnorm import norm_key
from filature.models import Entity

DATA = Path(__file__).resolve().parents[1] / "data" / "capitals.toml"

StandFor = Callable[[int, str], int]
"""(entity key, relation type) -> the key of the entity that is the party to the act."""


@cache
def _data() -> tuple[dict[str, str], frozenset[str]]:
    """Every capital's name (``norm_key``) -> its state's French short name; the act types."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    countries = load_countries()
    territories, english = Locale("fr").territories, Locale("en").territories
    states: dict[str, str] = {}
    for code, names in data["capitals"].items():
        country = pycountry.countries.get(alpha_2=code)
        forms = (territories.get(code), english.get(code), country and country.name)
        state = next((s for f in forms if f and (s := countries.state_of(f))), None)
        if state is None:
            raise ValueError(f"{DATA.name}: unknown state code {code!r}; use ISO 3166-1 alpha-2")
        for name in names:
            states.setdefault(norm_key(name), state)
    return states, frozenset(data["acts"]["types"])


def state_of_capital(name: str) -> str | None:
    """The French short name of the state whose capital ``name`` is ("Pékin" -> "Chine")."""
    return _data()[0].get(norm_key(name))


def capital_states(entities: Iterable[Entity]) -> StandFor:
    """For relation resolution: a place entity named after a capital, as a party to a state act,
    is replaced by the entity of its state when the corpus names that state; any other entity
    (or act) is left as it is."""
    entities = list(entities)
    countries = load_countries()
    states: dict[str, Entity] = {}
    for e in entities:
        state = countries.state_of(e.name) if e.type == "place" else None
        if state is not None and (
            state not in states or len(e.mentions) > len(states[state].mentions)
        ):
            states[state] = e
    stand: dict[int, int] = {}
    for e in entities:
        if e.type != "place" or countries.state_of(e.name) is not None:
            continue
        for name in (e.name, *e.aliases):
            state = state_of_capital(name)
            if state is not None and state in states:
                stand[e.key] = states[state].key
                break
    acts = _data()[1]

    def stand_for(key: int, rel_type: str) -> int:
        return stand.get(key, key) if rel_type in acts else key

    return stand_for


def capitals_of(state: str) -> tuple[str, ...]:
    """The names (``norm_key``) of the capital of ``state`` (any of its names)."""
    short = load_countries().state_of(state)
    return tuple(sorted(k for k, v in _data()[0].items() if short is not None and v == short))
