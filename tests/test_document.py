"""load_document on the seeds and on small files: text, passages, titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from filature.ingest.discover import discover
from filature.ingest.document import load_document
from filature.ingest.read import read_source
from filature.models import Document, SourceText

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _load(path: Path, root: Path) -> Document:
    source = read_source(path, root)
    assert isinstance(source, SourceText)
    return load_document(source)


def _doc(tmp_path: Path, text: str, name: str = "note.txt") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return _load(path, tmp_path)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    return {path.name[:3]: _load(path, SEEDS) for path in discover(SEEDS)}


def test_every_seed_loads(seeds: dict[str, Document]) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    for doc in seeds.values():
        assert doc.passages and doc.text
        assert doc.chars == len(doc.text)
        assert all(doc.text[p.start : p.end] == p.text for p in doc.passages)
        assert 0 < len(doc.title) <= 200
        assert doc.encoding == "utf-8" and len(doc.sha256) == 64


def test_seed_titles_skip_boilerplate(seeds: dict[str, Document]) -> None:
    assert seeds["002"].title.startswith("La visite à INTERPOL d’une délégation")
    assert seeds["003"].title == (
        "Réunion INTERPOL centrée sur les liens entre le trafic de marchandises illicites "
        "et la criminalité organisée"
    )
    assert seeds["004"].title.startswith('Sécurité "Made in China" : comment Pékin')
    assert seeds["001"].title.startswith("La parution à l’automne 2022")
    for doc in seeds.values():
        assert doc.title not in {"All news", "Print", "|", "RÉSUMÉ"}
        assert len(doc.title) <= 200


def test_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    assert _doc(tmp_path, "Print\n\n12/03/2021\n", "rapport annuel.txt").title == "rapport annuel"


def test_long_first_sentence_is_shortened(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "Le " + "très " * 100 + "long titre. Suite.")
    assert doc.title.endswith("…") and len(doc.title) <= 200


def test_document_path_is_relative_and_text_is_clean(tmp_path: Path) -> None:
    sub = tmp_path / "dossier é"
    sub.mkdir()
    path = sub / "a b.md"
    path.write_bytes("# Titre\x1b[2J\n\nTexte I’Etat.\n".encode())
    doc = _load(path, tmp_path)
    assert doc.path == "dossier é/a b.md"
    assert "\x1b" not in doc.text
    assert doc.title == "Titre [2J"
    assert doc.passages[-1].text == "Texte l’Etat."
