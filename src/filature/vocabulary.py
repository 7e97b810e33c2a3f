"""The relation vocabulary (``vocabulary.toml``): every relation type, its labels seen from each
end, its symmetry, whether the text states it, and the entity types allowed at its ends.

The one place these are defined: the extraction, the app, the command line, the dossier and
the exports all read them here. Imports only ``models``, so every layer may use it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from filature.models import ENTITY_TYPES

DATA = Path(__file__).with_name("vocabulary.toml")

Side = Literal["out", "in", "both"]


@dataclass(frozen=True)
class RelationType:
    """One relation type: ``label`` reads it from its source, ``inverse`` from its target."""

    name: str
    label: str
    inverse: str
    symmetric: bool
    stated: bool
    sources: frozenset[str]
    targets: frozenset[str]

    def label_from(self, side: Side) -> str:
        """The label seen from the source (``out``, ``both``) or from the target (``in``)."""
        return self.inverse if side == "in" else self.label


class VocabularyError(ValueError):
    """The vocabulary file is malformed (a packaging mistake, never the analyst's input)."""


def _type(path: Path, name: str, spec: Any) -> RelationType:
    if not isinstance(spec, dict) or not isinstance(spec.get("label"), str):
        raise VocabularyError(f"{path}: [{name}] needs a label")
    symmetric = bool(spec.get("symmetric", False))
    ends = (frozenset(spec.get("source", ())), frozenset(spec.get("target", ())))
    for end in ends:
        if not end or not end <= set(ENTITY_TYPES):
            raise VocabularyError(f"{path}: [{name}] needs entity types among {ENTITY_TYPES}")
    inverse = spec.get("inverse", spec["label"] if symmetric else None)
    if not isinstance(inverse, str):
        raise VocabularyError(f"{path}: [{name}] is directed and needs an inverse label")
    return RelationType(
        name, spec["label"], inverse, symmetric, bool(spec.get("stated", True)), *ends
    )


@cache
def load_vocabulary(path: Path = DATA) -> dict[str, RelationType]:
    """Every relation type of the vocabulary file, in its order (read once)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    types = {name: _type(path, name, spec) for name, spec in data.items()}
    if sum(not t.stated for t in types.values()) != 1:
        raise VocabularyError(f"{path}: exactly one type (co-occurrence) has stated = false")
    return types


RELATION_TYPES = load_vocabulary()
CO_OCCURRENCE = next(name for name, t in RELATION_TYPES.items() if not t.stated)
STATED_TYPES = tuple(name for name, t in RELATION_TYPES.items() if t.stated)
SYMMETRIC_TYPES = frozenset(name for name, t in RELATION_TYPES.items() if t.symmetric)


def relation_type(name: str) -> RelationType:
    """The type called ``name``; a type the vocabulary does not know (an older database, a
    curation) reads as its name with spaces, the same both ways."""
    known = RELATION_TYPES.get(name)
    if known is not None:
        return known
    words = name.replace("_", " ")
    anything = frozenset(ENTITY_TYPES)
    return RelationType(name, words, words, False, True, anything, anything)


def relation_label(name: str, side: Side = "out") -> str:
    """The readable label of a relation type seen from its source or its target."""
    return relation_type(name).label_from(side)


def relation_heading(name: str, side: Side = "out") -> str:
    """The label as a heading: ``Member of``, ``Has as member``."""
    label = relation_label(name, side)
    return label[:1].upper() + label[1:]


def is_stated(name: str) -> bool:
    """False for co-occurrence only: every other type is a relation the text states."""
    return name != CO_OCCURRENCE
