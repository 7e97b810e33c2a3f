"""A surname written with its particle alone ("ajoute encore de la Morlais") is the person's
whose full name ends with that particle and that word ("Thomas de la Morlais"), not a place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from filature.extract.rules import PERSON_PARTICLES
from filature.extract.textnorm import fold
from filature.models import EntityType, Passage


class _Mention(Protocol):
    @property
    def passage_seq(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> EntityType: ...


M = TypeVar("M", bound=_Mention)

_WORD_BEFORE = re.compile(r"([^\W\d_]+)['’]?\s*$")


def _particles(name: str) -> tuple[str, str] | None:
    """ "Thomas de la Morlais" -> ("de la", "Morlais"): the lowercase particles before the last
    word of a person's name of three words or more, or None."""
    words = name.split()
    n = len(words) - 1
    while n > 1 and fold(words[n - 1]) in PERSON_PARTICLES and words[n - 1].islower():
        n -= 1
    if n == len(words) - 1 or n < 1:
        return None
    return " ".join(words[n:-1]), words[-1]


def _particle_start(text: str, start: int, particle: str) -> int | None:
    """Where ``particle`` starts when the text writes it right before ``start``, or None."""
    window = max(0, start - len(particle) - 2)
    m = re.search(rf"(?:^|(?<=\s)){re.escape(particle)}\s*$", text[window:start], re.IGNORECASE)
    return None if m is None else window + m.start()


def particle_surnames(mentions: Sequence[M], passages: Sequence[Passage]) -> list[M]:
    """Every one-word place the document writes right after the particles that end one of its
    persons' names before that word ("de la Morlais" of "Thomas de la Morlais") is that
    person's surname: typed person, its span and name holding the particle."""
    ends: dict[str, str] = {}
    for m in mentions:
        if m.type == "person" and (found := _particles(m.name)) is not None:
            ends[found[1]] = found[0]
    if not ends:
        return list(mentions)
    texts = {p.seq: p.text for p in passages}
    out = []
    for m in mentions:
        particle = ends.get(m.name) if m.type == "place" else None
        text = texts.get(m.passage_seq, "")
        start = None if particle is None else _particle_start(text, m.start, particle)
        if start is not None:
            surface = text[start : m.end]
            m = replace(m, type="person", start=start, surface=surface, name=surface)  # type: ignore[type-var]
        out.append(m)
    return out
