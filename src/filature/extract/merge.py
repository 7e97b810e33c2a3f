"""Step 2b, corpus level: group mentions into entities, vote types, fuzzy-merge, name them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from filature.extract.clusters import KeyVotes, UnionFind
from filature.extract.corpus import mention_key, name_key
from filature.extract.countries import load_countries, nationality_state
from filature.extract.lexicon import Lexicon
from filature.extract.links import link_dynasties, link_initials, link_name_parts
from filature.extract.named import LABEL as ALIAS_LABEL
from filature.extract.persons import Located, same_person
from filature.extract.rules import head_type
from filature.extract.textnorm import (
    accent_count,
    capitalise_first,
    collapse,
    fold,
    is_acronym,
    is_all_caps,
    norm_key,
    person_display,
    repair_ocr,
)
from filature.extract.variants import (
    link_acronym_variants,
    link_complements,
    link_demonym_variants,
    link_headless_long_forms,
    link_people,
    link_states,
    link_truncated,
    nation,
    types_by_key,
)
from filature.models import EntityType

FUZZY_MIN_RATIO = 92.0
FUZZY_MIN_LENGTH = 8


@dataclass
class Draft:
    """An entity being built: mutable until the pipeline freezes it into ``Entity``."""

    name: str
    type: EntityType
    aliases: set[str] = field(default_factory=set)
    mentions: list[Located] = field(default_factory=list)


WORD_VARIANT_RATIO = 70.0
_ROMAN_KEY = re.compile(r"(?:x{0,3})(?:ix|iv|v?i{0,3})")


def _number(word: str) -> bool:
    """A word holding a digit, or a roman numeral ("bruxelles i" / "bruxelles ii")."""
    return any(c.isdigit() for c in word) or bool(_ROMAN_KEY.fullmatch(word))


def _other_name(a: str, b: str, lex: Lexicon) -> bool:
    """True if two keys differ by a nationality, a number or a word that is no spelling variant
    of any word of the other name (a different proper name): "ministère ... kirghize" and
    "ministère ... ouzbek" are two ministries, not one misspelt."""
    only_a = set(a.split()) - set(b.split())
    only_b = set(b.split()) - set(a.split())
    shared = {nation(w) for w in only_a} & {nation(w) for w in only_b}
    only_a = {w for w in only_a if nation(w) not in shared}
    only_b = {w for w in only_b if nation(w) not in shared}
    demonyms = lex.demonyms | load_countries().demonyms.keys()
    if any(w in demonyms or _number(w) for w in only_a | only_b):
        return True
    return any(
        all(fuzz.ratio(w, v) < WORD_VARIANT_RATIO for v in only_b)
        for w in only_a
        if only_b and len(w) > 2
    )


def _fuzzy_pairs(keys: Sequence[str], etype: EntityType, lex: Lexicon) -> Iterable[tuple[str, str]]:
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if etype == "person":
                if same_person(a, b):
                    yield a, b
                continue
            if min(len(a), len(b)) < FUZZY_MIN_LENGTH or a[:1] != b[:1]:
                continue
            if [c for c in a if c.isdigit()] != [c for c in b if c.isdigit()]:
                continue
            if fuzz.ratio(a, b) >= FUZZY_MIN_RATIO and not _other_name(a, b, lex):
                yield a, b


def _nationality_tail(name: str, names: Counter[str]) -> bool:
    """ "Unités de protection de la femme syriennes" beside "Unités de protection de la
    femme": a nationality adjective the text adds to a name it also writes without it."""
    head, _, last = name.rpartition(" ")
    return (
        bool(head)
        and head in names
        and last.islower()
        and nationality_state(fold(last)) is not None
    )


