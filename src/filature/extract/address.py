"""A form of address opening a person's name ("Dame Jeanne Lefèvre") is a role, not part of
the name (data/address.toml)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from filature.extract.lexicon import read_data
from filature.extract.spans import Trimmed
from filature.extract.textnorm import collapse, fold

_FIRST = re.compile(r"(\S+)\s+(?=[A-ZÀ-Ý])")


@cache
def _forms() -> tuple[frozenset[str], frozenset[str]]:
    data = read_data("address.toml")
    return (
        frozenset(fold(w) for w in data["forms"]),
        frozenset(fold(w) for w in data["before_full_names"]),
    )


def cut_address(text: str, span: Trimmed) -> Trimmed:
    """A person's span without the form of address it opens with, kept as its role
    ("Dame Jeanne Lefèvre" -> "Jeanne Lefèvre", role "Dame"; "Dame Marie" stays: a word that
    also names things is cut only before a first name and a surname)."""
    m = _FIRST.match(text, span.start, span.end)
    if m is None:
        return span
    always, before_full = _forms()
    word, start = fold(m.group(1)), m.end()
    full = len(text[start : span.end].split()) >= 2
    if word not in always and not (word in before_full and full):
        return span
    role = m.group(1) if span.role is None else f"{span.role} {m.group(1)}"
    return replace(span, start=start, name=collapse(text[start : span.end]), role=role)
