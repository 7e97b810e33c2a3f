"""A synthetic database for the app: many entities, and one with 5,000 mentions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.synth import SynthDocument, SynthEntity, make_entities, write_database

BIG = SynthEntity("Ministère de la Sécurité publique", "organization", ("MSP",), 5000)
SECOND = SynthEntity("Bureau central national d'Interpol", "organization", ("BCN",), 60)
PER_DOCUMENT = 300


def seed_paragraphs(seeds: Path) -> list[str]:
    """Paragraphs of the seed documents (at least 40 characters each), in order."""
    out = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [" ".join(p.split()) for p in text.split("\n\n") if len(p.strip()) >= 40]
    return out


def make_app_db(
    path: Path, seeds: Path, entities: int, aliases: int, passages: int, big: int = 5000
) -> dict[str, int | str]:
    """Write the database; returns what the app benchmark looks for."""
    bulk = [replace(e, mentions=min(e.mentions, 50)) for e in make_entities(entities, aliases)]
    everyone = [replace(BIG, mentions=big), SECOND, *bulk]
    paragraphs = seed_paragraphs(seeds)
    documents: list[SynthDocument] = []
    mentions: list[tuple[int, int, int, int, str]] = []
    for n in range(passages):
        if n % PER_DOCUMENT == 0:
            d = len(documents) + 1
            documents.append(SynthDocument(f"synthetic/{d:04d}.txt", f"Dossier synthétique {d}"))
        text = paragraphs[n % len(paragraphs)]
        owner = 0 if n < big else 1 if n < big + SECOND.mentions else None
        if owner is not None:
            name = everyone[owner].name
            text = f"{name} : {text}"
            mentions.append((owner, n, 0, len(name), name))
        documents[-1].passages.append(text)
    write_database(path, everyone, documents, mentions)
    return {"big_id": 1, "big_passages": big, "second_id": 2, "second_passages": SECOND.mentions}


def app_databases(
    seeds: Path,
    work: Path,
    entities: int,
    stress_entities: int,
    passages: int,
    log: Callable[[str], None] = print,
) -> list[tuple[Path, dict[str, Any], str, str]]:
    """The app benchmark's synthetic databases: one of ``entities`` (a size similar to the
    build's), one of ``stress_entities`` (none if 0); each with its info, label and key."""
    dbs = []
    sizes = [("similar", entities, "synthetic, similar size")]
    if stress_entities:
        sizes.append(("stress", stress_entities, "stress"))
    for key, count, label in sizes:
        db = work / f"{key}.db"
        log(f"app: writing a synthetic database of {count:,} entities…")
        info: dict[str, Any] = dict(make_app_db(db, seeds, count, 3 * count, passages))
        info["entities"] = count + 2
        full = f"{label}: {count + 2:,} entities, {passages:,} passages"
        dbs.append((db, info, full, key))
    return dbs
