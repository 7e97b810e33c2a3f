"""The relation lexicons (``extract/data/relations.toml``) loaded once into typed records."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from filature.extract.lexicon import longest_first
from filature.text import fold as fold  # the one fold, re-exported to the relation modules
from filature.text import folded
from filature.vocabulary import RELATION_TYPES

DATA = Path(__file__).resolve().parents[1] / "data" / "relations.toml"


@dataclass(frozen=True)
class VerbRule:
    """A verb trigger: which lemmas, how to find the target, what relation it states."""

    rule: str
    type: str
    lemmas: frozenset[str]
    target: str
    preps: tuple[str, ...]
    reversed: bool
    object_heads: frozenset[str]
    confidence: float
    direct: bool = False
    holder_types: frozenset[str] = frozenset()
    role: str = ""
    stative: bool = False
    reflexive: bool = False
    opponent: bool = False


@dataclass(frozen=True)
class NounRule:
    """A noun trigger: its partner comes after one of ``preps`` (or "entre X et Y")."""

    rule: str
    type: str
    words: frozenset[str]
    preps: tuple[str, ...]
    confidence: float
    joint: bool = False
    object_heads: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RelationLexicon:
    """Everything the relation finder reads from data."""

    verbs: tuple[VerbRule, ...]
    nouns: tuple[NounRule, ...]
    roles: tuple[tuple[str, ...], ...]
    role_verbs: frozenset[str]
    member_words: frozenset[str]
    place_preps: frozenset[str]
    allowed: dict[str, tuple[frozenset[str], frozenset[str]]]
    symmetric: frozenset[str]
    triggers: dict[str, frozenset[str]]
    table_headers: dict[str, tuple[str, ...]]
    negators: frozenset[str] = frozenset()
    role_institutions: dict[str, frozenset[str]] = field(default_factory=dict)
    bench_roles: tuple[tuple[str, ...], ...] = ()
    bench_plurals: dict[str, str] = field(default_factory=dict)
    bench_courts: frozenset[str] = frozenset()
    unit_heads: frozenset[str] = frozenset()
    seat_words: frozenset[str] = frozenset()
    salutations: frozenset[str] = frozenset()
    unit_joins: frozenset[str] = frozenset()
    negation_particles: frozenset[str] = frozenset()
    restrictives: frozenset[str] = frozenset()
    conditions: frozenset[str] = frozenset()
    appointers: frozenset[str] = frozenset()
    event_parts: tuple[tuple[str, ...], ...] = ()
    factual_before_condition: frozenset[str] = frozenset()
    named_place_heads: tuple[tuple[str, ...], ...] = ()
    unit_words: frozenset[str] = frozenset()
    anaphor_nouns: frozenset[str] = frozenset()
    seat_appositions: frozenset[str] = frozenset()
    event_place_heads: frozenset[str] = frozenset()
    war_heads: frozenset[str] = frozenset()
    opponent_preps: tuple[tuple[str, ...], ...] = ()

    @cached_property
    def verb_lemmas(self) -> frozenset[str]:
        """Every lemma some verb rule starts from."""
        return frozenset(w for rule in self.verbs for w in rule.lemmas)

    @cached_property
    def roles_and_units(self) -> tuple[tuple[str, ...], ...]:
        """Role words and unit words, longest first (the role rules match both)."""
        units = {tuple(u.split()) for u in self.unit_words}
        return tuple(sorted(set(self.roles) | units, key=len, reverse=True))

    @cached_property
    def noun_words(self) -> frozenset[str]:
        """Every word some noun rule (or the seat rule) starts from."""
        words = frozenset(w for rule in self.nouns for w in rule.words)
        return words | self.seat_words | self.seat_appositions

    def fits(self, rel_type: str, source_type: str, target_type: str) -> bool:
        """True if the entity types may stand at the ends of a relation of this type."""
        sources, targets = self.allowed[rel_type]
        return source_type in sources and target_type in targets


def _verb(entry: dict[str, Any]) -> VerbRule:
    return VerbRule(
        rule=entry["rule"],
        type=entry["type"],
        lemmas=folded(entry["lemmas"]),
        target=entry["target"],
        preps=tuple(fold(p) for p in entry.get("preps", ())),
        reversed=bool(entry.get("reversed", False)),
        object_heads=folded(entry.get("object_heads", ())),
        confidence=float(entry["confidence"]),
        direct=bool(entry.get("direct", False)),
        holder_types=frozenset(entry.get("holder_types", ())),
        role=str(entry.get("role", "")),
        stative=bool(entry.get("stative", False)),
        reflexive=bool(entry.get("reflexive", False)),
        opponent=bool(entry.get("opponent", False)),
    )


def _noun(entry: dict[str, Any]) -> NounRule:
    return NounRule(
        rule=entry["rule"],
        type=entry["type"],
        words=folded(entry["words"]),
        preps=tuple(fold(p) for p in entry.get("preps", ())),
        confidence=float(entry["confidence"]),
        joint=bool(entry.get("joint", False)),
        object_heads=folded(entry.get("object_heads", ())),
    )


def _triggers(
    verbs: tuple[VerbRule, ...],
    nouns: tuple[NounRule, ...],
    roles: Any,
    members: Any,
    seats: Any = frozenset(),
) -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {}
    for v in verbs:
        words.setdefault(v.type, set()).update(v.lemmas)
    for n in nouns:
        words.setdefault(n.type, set()).update(n.words)
    words.setdefault("holds_role", set()).update(" ".join(r) for r in roles)
    words.setdefault("member_of", set()).update(members)
    words.setdefault("located_in", set()).update(seats)
    return {k: frozenset(v) for k, v in words.items()}


@cache
def load_relation_lexicon(path: Path = DATA) -> RelationLexicon:
    """Read and check the relation lexicon (cached)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    verbs = tuple(_verb(v) for v in data["verb"])
    nouns = tuple(_noun(n) for n in data["noun"])
    units_of = _words(data, "roles", "unit_words")
    roles = longest_first(data["roles"]["words"])
    stated = [t for t in RELATION_TYPES.values() if t.stated]
    allowed = {t.name: (t.sources, t.targets) for t in stated}
    symmetric = frozenset(t.name for t in stated if t.symmetric)
    members = folded(data["roles"]["member_words"])
    bench = data.get("bench", {})
    units = _words(data, "units", "heads")
    plurals: dict[str, str] = bench.get("plurals", {})
    for name, rel_type in [(v.rule, v.type) for v in verbs] + [(n.rule, n.type) for n in nouns]:
        if rel_type not in allowed:
            raise ValueError(f"{path}: rule {name} has unknown type {rel_type}")
    return RelationLexicon(
        verbs=verbs,
        nouns=nouns,
        roles=roles,
        role_verbs=folded(data["roles"]["verbs"]),
        member_words=members,
        place_preps=folded(data["places"]["preps"]),
        allowed=allowed,
        symmetric=symmetric,
        triggers=_triggers(
            verbs,
            nouns,
            roles,
            members | units | units_of,
            _words(data, "places", "seats")
            | _words(data, "places", "seat_appositions")
            | _words(data, "named_places", "heads")
            | _words(data, "places", "event_heads"),
        ),
        table_headers={k: tuple(fold(w) for w in v) for k, v in data["table"].items()},
        negators=_words(data, "negation", "words"),
        bench_roles=longest_first((*bench.get("roles", ()), *plurals)),
        bench_plurals={fold(k): v.lower() for k, v in plurals.items()},
        bench_courts=_words(data, "bench", "courts"),
        unit_heads=units,
        seat_words=_words(data, "places", "seats"),
        event_place_heads=_words(data, "places", "event_heads"),
        salutations=_words(data, "roles", "salutations"),
        unit_joins=_words(data, "units", "joins"),
        role_institutions={
            fold(role): folded(nouns)
            for role, nouns in data["roles"].get("institution_nouns", {}).items()
        },
        negation_particles=_words(data, "negation", "particles"),
        restrictives=_words(data, "negation", "restrictive"),
        conditions=_words(data, "negation", "conditions"),
        appointers=_words(data, "roles", "appointers"),
        event_parts=longest_first(data.get("participation", {}).get("parts", ())),
        factual_before_condition=_words(data, "negation", "factual_before_condition"),
        unit_words=units_of,
        anaphor_nouns=_words(data, "roles", "anaphors"),
        seat_appositions=_words(data, "places", "seat_appositions"),
        war_heads=_words(data, "participation", "heads"),
        opponent_preps=longest_first(data.get("participation", {}).get("against", ())),
        named_place_heads=longest_first(data.get("named_places", {}).get("heads", ())),
    )


def _words(data: dict[str, Any], table: str, key: str) -> frozenset[str]:
    return folded(data.get(table, {}).get(key, ()))
