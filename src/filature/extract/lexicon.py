"""Lexicons kept as data (``data/lexicon.toml``), loaded once and normalised for lookups."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import cache, cached_property
from importlib import resources
from typing import Any

from filature.extract.textnorm import fold
from filature.text import folded


@dataclass(frozen=True)
class NoiseWords:
    """The folded lists of ``[noise]`` in ``data/lexicon.toml``, each field named as its list
    (``eras``, compared without spaces, is ``Lexicon.eras``): the words the named rules of
    ``extract.noise`` and the name checks compare a candidate with.

    - ``citation``: citation apparatus, abbreviations, the labels of a document's own parts;
    - ``currency``: currency codes and symbols;
    - ``common_nouns``: French common nouns that open headings and cells with a capital;
    - ``capitalised_common``: common nouns French typography capitalises (l'État, les Parties);
    - ``contact_labels``: labels of contact details (Téléphone, Courriel);
    - ``section_labels``: words that label a part of a text (Chapitre, Section, Titre);
    - ``english``: English function words and adverbs (running English, not names);
    - ``english_place_words``: English words that open place names (New, North).
    """

    citation: frozenset[str]
    currency: frozenset[str]
    common_nouns: frozenset[str]
    capitalised_common: frozenset[str]
    contact_labels: frozenset[str]
    section_labels: frozenset[str]
    english: frozenset[str]
    english_place_words: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """Every word list the entity pipeline uses, folded (lowercase, no accents)."""

    determiners: frozenset[str]
    elisions: frozenset[str]
    titles: tuple[tuple[str, ...], ...]
    honorifics: frozenset[str]
    agreement_heads: frozenset[str]
    agreement_topics: tuple[tuple[str, ...], ...]
    operation_heads: frozenset[str]
    event_heads: frozenset[str]
    organization_heads: frozenset[str]
    organization_tails: frozenset[str]
    noise: NoiseWords
    eras: frozenset[str]
    demonyms: frozenset[str]
    demonym_plural_suffixes: tuple[str, ...]
    stopwords: frozenset[str]
    streets: frozenset[str]
    institutions: tuple[tuple[str, str], ...]

    @cached_property
    def titles_by_first(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """``titles`` grouped by their first word, longest first as in ``titles``."""
        groups: dict[str, list[tuple[str, ...]]] = {}
        for title in self.titles:
            if title:
                groups.setdefault(title[0], []).append(title)
        return {first: tuple(group) for first, group in groups.items()}

    @cached_property
    def operation_ignored(self) -> frozenset[str]:
        """The words an operation's grouping key leaves out: the stopwords and the operation
        heads, singular and plural."""
        heads = self.operation_heads | {h + "s" for h in self.operation_heads}
        return self.stopwords | heads

    @cached_property
    def name_keys(self) -> dict[tuple[str, str, bool], str]:
        """The grouping keys already computed (``extract.corpus.name_key``), by name, type and
        operation head: a corpus writes the same few thousand names hundreds of thousands of
        times, and a key depends only on them and on this lexicon, which never changes."""
        return {}


def read_data(name: str) -> dict[str, Any]:
    """The TOML file ``data/<name>`` shipped with the package, parsed."""
    raw = resources.files("filature.extract").joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(raw)


def longest_first(phrases: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """The folded phrases as word tuples, once each, longest first (the first match wins);
    phrases of one length keep their order in ``phrases``."""
    unique = dict.fromkeys(tuple(fold(p).split()) for p in phrases)
    return tuple(sorted(unique, key=len, reverse=True))


def _noise_words(section: dict[str, Any]) -> NoiseWords:
    """Each field of ``NoiseWords`` from the list of ``[noise]`` it is named after, folded."""
    missing = [f.name for f in fields(NoiseWords) if f.name not in section]
    if missing:
        raise ValueError(f"data/lexicon.toml: [noise] has no list {', '.join(missing)}")
    return NoiseWords(**{f.name: folded(section[f.name]) for f in fields(NoiseWords)})


@cache
def load_lexicon() -> Lexicon:
    """Read ``data/lexicon.toml`` shipped with the package (cached)."""
    data = read_data("lexicon.toml")
    types = data["types"]
    noise = data["noise"]
    return Lexicon(
        determiners=folded(data["determiners"]["words"]),
        elisions=frozenset(data["determiners"]["elisions"]),
        titles=longest_first(data["roles"]["titles"]),
        honorifics=frozenset(data["roles"]["honorifics"]),
        agreement_heads=folded(types["agreement"]),
        agreement_topics=longest_first(types["agreement_topics"]),
        operation_heads=folded(types["operation"]),
        event_heads=folded(types["event"]),
        organization_heads=folded(types["organization"]),
        organization_tails=folded(types["organization_tails"]),
        noise=_noise_words(noise),
        eras=frozenset(fold(w).replace(" ", "") for w in noise["eras"]),
        demonyms=folded(data["demonyms"]["words"]),
        demonym_plural_suffixes=tuple(fold(w) for w in data["demonyms"]["plural_suffixes"]),
        stopwords=folded(data["stopwords"]["words"]),
        streets=folded(data["streets"]["words"]),
        institutions=tuple((fold(k), v) for k, v in data["institutions"]["titles"].items()),
    )
