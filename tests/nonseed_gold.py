"""Non-seed gold lists (tests/gold/nonseed/*.toml) and what is scored against them.

A gold file names one document of the shared development corpus, its genre, its actors (each
with every surface form the text uses) and the relations the text states. ``predict_filature``
builds that document alone with the real pipeline and no curation file and reads the database;
``predict_ner`` runs raw ``fr_core_news_md`` on the same passages and groups its spans by exact
text. Both give a ``Predicted``, so the scoring (nonseed_scoring.py) treats them alike.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filature.text import APOSTROPHES, collapse

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(__file__).parent / "gold" / "nonseed"
CORPORA_ENV = "FILATURE_CORPORA"
SCORED_TYPES = ("person", "organization", "place")
# Raw NER labels as entity types; MISC (works, events, nationalities, laws...) has no type of
# ours that it reliably means, so its spans are not predictions of any scored type.
NER_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}


@dataclass(frozen=True)
class GoldDoc:
    """One gold file: the document it describes, its genre, its actors and relations, and
    ``originals``: the same content in other formats (paths under the corpus, like
    ``document``), scored against the same gold by tests/format_scoring.py."""

    file: Path
    document: str
    genre: str
    entities: tuple[dict[str, Any], ...]
    relations: tuple[dict[str, Any], ...]
    originals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    """A typed mention: character offsets into the text of passage ``passage``."""

    passage: int
    start: int
    end: int
    type: str


@dataclass(frozen=True)
class Predicted:
    """What one system made of one document."""

    passages: tuple[str, ...]
    entities: dict[int, tuple[str, frozenset[str]]]
    mentions: frozenset[Span]
    relations: tuple[tuple[int, int, str], ...]


def form_key(text: str) -> str:
    """A surface form compared as written: spaces collapsed, apostrophes unified."""
    out = collapse(text)
    for a in APOSTROPHES:
        out = out.replace(a, "'")
    return out


def corpora_dir() -> Path | None:
    """The shared development corpus: $FILATURE_CORPORA, or shared/corpora beside a parent."""
    env = os.environ.get(CORPORA_ENV)
    if env:
        return Path(env) if Path(env).is_dir() else None
    for parent in ROOT.parents:
        candidate = parent / "shared" / "corpora"
        if candidate.is_dir():
            return candidate
    return None


def load_gold(folder: Path = GOLD_DIR) -> list[GoldDoc]:
    """Every gold file of ``folder``, checked: a bad file raises ValueError naming it."""
    docs = []
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: {exc}") from exc
        for key in ("document", "genre", "entity"):
            if key not in data:
                raise ValueError(f"{path}: no `{key}`; see the header of the other gold files")
        docs.append(
            GoldDoc(
                path,
                data["document"],
                data["genre"],
                tuple(data["entity"]),
                tuple(data.get("relation", ())),
                tuple(data.get("originals", ())),
            )
        )
    return docs


def _form_pattern(form: str) -> re.Pattern[str]:
    parts = []
    for ch in form_key(form):
        if ch == "'":
            parts.append("['’ʼ`]")
        elif ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)")


def gold_mentions(gold: GoldDoc, passages: tuple[str, ...]) -> tuple[set[Span], list[str]]:
    """Every word-bounded, case-sensitive occurrence of a gold form, typed by its entity.

    Overlaps keep the longest occurrence ("SRPJ de Reims" over a "Reims" inside it). Also
    returns the forms that never occur in the passages (a gold list error to fix).
    """
    candidates: list[Span] = []
    absent = []
    for item in gold.entities:
        for form in item["forms"]:
            pattern = _form_pattern(form)
            hits = [
                Span(seq, m.start(), m.end(), item["type"])
                for seq, text in enumerate(passages)
                for m in pattern.finditer(text)
            ]
            if not hits:
                absent.append(f"{item['name']}: {form!r}")
            candidates += hits
    candidates.sort(key=lambda s: (s.start - s.end, s.passage, s.start))
    kept: set[Span] = set()
    taken: dict[int, list[tuple[int, int]]] = {}
    for span in candidates:
        ranges = taken.setdefault(span.passage, [])
        if all(span.end <= a or span.start >= b for a, b in ranges):
            ranges.append((span.start, span.end))
            kept.add(span)
    return kept, absent


def document_passages(document: Path) -> tuple[str, ...]:
    """The passages of a document as the build's ingest layer cleans them (no NLP)."""
    from filature.ingest.document import load_document
    from filature.ingest.read import read_source
    from filature.models import SourceText

    source = read_source(document, document.parent)
    if not isinstance(source, SourceText):
        raise ValueError(f"{document}: not readable as a document ({source.reason})")
    return tuple(p.text for p in load_document(source).passages)


def predict_filature(document: Path) -> Predicted:
    """Build ``document`` alone into a temporary database (no curation file) and read it."""
    from filature.build import build

    with tempfile.TemporaryDirectory(prefix="filature-nonseed-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        shutil.copyfile(document, folder / document.name)
        db = Path(tmp) / "filature.db"
        empty = Path(tmp) / "no-curation.toml"
        empty.write_bytes(b"")
        build(folder, db, curation=empty, use_cache=False)
        return _read_database(db)


def _read_database(db: Path) -> Predicted:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT id, seq, text FROM passages ORDER BY seq").fetchall()
        seq_of = {pid: seq for pid, seq, _ in rows}
        aliases: dict[int, set[str]] = {}
        for eid, alias in conn.execute("SELECT entity_id, alias FROM aliases"):
            aliases.setdefault(eid, set()).add(alias)
        entities = {
            eid: (etype, frozenset(aliases.get(eid, set()) | {name}))
            for eid, name, etype in conn.execute("SELECT id, name, type FROM entities")
        }
        mentions = frozenset(
            Span(seq_of[pid], start, end, etype)
            for pid, start, end, etype in conn.execute(
                'SELECT m.passage_id, m.start, m."end", e.type '
                "FROM mentions m JOIN entities e ON e.id = m.entity_id"
            )
        )
        relations = tuple(
            conn.execute(
                "SELECT source_id, target_id, type FROM relations WHERE type != 'mentioned_with'"
            ).fetchall()
        )
    finally:
        conn.close()
    return Predicted(tuple(text for _, _, text in rows), entities, mentions, relations)


def predict_ner(passages: tuple[str, ...], nlp: Any) -> Predicted:
    """Raw NER on the same passages; one entity per (exact text, mapped type)."""
    keys: dict[tuple[str, str], int] = {}
    mentions = set()
    for seq, doc in enumerate(nlp.pipe(passages)):
        for ent in doc.ents:
            etype = NER_TYPES.get(ent.label_)
            if etype is None:
                continue
            keys.setdefault((form_key(ent.text), etype), len(keys))
            mentions.add(Span(seq, ent.start_char, ent.end_char, etype))
    entities = {key: (etype, frozenset({text})) for (text, etype), key in keys.items()}
    return Predicted(passages, entities, frozenset(mentions), ())


def load_raw_ner() -> Any:
    """The unmodified fr_core_news_md pipeline (filature's own adds a sentence guard)."""
    import spacy

    return spacy.load("fr_core_news_md")
