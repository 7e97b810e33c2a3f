"""The analyst's curation file: merge, rename, retype, drop and alias survive a rebuild.

Through the real path: the store writes the extraction (``base_*`` tables), then the build's
curation step (``curation.derivation``) derives the curated tables from it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from docfactory import document_of
from filature.curation.derivation import FileDerivation
from filature.curation.entries import CurationError, load_curation
from filature.curation.state import read_curation
from filature.models import Document, Entity, EntityType, Extraction, Mention
from filature.store.writer import write_database

ROOT = Path(__file__).resolve().parents[1]

FORMS: list[tuple[str, EntityType, tuple[str, ...]]] = [
    ("Pékin", "place", ()),
    ("Beijing", "place", ()),
    ("Francois Haut", "person", ("Frangois Haut",)),
    ("Forum régional de l’ASEAN", "event", ()),
    ("Sécurité globale", "organization", ()),
    ("Interpol", "organization", ("INTERPOL",)),
]


def extraction() -> tuple[Document, Extraction]:
    """One passage naming every form once; each entity mentioned by each of its forms."""
    text = " ; ".join(form for name, _, aliases in FORMS for form in (name, *aliases)) + "."
    document = document_of("a.txt", "A", [("body", text)])
    entities = []
    for key, (name, etype, aliases) in enumerate(FORMS):
        mentions = tuple(
            Mention(0, 0, text.index(f), text.index(f) + len(f), f) for f in (name, *aliases)
        )
        entities.append(Entity(key, name, etype, (name, *aliases), mentions))
    return document, Extraction(entities=tuple(entities))


def curated(db: Path) -> dict[str, tuple[str, set[str]]]:
    """Name -> (type, aliases) of the curated entities."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT e.name, e.type, a.alias FROM entities e JOIN aliases a ON a.entity_id = e.id"
        ).fetchall()
    finally:
        conn.close()
    out: dict[str, tuple[str, set[str]]] = {}
    for name, etype, alias in rows:
        out.setdefault(name, (etype, set()))[1].add(alias)
    return out


CURATION = """
[[merge]]
into = "Beijing"
names = ["Pekin"]

[[rename]]
name = "Frangois Haut"
to = "François Haut"

[[retype]]
name = "Forum regional de l'ASEAN"
to = "organization"

[[drop]]
name = "Sécurité globale"

[[alias]]
name = "interpol"
aliases = ["OIPC"]
"""


def test_every_operation(tmp_path: Path) -> None:
    path = tmp_path / "curation.toml"
    path.write_text(CURATION, encoding="utf-8")
    document, extracted = extraction()
    db = tmp_path / "f.db"
    stats = write_database(
        db, [document], extracted, [], {}, derivation=FileDerivation(read_curation(path))
    )
    out = curated(db)
    assert stats.unapplied == () and stats.entities == len(out) == 4
    assert "Pékin" not in out and {"Pékin", "Beijing"} <= out["Beijing"][1]
    assert "François Haut" in out and "Frangois Haut" in out["François Haut"][1]
    assert out["Forum régional de l’ASEAN"][0] == "organization"
    assert "Sécurité globale" not in out
    assert "OIPC" in out["Interpol"][1]
    assert set(curated(write_database_without_curation(tmp_path))) == {f[0] for f in FORMS}


def write_database_without_curation(tmp_path: Path) -> Path:
    document, extracted = extraction()
    write_database(tmp_path / "raw.db", [document], extracted, [], {})
    return tmp_path / "raw.db"


def test_missing_file_is_empty(tmp_path: Path) -> None:
    assert load_curation(tmp_path / "none.toml").size == 0


@pytest.mark.parametrize(
    "text",
    ["[[merge]]\nnames = ['x']\n", "[[retype]]\nname = 'x'\nto = 'thing'\n", "[[oops]]\n", "a ="],
)
def test_bad_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "curation.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CurationError):
        load_curation(path)


def test_shipped_file_is_valid() -> None:
    assert load_curation(ROOT / "seeds" / "curation.toml").size >= 1
