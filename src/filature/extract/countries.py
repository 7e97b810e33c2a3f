"""World knowledge about states, from kept libraries: every country's short and formal names in
French and English (pycountry's ISO 3166 names with their French gettext catalogue, Babel's
CLDR territory names) and the nationality adjectives that stand for it.

A state is one actor under all its names: "Espagne", "Royaume d'Espagne", "Spain", "l'État
espagnol" and "le gouvernement espagnol" are the same entity, named by its French short name; so
are its ISO alpha-3 code and the initials of its formal names written in capitals ("USA", "RPC").
"""

from __future__ import annotations

import gettext
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale

from filature.extract.lexicon import load_lexicon
from filature.extract.textnorm import fold, norm_key

CAPITALS = Path(__file__).resolve().parent / "data" / "capitals.toml"
STATE_HEADS = ("etat", "gouvernement", "republique", "royaume", "government", "state")
"""Heads that, followed by a nationality adjective, name a state ("l'État italien")."""
PREFIX_MIN = 4
_ADJECTIVE_FORMS = (
    ("iennes", "ien"),
    ("ienne", "ien"),
    ("aises", "ais"),
    ("aise", "ais"),
    ("oises", "ois"),
    ("oise", "ois"),
)


@dataclass(frozen=True)
class Countries:
    """Lookups keyed by ``norm_key``: every name of a state -> its French short name, every
    nationality adjective -> its French short name; ``short``: the keys of short names;
    ``forms``: every name as written."""

    names: dict[str, str]
    demonyms: dict[str, str]
    short: frozenset[str]
    forms: frozenset[str]
    codes: dict[str, str]

    def state_of_code(self, name: str) -> str | None:
        """The French short name of the state whose ISO alpha-3 code or formal-name initials
        ``name`` is, written in capitals ("USA", "RPC", "RDC" -> "États-Unis", "Chine", ...)."""
        return self.codes.get(name) if name.isalpha() and name.isupper() else None

    def state_of(self, name: str) -> str | None:
        """The French short name of the state ``name`` names ("République italienne",
        "Etat italien", "Gouvernement de la République italienne" -> "Italie"), or None."""
        key = norm_key(name)
        if key in self.names:
            return self.names[key]
        words = key.split()
        if len(words) < 2 or words[0] not in STATE_HEADS:
            return None
        if len(words) == 2 and words[1] in self.demonyms:
            return self.demonyms[words[1]]
        rest = words[1:]
        while rest and rest[0] in {"de", "du", "d", "la", "l", "of", "the"}:
            rest = rest[1:]
        return self.names.get(" ".join(rest)) if len(rest) < len(words) - 1 else None


def _short_name(name: str) -> str:
    """An ISO name usable as a short name: "" for an inverted one ("Corée, République de"
    would be ambiguous)."""
    return "" if "," in name else name


def _uninverted(name: str) -> str:
    """ "Russie, Fédération de" -> "Fédération de Russie" (ISO writes some names inverted)."""
    first, _, rest = name.partition(",")
    return f"{rest.strip()} {first.strip()}" if rest else name


def _inflections(word: str) -> set[str]:
    """The gender and number forms of a nationality adjective ("italienne" -> "italien",
    "italiens", "italiennes")."""
    stem = word
    for end, masc in _ADJECTIVE_FORMS:
        if word.endswith(end):
            stem = word[: -len(end)] + masc
            break
    forms = {word, stem}
    if stem.endswith("ien"):
        forms |= {stem + "s", stem + "ne", stem + "nes"}
    elif stem.endswith("e"):
        forms.add(stem + "s")
    else:
        forms |= {stem + "e", stem + "es"} | ({stem + "s"} if not stem.endswith("s") else set())
    return forms


def _by_prefix(word: str, short: dict[str, str]) -> str | None:
    """The one single-word country whose name shares with ``word`` a prefix of at least
    ``PREFIX_MIN`` letters (or all but its last letter): "espagnol" -> "Espagne"."""
    best: dict[int, set[str]] = {}
    for key, name in short.items():
        if " " in key:
            continue
        n = 0
        while n < min(len(key), len(word)) and key[n] == word[n]:
            n += 1
        if n >= min(PREFIX_MIN, len(key) - 1) and n >= 3:
            best.setdefault(n, set()).add(name)
    if not best:
        return None
    names = best[max(best)]
    return next(iter(names)) if len(names) == 1 else None


