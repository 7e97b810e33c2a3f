"""Synthetic entities with realistic multi-word names and aliases, and a database holding them."""

from __future__ import annotations

import random
import sqlite3
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import names as N

TYPES = ("person", "organization", "place", "agreement", "operation", "event")
TYPE_WEIGHTS = (40, 30, 20, 4, 3, 3)


@dataclass(frozen=True)
class SynthEntity:
    """An entity to write: its name, type, other surface forms and mention count."""

    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int


@dataclass
class SynthDocument:
    """A document of passages, to write with the entities."""

    path: str
    title: str
    passages: list[str] = field(default_factory=list)


def strip_accents(text: str) -> str:
    """``text`` without combining accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _coined(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(N.SYLLABLES) for _ in range(parts)).capitalize()


def _place_word(rng: random.Random) -> str:
    return _coined(rng, rng.choice((2, 2, 3))) + rng.choice(N.PLACE_SUFFIXES)


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.replace("'", " ").split() if w[:1].isupper()).upper()


def _person(rng: random.Random) -> tuple[str, list[str]]:
    given = rng.choice(N.GIVEN)
    if rng.random() < 0.2:
        given = f"{given}-{rng.choice(N.GIVEN)}"
    surname = rng.choice(N.SURNAMES) if rng.random() < 0.6 else _coined(rng, rng.choice((2, 3)))
    if rng.random() < 0.15:
        surname = f"{surname}-{rng.choice(N.SURNAMES)}"
    name = f"{given} {surname}"
    variants = [
        f"{surname} {given}",
        f"{given[0]}. {surname}",
        f"{surname.upper()} {given}",
        f"M. {surname}" if rng.random() < 0.5 else f"Mme {surname}",
        strip_accents(name),
        f"{given} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {surname}",
    ]
    return name, variants


def _organization(rng: random.Random) -> tuple[str, list[str]]:
    if rng.random() < 0.3:
        stem = _coined(rng, rng.choice((2, 3)))
        name = f"{stem} {rng.choice(N.COMPANY_KINDS)}"
        return name, [stem, stem.upper(), f"groupe {stem}", f"{stem} {rng.choice(N.COMPANY_KINDS)}"]
    head, domain = rng.choice(N.ORG_HEADS), rng.choice(N.ORG_DOMAINS)
    name = f"{head} de {domain}".replace("de des", "des").replace("de l'", "de l'")
    place = _place_word(rng)
    if rng.random() < 0.7:
        name = f"{name} de {place}"
    variants = [
        _acronym(name),
        strip_accents(name),
        f"{head} de {place}",
        name.replace(f" de {place}", ""),
        f"{head.split()[0]} {_acronym(name)}",
    ]
    return name, variants


def _place(rng: random.Random) -> tuple[str, list[str]]:
    word = _place_word(rng)
    prefix = rng.choice(N.PLACE_PREFIXES)
    name = f"{prefix}{word}"
    return name, [word, strip_accents(name), f"{word} Province", word.upper(), f"la {name}"]


def _agreement(rng: random.Random) -> tuple[str, list[str]]:
    a, b = _place_word(rng), _place_word(rng)
    domain = rng.choice(N.ORG_DOMAINS)
    year = rng.randint(1985, 2024)
    name = rng.choice(N.AGREEMENT_FORMS).format(a=a, b=b, d=domain) + f" ({year})"
    return name, [f"Accord {a}-{b}", f"accord de {year}", f"Traité {a}–{b} de {year}"]


def _operation(rng: random.Random) -> tuple[str, list[str]]:
    word = f"{rng.choice(N.OPERATION_WORDS)} {_coined(rng, 2)}"
    year = rng.randint(2000, 2024)
    name = f"Opération {word} {year}"
    return name, [f"{word} {year}", f"opération {word}", f"Op. {word}"]


def _event(rng: random.Random) -> tuple[str, list[str]]:
    a, b = _place_word(rng), _place_word(rng)
    name = rng.choice(N.EVENT_FORMS).format(a=a, b=b, d=rng.choice(N.ORG_DOMAINS))
    year = rng.randint(2000, 2024)
    return f"{name} {year}", [name, f"{a} {year}", strip_accents(name)]


MAKERS: dict[str, Callable[[random.Random], tuple[str, list[str]]]] = {
    "person": _person,
    "organization": _organization,
    "place": _place,
    "agreement": _agreement,
    "operation": _operation,
    "event": _event,
}


def make_entities(count: int, alias_total: int, seed: int = 11) -> list[SynthEntity]:
    """``count`` entities with distinct names and ``alias_total`` aliases besides their names."""
    rng = random.Random(seed)
    seen: set[str] = set()
    drafts: list[tuple[str, str, list[str]]] = []
    while len(drafts) < count:
        etype = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        name, variants = MAKERS[etype](rng)
        if name in seen:
            continue
        seen.add(name)
        forms = list(dict.fromkeys(v for v in variants if v and v != name))
        rng.shuffle(forms)
        drafts.append((name, etype, forms))
    wanted = [0] * count
    left = alias_total
    for i in rng.sample(range(count), count):
        take = min(len(drafts[i][2]), max(1, round(rng.gauss(alias_total / count, 1.0))), left)
        wanted[i], left = take, left - take
    for i in range(count):
        if left <= 0:
            break
        extra = min(left, len(drafts[i][2]) - wanted[i])
        wanted[i], left = wanted[i] + extra, left - extra
    return [
        SynthEntity(name, etype, tuple(forms[: wanted[i]]), max(1, int(rng.paretovariate(1.1))))
        for i, (name, etype, forms) in enumerate(drafts)
    ]


def write_database(
    path: Path,
    entities: Sequence[SynthEntity],
    documents: Sequence[SynthDocument] = (),
    mentions: Sequence[tuple[int, int, int, int, str]] = (),
) -> None:
    """Write a database with the real schema.

    ``mentions`` are (entity index, global passage index, start, end, surface); entities with
    no mention rows keep their synthetic ``mention_count``.
    """
    from filature.store.schema import SCHEMA_VERSION, create_schema, write_entity_keys

    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA journal_mode = OFF")
        create_schema(conn)
        passage_doc: list[int] = []
        for d, doc in enumerate(documents, start=1):
            text = "\n\n".join(doc.passages)
            conn.execute(
                "INSERT INTO documents (id, path, title, sha256, encoding, chars)"
                " VALUES (?, ?, ?, ?, 'utf-8', ?)",
                (d, doc.path, doc.title, f"{d:064x}", len(text)),
            )
            rows = []
            start = line = 0
            for seq, passage in enumerate(doc.passages):
                passage_doc.append(d)
                rows.append(
                    (
                        len(passage_doc),
                        d,
                        seq,
                        start,
                        start + len(passage),
                        line + 1,
                        line + 1 + passage.count("\n"),
                        "body",
                        passage,
                    )
                )
                start += len(passage) + 2
                line += passage.count("\n") + 2
            conn.executemany(
                'INSERT INTO passages (id, document_id, seq, start, "end", line_start, line_end,'
                " zone, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        counted: dict[int, list[int]] = {}
        for owner, where, *_ in mentions:
            counted.setdefault(owner, []).append(passage_doc[where])
        conn.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
            (
                (
                    i + 1,
                    e.name,
                    e.type,
                    len(counted[i]) if i in counted else e.mentions,
                    len(counted[i]) if i in counted else e.mentions,
                    min(counted[i]) if i in counted else None,
                    max(counted[i]) if i in counted else None,
                )
                for i, e in enumerate(entities)
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO aliases VALUES (?, ?)",
            ((i + 1, form) for i, e in enumerate(entities) for form in (e.name, *e.aliases)),
        )
        conn.executemany(
            'INSERT INTO mentions (entity_id, passage_id, start, "end", surface) '
            "VALUES (?, ?, ?, ?, ?)",
            ((e + 1, p + 1, s, end, t) for e, p, s, end, t in mentions),
        )
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
        write_entity_keys(conn)
        conn.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            (("schema_version", str(SCHEMA_VERSION)), ("pipeline_version", "synthetic")),
        )
        conn.commit()
    finally:
        conn.close()
