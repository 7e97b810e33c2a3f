"""Named rules that say why a trimmed span cannot be an actor's name.

Each rule has a name (written in the drop log, ``filature build --explain-drops``), the reason
a developer reads there, and its test. The first rule that applies wins, in table order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from filature.extract.countries import load_countries, nationality_state
from filature.extract.drops import DropRule
from filature.extract.lexicon import Lexicon
from filature.extract.rules import head_type
from filature.extract.shapes import enumeration_adverb, plural_acronym
from filature.extract.textnorm import APOSTROPHES, fold, is_all_caps

_ALLOWED = re.compile(r"[\w\s'’.&$-]+")
_ORDINAL = re.compile(r"^\d{1,3}(?:e|er|re|ème|eme)\b")
_ROMAN = re.compile(r"[IVXLC]+(?:e|er|re|ème|eme)?")
_PARTS = re.compile(rf"[\s{APOSTROPHES}-]+")
_INITIALS = re.compile(r"(?:[A-Z]\.-?){1,3}")


@dataclass(frozen=True)
class Candidate:
    """What a noise rule looks at: the name, its words, its folded form, and whether a title
    was written before it (a title makes an all-caps name a person's: "M. JEAN DUVAL")."""

    name: str
    words: tuple[str, ...]
    folded: str
    has_role: bool


@dataclass(frozen=True)
class NoiseRule(DropRule):
    """One reason to reject a name: ``applies(candidate, lexicon)``."""

    applies: Callable[[Candidate, Lexicon], bool]


def _caps_heading(c: Candidate, lex: Lexicon) -> bool:
    if len(c.words) < 2 or c.has_role or _INITIALS.fullmatch(c.words[0]):
        return False  # initials open a signature ("J.-P. MERCIER"), never a heading
    if not all(is_all_caps(w) or fold(w) in lex.stopwords for w in c.words):
        return False
    return head_type(c.name, lex) is None


_DEMONYM_ENDINGS = (
    "ien",
    "ienne",
    "iens",
    "iennes",
    "ais",
    "aise",
    "aises",
    "ois",
    "oise",
    "oises",
    "ain",
    "aine",
    "ains",
    "aines",
    "een",
    "eenne",
    "eens",
    "eennes",
)


def _derived_demonym(folded: str) -> bool:
    """ "tanzanien", "soudanaise": a nationality adjective's ending on the stem of a state's
    name (world knowledge, ``countries.nationality_state``)."""
    return folded.endswith(_DEMONYM_ENDINGS) and nationality_state(folded) is not None


def _common_noun(folded: str, lex: Lexicon) -> bool:
    """``[noise]`` common_nouns or capitalised_common: a common noun, whatever its capital."""
    return folded in lex.noise.common_nouns or folded in lex.noise.capitalised_common


def _section_label(c: Candidate, lex: Lexicon) -> bool:
    if len(c.words) != 2 or fold(c.words[0]) not in lex.noise.section_labels:
        return False
    number = c.words[1].rstrip(".")
    return number.isdigit() or bool(_ROMAN.fullmatch(number.upper()))


NOISE_RULES: tuple[NoiseRule, ...] = (
    NoiseRule("empty", "no letter in the span", lambda c, _: not c.words),
    NoiseRule(
        "address",
        "a web or mail address or a path",
        lambda c, _: any(s in c.folded for s in ("http", "www", "@", "/", "\\")),
    ),
    NoiseRule(
        "characters",
        "characters a name never holds (brackets, symbols)",
        lambda c, _: not _ALLOWED.fullmatch(c.name),
    ),
    NoiseRule(
        "citation",
        "citation apparatus (op. cit, ibid, p.), lexicon [noise] citation",
        lambda c, lex: c.folded in lex.noise.citation or c.folded.rstrip(".") in lex.noise.citation,
    ),
    NoiseRule(
        "era",
        "an era abbreviation (J.-C.), lexicon [noise] eras",
        lambda c, lex: c.folded.rstrip(".").replace(" ", "") in lex.eras,
    ),
    NoiseRule(
        "currency",
        "a currency code or symbol, lexicon [noise] currency",
        lambda c, lex: (
            c.folded in lex.noise.currency
            or any(fold(w) in lex.noise.currency for w in c.words if "$" in w)
        ),
    ),
    NoiseRule(
        "common noun",
        "one capitalised common noun, lexicon [noise] common_nouns and capitalised_common",
        lambda c, lex: len(c.words) == 1 and _common_noun(c.folded, lex),
    ),
    NoiseRule(
        "nationality",
        "a nationality word alone that names no state, lexicon [demonyms] or a state's stem",
        lambda c, lex: (
            len(c.words) == 1
            and (c.folded in lex.demonyms or _derived_demonym(c.folded))
            and load_countries().state_of(c.name) is None
        ),
    ),
    NoiseRule(
        "plural common noun",
        "the plural of a capitalised common noun (les deux Empires), lexicon [noise]",
        lambda c, lex: (
            len(c.words) == 1 and c.folded.endswith(("s", "x")) and _common_noun(c.folded[:-1], lex)
        ),
    ),
    NoiseRule(
        "spaced letters",
        "single letters spaced out (a heading: R É P U B L I Q U E)",
        lambda c, _: len(c.words) >= 3 and all(len(w) == 1 for w in c.words),
    ),
    NoiseRule(
        "contact label",
        "a label of contact details (Téléphone, Courriel), lexicon [noise] contact_labels",
        lambda c, lex: len(c.words) == 1 and c.folded.rstrip(".") in lex.noise.contact_labels,
    ),
    NoiseRule(
        "section label",
        "a part of the text and its number (Chapitre IV), lexicon [noise] section_labels",
        _section_label,
    ),
    NoiseRule(
        "digits",
        "digits in the name (not an ordinal: '86e Assemblée')",
        lambda c, _: any(ch.isdigit() for ch in c.name) and not _ORDINAL.match(c.name),
    ),
    NoiseRule(
        "lowercase",
        "no word or hyphenated part starts with a capital",
        lambda c, _: not any(p[:1].isupper() for p in _PARTS.split(c.name)),
    ),
    NoiseRule(
        "all caps heading",
        "several all-caps words with no title before and no organisation/agreement head",
        _caps_heading,
    ),
    NoiseRule("too long", "more than 14 words", lambda c, _: len(c.words) > 14),
    NoiseRule(
        "enumeration adverb",
        "a Latin ordinal adverb opening an item (Primo, Secundo), data/shapes.toml",
        lambda c, _: len(c.words) == 1 and enumeration_adverb(c.name),
    ),
    NoiseRule(
        "plural acronym",
        "an acronym with a plural s names a kind of thing (des ONGs), data/shapes.toml",
        lambda c, _: len(c.words) == 1 and plural_acronym(c.name),
    ),
    NoiseRule(
        "too short",
        "one character",
        lambda c, _: len(c.words) == 1 and len(c.name) < 2,
    ),
    NoiseRule(
        "roman numeral",
        "a roman numeral or century ordinal (II, XIIe)",
        lambda c, _: bool(_ROMAN.fullmatch(c.name)),
    ),
    NoiseRule(
        "title",
        "a title alone, or one word in the plural (les Députés), lexicon [roles] titles",
        lambda c, lex: (
            tuple(fold(w).rstrip(".") for w in c.words) in lex.titles
            or (len(c.words) == 1 and (c.folded.removesuffix("s"),) in lex.titles)
            or (len(c.words) == 1 and all((p,) in lex.titles for p in c.folded.split("-")))
        ),
    ),
    NoiseRule(
        "truncated",
        "a word cut by a hyphen at its end",
        lambda c, _: any(w.endswith("-") for w in c.words),
    ),
)


def noise_rule(name: str, lex: Lexicon, *, has_role: bool = False) -> NoiseRule | None:
    """The first rule by which ``name`` cannot be an actor's name (None if it can)."""
    words = tuple(name.split()) if any(ch.isalpha() for ch in name) else ()
    candidate = Candidate(name, words, fold(name), has_role)
    return next((r for r in NOISE_RULES if r.applies(candidate, lex)), None)


def noise_reason(name: str, lex: Lexicon, *, has_role: bool = False) -> str | None:
    """The name of the rule by which ``name`` cannot be an actor's name (None if it can)."""
    rule = noise_rule(name, lex, has_role=has_role)
    return rule.name if rule else None