@cache
def load_countries() -> Countries:
    """Build the lookups once from pycountry and Babel."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    fr_names, en_names = Locale("fr").territories, Locale("en").territories
    names: dict[str, str] = {}
    short: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    formal: set[str] = set()
    for country in pycountry.countries:
        code = country.alpha_2
        display = fr_names.get(code) or _uninverted(french.gettext(country.name))
        official = getattr(country, "official_name", None)
        forms = {
            display,
            en_names.get(code, ""),
            country.name,
            _short_name(french.gettext(country.name)),
            _uninverted(french.gettext(country.name)),
            _uninverted(country.name),
            getattr(country, "common_name", ""),
        }
        if official:
            forms |= {official, french.gettext(official)}
            words = french.gettext(official).split()
            if len(words) == 2 and words[1].islower():
                for form in _inflections(fold(words[1])):
                    demonyms.setdefault(form, display)
        for form in forms:
            if form and not re.search(r"[(),]", form):
                names.setdefault(norm_key(form), display)
                formal.add(form)
        short[norm_key(display)] = display
        for form in (en_names.get(code, ""), _short_name(french.gettext(country.name))):
            if form:
                short.setdefault(norm_key(form), display)
    for word in load_lexicon().demonyms:
        state = demonyms.get(word) or _by_prefix(word, short)
        if state is not None:
            for form in _inflections(word):
                demonyms.setdefault(form, state)
    codes = _codes(names, short)
    return Countries(names, demonyms, frozenset(short), frozenset(formal), codes)


_FUNCTION_WORDS = frozenset(
    {"de", "du", "des", "d", "la", "le", "l", "les", "et", "of", "the", "and", "s"}
)
INITIALS_MIN = 3


def _initials(name: str) -> str:
    """ "République populaire de Chine" -> "RPC", "United Arab Emirates" -> "UAE"."""
    words = [w for w in re.split(r"[\s'’-]+", fold(name)) if w and w not in _FUNCTION_WORDS]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _codes(names: dict[str, str], short: dict[str, str]) -> dict[str, str]:
    """Every state's ISO 3166-1 alpha-3 code and the initials of its names of three words or
    more, when they name one state only; states are the countries with a capital in
    ``data/capitals.toml`` (no dependent territory: "ATF" is no state's code)."""
    capitals = tomllib.loads(CAPITALS.read_text(encoding="utf-8"))["capitals"]
    found: dict[str, set[str]] = {}
    for country in pycountry.countries:
        if country.alpha_2 not in capitals:
            continue
        state = names.get(norm_key(country.name)) or short.get(norm_key(country.name))
        if state is None:
            continue
        found.setdefault(country.alpha_3, set()).add(state)
    for key, state in names.items():
        initials = _initials(key)
        if len(initials) >= INITIALS_MIN:
            found.setdefault(initials, set()).add(state)
    return {code: states.pop() for code, states in found.items() if len(states) == 1}


@cache
def nationality_state(word: str) -> str | None:
    """The state a folded nationality adjective stands for ("syrienne" -> Syrie, "turque" ->
    Turquie), from the known adjectives or the one country name it shares a prefix with."""
    countries = load_countries()
    if len(word) < 4 or not word.isalpha():
        return countries.demonyms.get(word)
    return countries.demonyms.get(word) or _by_prefix(word, {k: k for k in countries.short})


@cache
def _subdivision_keys() -> frozenset[str]:
    return frozenset(norm_key(s.name) for s in pycountry.subdivisions)


def known_place(name: str) -> bool:
    """True if ``name`` is a state's name or an ISO 3166-2 subdivision's ("Ardennes",
    "Comores", "Landes"): world knowledge that a plural-looking name is a place's."""
    key = norm_key(name)
    return key in load_countries().names or key in _subdivision_keys()
