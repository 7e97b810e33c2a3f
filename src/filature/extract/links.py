"""Joins of names of one actor that no spelling rule sees: a person's shorter name, or name with
initials, and its one fuller name in a document; a dynasty and the state named after it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from filature.extract.countries import load_countries
from filature.extract.lexicon import Lexicon
from filature.extract.named import labels
from filature.extract.persons import Located
from filature.extract.rules import PERSON_PARTICLES
from filature.extract.textnorm import norm_key


class Joiner(Protocol):
    """The union-find the grouping step joins keys with."""

    def find(self, x: str) -> str: ...

    def union(self, a: str, b: str) -> None: ...


PART_MIN = 3


def _people_by_document(keyed: Sequence[tuple[str, Located]]) -> dict[int, dict[str, list[str]]]:
    """The words of each person's key, by document."""
    names: dict[int, dict[str, list[str]]] = {}
    for key, m in keyed:
        if m.raw.type == "person":
            names.setdefault(m.doc_index, {}).setdefault(key, norm_key(m.name).split())
    return names


def link_name_parts(keyed: Sequence[tuple[str, Located]], uf: Joiner) -> None:
    """Join a person's shorter name to the one fuller name of its document that holds all its
    words ("Mustafa Kemal" in "Mustafa Kemal Atatürk", "al-Joulani" in "Abou Mohammed
    al-Joulani"); a part two people of the document share ("Kemal" in two names) joins
    neither. A shared word must be a name, not a particle."""
    for people in _people_by_document(keyed).values():
        for key, words in people.items():
            if not any(len(w) >= PART_MIN and w not in PERSON_PARTICLES for w in words):
                continue
            fuller = {
                uf.find(other)
                for other, other_words in people.items()
                if other != key and set(words) < set(other_words)
            }
            fuller.discard(uf.find(key))
            if len(fuller) == 1:
                uf.union(key, fuller.pop())


def link_dynasties(keyed: Sequence[tuple[str, Located]], uf: Joiner, lex: Lexicon) -> None:
    """Join a dynasty named in the plural ("Ottomans", "Séfévides") to the state named by a
    dynasty head and the adjective ("Empire ottoman", "Empire séfévide"); a nationality
    ("Empire allemand", "Allemands") is a people, not a dynasty, and stays apart."""
    heads = labels().dynasty_heads
    nations = lex.demonyms | load_countries().demonyms.keys()
    states: dict[str, set[str]] = {}
    for key, m in keyed:
        words = key.split()
        if len(words) == 2 and words[0] in heads and words[1] not in nations:
            if m.raw.type == "person":
                continue
            states.setdefault(words[1], set()).add(key)
    for key, m in keyed:
        if " " in key or not key.endswith("s") or not m.name[:1].isupper():
            continue
        found = states.get(key[:-1], set())
        if len(found) == 1:
            uf.union(next(iter(found)), key)


def link_initials(keyed: Sequence[tuple[str, Located]], uf: Joiner) -> None:
    """Join a person's name with initials ("J.-P. Duval", a signature) to the one full name of
    its document it abbreviates ("Jean-Pierre Duval"); initials two full names fit ("J. Duval"
    for "Jean Duval" and "Jacques Duval") join neither."""
    for people in _people_by_document(keyed).values():
        for key, words in people.items():
            if not any(len(w) == 1 for w in words):
                continue
            full = {
                uf.find(other)
                for other, other_words in people.items()
                if other != key and _abbreviates(words, other_words)
            }
            full.discard(uf.find(key))
            if len(full) == 1:
                uf.union(key, full.pop())


def _abbreviates(short: Sequence[str], full: Sequence[str]) -> bool:
    if len(short) != len(full):
        return False
    pairs = list(zip(short, full, strict=True))
    initials = [(a, b) for a, b in pairs if a != b]
    return (
        bool(initials)
        and all(len(a) == 1 and len(b) > 1 and b.startswith(a) for a, b in initials)
        and any(a == b and len(a) >= PART_MIN for a, b in pairs)
    )
