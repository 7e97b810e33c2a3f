"""Step 2b, corpus level: group mentions into entities, vote types, fuzzy-merge, name them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from filature.extract.corpus import demonym_free, mention_key, name_key
from filature.extract.countries import load_countries, nationality_state
from filature.extract.lexicon import Lexicon
from filature.extract.links import link_dynasties, link_initials, link_name_parts
from filature.extract.named import LABEL as ALIAS_LABEL
from filature.extract.persons import Located, same_person
from filature.extract.rules import head_type, looks_like_person
from filature.extract.spread import LABEL as SPREAD_LABEL
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
from filature.models import EntityType

RULE_LABELS = frozenset({"ACRONYM", "LONGFORM", "ACRONYM-USE"})
COPIED_LABELS = frozenset({ALIAS_LABEL, SPREAD_LABEL})
FUZZY_MIN_RATIO = 92.0
FUZZY_MIN_LENGTH = 8


@dataclass
class Draft:
    """An entity being built: mutable until the pipeline freezes it into ``Entity``."""

    name: str
    type: EntityType
    aliases: set[str] = field(default_factory=set)
    mentions: list[Located] = field(default_factory=list)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _vote(mentions: Iterable[Located]) -> EntityType:
    votes: dict[EntityType, float] = {}
    for m in mentions:
        ner = m.raw.label in {"PER", "ORG", "LOC", "MISC"}
        weight = 1.0 if ner else 3.0
        if m.raw.label in COPIED_LABELS:
            weight = 0.25  # a copy of another mention's type, not evidence of its own
        if m.raw.label == "PER" and " " in m.name:
            weight = 2.0
        if m.name.isupper() and len(m.name) > 3:
            weight /= 2
        votes[m.raw.type] = votes.get(m.raw.type, 0.0) + weight
    return max(votes, key=lambda t: votes[t])


WORD_VARIANT_RATIO = 70.0
_ROMAN_KEY = re.compile(r"(?:x{0,3})(?:ix|iv|v?i{0,3})")


def _nation(word: str) -> str:
    """The state a nationality adjective stands for ("chinoise" -> "Chine"), else the word."""
    return load_countries().demonyms.get(word, word)


def _number(word: str) -> bool:
    """A word holding a digit, or a roman numeral ("bruxelles i" / "bruxelles ii")."""
    return any(c.isdigit() for c in word) or bool(_ROMAN_KEY.fullmatch(word))


def _other_name(a: str, b: str, lex: Lexicon) -> bool:
    """True if two keys differ by a nationality, a number or a word that is no spelling variant
    of any word of the other name (a different proper name): "ministère ... kirghize" and
    "ministère ... ouzbek" are two ministries, not one misspelt."""
    only_a = set(a.split()) - set(b.split())
    only_b = set(b.split()) - set(a.split())
    shared = {_nation(w) for w in only_a} & {_nation(w) for w in only_b}
    only_a = {w for w in only_a if _nation(w) not in shared}
    only_b = {w for w in only_b if _nation(w) not in shared}
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
        return best.capitalize()
    if etype == "operation":
        best = collapse("".join(c for c in best if c not in '«»“”"'))
    return capitalise_first(best)


def _clusters(keyed: Sequence[tuple[str, Located]], uf: _UnionFind) -> dict[str, list[Located]]:
    clusters: dict[str, list[Located]] = {}
    for key, m in keyed:
        clusters.setdefault(uf.find(key), []).append(m)
    return clusters


def _link_people(
    clusters: dict[str, list[Located]], by_type: dict[EntityType, list[str]], uf: _UnionFind
) -> None:
    """Join a place/organisation cluster NER mislabelled to the person it names."""
    people = by_type.get("person", [])
    for etype in ("place", "organization"):
        for root in by_type.get(etype, []):
            ms = clusters[root]
            if any(m.raw.label not in {"LOC", "ORG", "MISC"} for m in ms):
                continue
            if not looks_like_person(ms[0].name) or len(root.split()) < 2:
                continue
            for person in people:
                if same_person(root, person):
                    uf.union(root, person)
                    break


_COMPLEMENT = re.compile(
    r"^(?P<base>.+?)\s+(?:de|du|des|d['’])\s*(?:la\s+|l['’]\s*)?(?P<of>[^\s].*)$"
)


def _link_complements(clusters: dict[str, list[Located]], uf: _UnionFind, lex: Lexicon) -> None:
    """Join "X de Y" to "X" when Y is another entity ("Ministère ... de la République
    populaire de Chine" is "Ministère ...")."""
    names: dict[str, str] = {}
    types: dict[str, EntityType] = {}
    for root, ms in clusters.items():
        types[root] = _vote(ms)
        for m in ms:
            names.setdefault(norm_key(m.name), root)
    for root, ms in clusters.items():
        for m in ms:
            for match in _COMPLEMENT.finditer(m.name):
                base, of = match.group("base"), match.group("of")
                base_root = names.get(norm_key(base))
                if (
                    base_root is not None
                    and norm_key(of) in names
                    and base_root != root
                    and types[base_root] == types[root]
                    and len(base.split()) >= 2
                ):
                    uf.union(base_root, root)


TRUNCATED_MIN_WORDS = 4


def _link_truncated(clusters: dict[str, list[Located]], uf: _UnionFind) -> None:
    """Join a long name cut short (by a page or line break) to the one entity of the same type
    whose name it begins ("Convention des Nations unies contre la criminalité")."""
    types = {root: _vote(ms) for root, ms in clusters.items()}
    names = {root: {norm_key(m.name) for m in ms} for root, ms in clusters.items()}
    for root, keys in names.items():
        if types[root] == "person":
            continue
        for key in keys:
            if len(key.split()) < TRUNCATED_MIN_WORDS:
                continue
            longer = {
                other
                for other, other_keys in names.items()
                if other != root
                and types[other] == types[root]
                and any(k.startswith(key + " ") for k in other_keys)
            }
            if len(longer) == 1:
                uf.union(root, longer.pop())
    _link_cut_words(names, types, uf)


CUT_WORD_MIN = 6


def _link_cut_words(
    names: dict[str, set[str]], types: dict[str, EntityType], uf: _UnionFind
) -> None:
    """Join a one-word place cut short ("Lianyun") to the one place it begins ("Lianyungang")."""
    single = {
        root: key
        for root, keys in names.items()
        if types[root] == "place"
        for key in keys
        if " " not in key
    }
    for root, key in single.items():
        if len(key) < CUT_WORD_MIN:
            continue
        longer = {r for r, k in single.items() if r != root and k.startswith(key) and k != key}
        if len(longer) == 1:
            uf.union(root, longer.pop())


ACRONYM_SPELLING_MIN = 3


def _spells(acronym: str, words: Sequence[str]) -> bool:
    """True if ``acronym`` is made of a non-empty prefix of each word, in order
    ("unpol" from "united nations police")."""
    if not words:
        return not acronym
    word = words[0]
    return any(
        word[:n] == acronym[:n] and _spells(acronym[n:], words[1:])
        for n in range(1, min(len(word), len(acronym)) + 1)
    )


def _shortened(words: Sequence[str], long_words: Sequence[str], lex: Lexicon) -> bool:
    """True if ``words`` is the long form without some organisation words after its head
    ("police des Nations unies" for "police de l'Organisation des Nations unies")."""
    if len(words) < 2 or len(words) >= len(long_words) or words[0] != long_words[0]:
        return False
    rest = iter(long_words)
    dropped = []
    for w in words:
        for candidate in rest:
            if candidate == w:
                break
            dropped.append(candidate)
        else:
            return False
    dropped.extend(rest)
    return bool(dropped) and all(w in lex.organization_heads for w in dropped)


def _link_acronym_variants(
    keyed: Sequence[tuple[str, Located]], acronyms: dict[str, str], uf: _UnionFind, lex: Lexicon
) -> None:
    """Join to a defined acronym the organisation names that spell it word by word
    ("United Nations Police" for UNPOL) or that shorten its long form by dropping an
    organisation word ("police des Nations unies"); a name fitting two acronyms joins none."""
    types: dict[str, Counter[EntityType]] = {}
    for key, m in keyed:
        types.setdefault(key, Counter())[m.raw.type] += 1
    fits: dict[str, set[str]] = {}
    for acronym, long_form in acronyms.items():
        acronym_key = name_key(acronym, "organization", lex)
        if acronym_key not in types:
            continue
        letters = norm_key(acronym).replace(" ", "")
        long_words = name_key(long_form, "organization", lex).split()
        for key, counts in types.items():
            words = key.split()
            if key == acronym_key or counts.most_common(1)[0][0] != "organization":
                continue
            spelled = len(letters) >= ACRONYM_SPELLING_MIN and len(words) >= 2
            if (spelled and _spells(letters, words)) or _shortened(words, long_words, lex):
                fits.setdefault(key, set()).add(acronym_key)
    for key, acronym_keys in fits.items():
        if len(acronym_keys) == 1:
            uf.union(acronym_keys.pop(), key)


def _link_demonym_variants(
    keyed: Sequence[tuple[str, Located]], uf: _UnionFind, lex: Lexicon
) -> None:
    """Join "ministère chinois de la Sécurité publique" to "ministère de la Sécurité
    publique": a name without nationality joins the variants with one when they all carry the
    same nationality; variants with different nationalities stay apart."""
    variants: dict[str, dict[frozenset[str], set[str]]] = {}
    for key, m in keyed:
        if m.raw.type == "person":
            continue
        free = demonym_free(key, m.name, lex)
        if free is not None:
            nations = frozenset(_nation(w) for w in free[1])
            variants.setdefault(free[0], {}).setdefault(nations, set()).add(key)
    for bare, by_nationality in variants.items():
        for keys in by_nationality.values():
            first, *rest = sorted(keys)
            for other in rest:
                uf.union(first, other)
            if len(by_nationality) == 1 and bare in uf.parent:
                uf.union(first, bare)


def _link_states(keyed: Sequence[tuple[str, Located]], uf: _UnionFind) -> dict[str, str]:
    """Join every name of one state ("Espagne", "Royaume d'Espagne", "l'État espagnol", "le
    gouvernement espagnol"); returns each joined key's state (its French short name)."""
    countries = load_countries()
    anchors: dict[str, str] = {}
    states: dict[str, str] = {}
    for key, m in keyed:
        if m.raw.type not in {"place", "organization"}:
            continue
        state = countries.state_of(m.name)
        if state is None:
            continue
        states[key] = state
        uf.union(anchors.setdefault(state, key), key)
    return states


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
    uf = _UnionFind()
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
    _link_acronym_variants(keyed, acronyms, uf, lex)
    _link_demonym_variants(keyed, uf, lex)
    states = _link_states(keyed, uf)
    link_name_parts(keyed, uf)
    link_initials(keyed, uf)
    link_dynasties(keyed, uf, lex)
    for _ in range(2):
        clusters = _clusters(keyed, uf)
        by_type: dict[EntityType, list[str]] = {}
        for root, ms in clusters.items():
            by_type.setdefault(_vote(ms), []).append(root)
        for etype, roots in by_type.items():
            for a, b in _fuzzy_pairs(sorted(roots), etype, lex):
                uf.union(a, b)
        _link_people(clusters, by_type, uf)
    _link_complements(_clusters(keyed, uf), uf, lex)
    for _ in range(2):
        _link_truncated(_clusters(keyed, uf), uf)
    clusters = _clusters(keyed, uf)
    state_of_root = {uf.find(key): state for key, state in states.items()}
    drafts = []
    for root, ms in clusters.items():
        etype = _vote(ms)
        names = Counter(m.name for m in ms)
        given = frozenset(names) - {m.name for m in ms if m.raw.label != ALIAS_LABEL}
        name = _display(names, etype, given)
        if root in state_of_root:
            etype, name = "place", _state_display(names, state_of_root[root])
        aliases = {m.name for m in ms} | {collapse(repair_ocr(m.raw.surface)) for m in ms} | {name}
        drafts.append(Draft(name, etype, aliases, list(ms)))
    return drafts