def _display(names: Counter[str], etype: EntityType, given: frozenset[str] = frozenset()) -> str:
    """The canonical name among the surface names of one entity; ``given`` names, only ever
    seen as another name a text gives ("en kurde : …"), come last."""

    def score(name: str) -> tuple[int, ...]:
        words = name.split()
        return (
            int(name not in given),
            int(etype != "person" or len(words) >= 2),
            int(name[:1].isupper()),
            int(not is_acronym(name)),
            int(not all(is_all_caps(w) for w in words)),
            int(not _nationality_tail(name, names)),
            accent_count(name),
            names[name],
            len(name),
        )

    best = max(sorted(names), key=score)
    if etype == "person":
        return person_display(best)
    if etype == "place" and is_all_caps(best) and " " not in best and len(best) >= 4:
        return person_display(best)  # "PARIS" -> "Paris"; a dotted acronym keeps its capitals
    if etype == "operation":
        best = collapse("".join(c for c in best if c not in '«»“”"'))
    return capitalise_first(best)


def _accented_words(names: Iterable[str]) -> frozenset[str]:
    """Every word of the corpus's names that starts with an accented capital É."""
    return frozenset(w for n in names for w in re.findall(r"\bÉ\w+", n))


def _restore_accent(name: str, accented: frozenset[str]) -> str:
    """ "Ecole supérieure …" -> "École supérieure …" when the corpus writes "École": French
    often drops the accent on a capital, never by spelling."""
    return re.sub(
        r"\bE(\w+)",
        lambda m: f"É{m.group(1)}" if "É" + m.group(1) in accented else m.group(0),
        name,
    )


def _state_display(names: Counter[str], state: str) -> str:
    """A state's name: the short name the documents use most, else its French short name."""
    countries = load_countries()
    short = [n for n in names if norm_key(n) in countries.short]
    return max(sorted(short), key=lambda n: names[n]) if short else state


def group(
    mentions: Sequence[Located],
    acronyms: dict[str, str],
    lex: Lexicon,
    same: Sequence[tuple[Located, Located]] = (),
) -> list[Draft]:
    """Group mentions into entities: same key, acronym definitions, names the text gives as
    one actor's (``same``), nationality variants, states, fuzzy variants."""
    uf = UnionFind()
    keyed = [(mention_key(m.raw, lex), m) for m in mentions]
    for key, _ in keyed:
        uf.find(key)
    for first, second in same:
        uf.union(mention_key(first.raw, lex), mention_key(second.raw, lex))
    for acronym, long_form in acronyms.items():
        long_type = head_type(long_form, lex) or "organization"
        keys = {
            name_key(acronym, "organization", lex),
            name_key(long_form, long_type, lex),
            name_key(long_form, "organization", lex),
        }
        present = sorted(k for k in keys if k in uf.parent)
        for other in present[1:]:
            uf.union(present[0], other)
    types = types_by_key(keyed)  # counted once for both
    link_acronym_variants(types, acronyms, uf, lex)
    link_headless_long_forms(keyed, types, acronyms, uf, lex)
    link_demonym_variants(keyed, uf, lex)
    states = link_states(keyed, uf)
    link_name_parts(keyed, uf)
    link_initials(keyed, uf)
    link_dynasties(keyed, uf, lex)
    votes = KeyVotes(keyed)
    for _ in range(2):
        found = votes.clusters(uf)
        by_type: dict[EntityType, list[str]] = {}
        for root, etype in found.types.items():
            by_type.setdefault(etype, []).append(root)
        for etype, roots in by_type.items():
            for a, b in _fuzzy_pairs(sorted(roots), etype, lex):
                uf.union(a, b)
        link_people(found.mentions, by_type, uf)
    link_complements(votes.clusters(uf), uf, lex)
    for _ in range(2):
        link_truncated(votes.clusters(uf), uf)
    found = votes.clusters(uf)
    state_of_root = {uf.find(key): state for key, state in states.items()}
    accented = _accented_words({m.name for m in mentions})
    drafts = []
    for root, ms in found.mentions.items():
        etype = found.types[root]
        names = Counter(m.name for m in ms)
        given = frozenset(names) - {m.name for m in ms if m.raw.label != ALIAS_LABEL}
        name = _display(names, etype, given)
        if etype != "person":
            name = _restore_accent(name, accented)
        if root in state_of_root:
            etype, name = "place", _state_display(names, state_of_root[root])
        surfaces = {m.raw.surface for m in ms}
        aliases = set(names) | {collapse(repair_ocr(s)) for s in surfaces} | {name}
        drafts.append(Draft(name, etype, aliases, list(ms)))
    return drafts
