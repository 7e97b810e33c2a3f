"""Which keys of the corpus name one entity: the union-find that joins them, the type a
cluster's mentions vote for, and the links between spelling, acronym, demonym, state,
complement, truncated and cut-word variants.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from filature.extract.clusters import Clusters, UnionFind
from filature.extract.corpus import demonym_free, name_key
from filature.extract.countries import load_countries
from filature.extract.lexicon import Lexicon
from filature.extract.persons import Located, same_person
from filature.extract.rules import looks_like_person
from filature.extract.textnorm import (
    norm_key,
)
from filature.models import EntityType


def nation(word: str) -> str:
    """The state a nationality adjective stands for ("chinoise" -> "Chine"), else the word."""
    return load_countries().demonyms.get(word, word)


def link_people(
    clusters: dict[str, list[Located]], by_type: dict[EntityType, list[str]], uf: UnionFind
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


def link_complements(clusters: Clusters, uf: UnionFind, lex: Lexicon) -> None:
    """Join "X de Y" to "X" when Y is another entity ("Ministère ... de la République
    populaire de Chine" is "Ministère ...")."""
    names: dict[str, str] = {}
    types = clusters.types
    written: dict[str, list[str]] = {}  # each cluster's names, once each, in order
    for root, ms in clusters.mentions.items():
        written[root] = list(dict.fromkeys(m.name for m in ms))
        for name in written[root]:
            names.setdefault(norm_key(name), root)
    for root, cluster_names in written.items():
        for name in cluster_names:
            for match in _COMPLEMENT.finditer(name):
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


def link_truncated(clusters: Clusters, uf: UnionFind) -> None:
    """Join a long name cut short (by a page or line break) to the one entity of the same type
    whose name it begins ("Convention des Nations unies contre la criminalité")."""
    types = clusters.types
    names = {
        root: {norm_key(n) for n in {m.name for m in ms}} for root, ms in clusters.mentions.items()
    }
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
    link_cut_words(names, types, uf)


CUT_WORD_MIN = 6


def link_cut_words(names: dict[str, set[str]], types: dict[str, EntityType], uf: UnionFind) -> None:
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


def spells(acronym: str, words: Sequence[str]) -> bool:
    """True if ``acronym`` is made of a non-empty prefix of each word, in order
    ("unpol" from "united nations police")."""
    if not words:
        return not acronym
    word = words[0]
    return any(
        word[:n] == acronym[:n] and spells(acronym[n:], words[1:])
        for n in range(1, min(len(word), len(acronym)) + 1)
    )


def shortened(words: Sequence[str], long_words: Sequence[str], lex: Lexicon) -> bool:
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


def types_by_key(keyed: Sequence[tuple[str, Located]]) -> dict[str, Counter[EntityType]]:
    """How often each key is seen as each type, keys and types in the order first seen."""
    types: dict[str, Counter[EntityType]] = {}
    for (key, etype), n in Counter((key, m.raw.type) for key, m in keyed).items():
        counts = types.get(key)
        if counts is None:
            types[key] = counts = Counter()
        counts[etype] = n
    return types


def link_acronym_variants(
    types: dict[str, Counter[EntityType]], acronyms: dict[str, str], uf: UnionFind, lex: Lexicon
) -> None:
    """Join to a defined acronym the organisation names that spell it word by word
    ("United Nations Police" for UNPOL) or that shorten its long form by dropping an
    organisation word ("police des Nations unies"); a name fitting two acronyms joins none."""
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
            if (spelled and spells(letters, words)) or shortened(words, long_words, lex):
                fits.setdefault(key, set()).add(acronym_key)
    for key, acronym_keys in fits.items():
        if len(acronym_keys) == 1:
            uf.union(acronym_keys.pop(), key)


def link_headless_long_forms(
    keyed: Sequence[tuple[str, Located]],
    types: dict[str, Counter[EntityType]],
    acronyms: dict[str, str],
    uf: UnionFind,
    lex: Lexicon,
) -> None:
    """Join an acronym the text does not define to its long form without its generic head
    ("Nations unies" for ONU) when the text also writes the whole long form ("police de
    l'Organisation des Nations unies"): the acronym's letters are the head's initial and the
    name's initials; a name fitting two acronyms joins none."""
    letters: dict[str, str] = {}
    defined = {name_key(a, "organization", lex) for a in acronyms}
    for key, name in dict.fromkeys((key, m.name) for key, m in keyed):
        if name.isalpha() and name.isupper() and 2 < len(name) <= 8 and key not in defined:
            letters[key] = key
    written = "\n".join(f" {k} " for k in types)
    fits: dict[str, set[str]] = {}
    for key, counts in types.items():
        words = key.split()
        if len(words) < 2 or key in letters or counts.most_common(1)[0][0] != "organization":
            continue
        initials = "".join(w[0] for w in words)
        for acronym_key in letters:
            if acronym_key[1:] != initials or types[acronym_key].most_common(1)[0][0] not in {
                "organization",
                "place",
            }:
                continue
            heads = (h for h in lex.organization_heads if h[:1] == acronym_key[0] and " " not in h)
            if any(f" {h} {key} " in written for h in heads):
                fits.setdefault(key, set()).add(acronym_key)
    for key, acronym_keys in fits.items():
        if len(acronym_keys) == 1:
            uf.union(acronym_keys.pop(), key)


def link_demonym_variants(
    keyed: Sequence[tuple[str, Located]], uf: UnionFind, lex: Lexicon
) -> None:
    """Join "ministère chinois de la Sécurité publique" to "ministère de la Sécurité
    publique": a name without nationality joins the variants with one when they all carry the
    same nationality; variants with different nationalities stay apart."""
    variants: dict[str, dict[frozenset[str], set[str]]] = {}
    for key, name in dict.fromkeys((key, m.name) for key, m in keyed if m.raw.type != "person"):
        free = demonym_free(key, name, lex)
        if free is not None:
            nations = frozenset(nation(w) for w in free[1])
            variants.setdefault(free[0], {}).setdefault(nations, set()).add(key)
    for bare, by_nationality in variants.items():
        for keys in by_nationality.values():
            first, *rest = sorted(keys)
            for other in rest:
                uf.union(first, other)
            if len(by_nationality) == 1 and bare in uf.parent:
                uf.union(first, bare)


def link_states(keyed: Sequence[tuple[str, Located]], uf: UnionFind) -> dict[str, str]:
    """Join every name of one state ("Espagne", "Royaume d'Espagne", "l'État espagnol", "le
    gouvernement espagnol", its ISO code or initials in capitals: "USA", "RPC"); returns each
    joined key's state (its French short name)."""
    countries = load_countries()
    anchors: dict[str, str] = {}
    states: dict[str, str] = {}
    state_of: dict[str, str | None] = {}
    for key, m in keyed:
        if m.raw.type not in {"place", "organization"}:
            continue
        name = m.name
        if name not in state_of:
            state_of[name] = countries.state_of(name) or countries.state_of_code(name)
        state = state_of[name]
        if state is None:
            continue
        states[key] = state
        uf.union(anchors.setdefault(state, key), key)
    return states
