"""Passages of the seed documents and of small made-up texts: order, offsets, zones."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from filature.ingest.clean import clean_text
from filature.ingest.passages import split_passages
from filature.models import Passage

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
RESEARCH_NOTE = next(p for p in SEED_FILES if p.name.startswith("001_"))
BROCHURE = next(p for p in SEED_FILES if p.name.startswith("000_"))

_HYPHEN_FRAGMENT = re.compile(r"[a-zà-ÿ]- [a-zà-ÿ]")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")


@cache
def _seed(path: Path) -> tuple[str, tuple[Passage, ...]]:
    original = path.read_text(encoding="utf-8")
    return original, split_passages(clean_text(original), original)


def _passages(text: str, limit: int = 1500) -> tuple[Passage, ...]:
    return split_passages(clean_text(text), text, limit)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_passages_are_well_formed(path: Path) -> None:
    original, passages = _seed(path)
    clean = clean_text(original)
    assert passages
    assert [p.seq for p in passages] == list(range(len(passages)))
    previous_end = 0
    lines = original.count("\n") + 1
    for p in passages:
        assert p.text == clean.text[p.start : p.end]
        assert p.text.strip() == p.text and p.text
        assert previous_end <= p.start < p.end
        assert 1 <= p.line_start <= p.line_end <= lines
        assert len(p.text) <= 1500
        previous_end = p.end


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_passages_hold_no_page_furniture(path: Path) -> None:
    _, passages = _seed(path)
    for p in passages:
        assert not _HYPHEN_FRAGMENT.search(p.text), p.text
        assert not _URL_ONLY.match(p.text), p.text
        assert "https://www.irsem.fr/" not in p.text
        assert "place Joffre" not in p.text
        assert "Note de recherche no 135" not in p.text
        assert not p.text.isdigit() or p.zone == "table"


def test_research_note_zones() -> None:
    original, passages = _seed(RESEARCH_NOTE)
    zones = Counter(p.zone for p in passages)
    assert zones["footnote"] >= 130
    assert zones["table"] >= 10
    assert zones["heading"] >= 10
    footnotes = [p for p in passages if p.zone == "footnote"]
    assert footnotes[0].text.startswith("1. Safeguard Defenders, 110 Overseas.")
    assert any(p.text.startswith("22. Meng Hongwei disparaît") for p in footnotes)
    assert all(re.match(r"\d{1,3}\.", p.text) for p in footnotes)
    tables = " ".join(p.text for p in passages if p.zone == "table")
    assert "EUR 2 047 000" in tables and "Bureau chinois d’Interpol" in tables
    assert "Sinofaith IP Group" in tables
    headings = {p.text for p in passages if p.zone == "heading"}
    assert {"RÉSUMÉ", "INTRODUCTION", "CONCLUSION"} <= headings
    first_note = footnotes[0]
    assert original.splitlines()[first_note.line_start - 1].startswith("1. Safeguard")


def test_research_note_text_is_repaired() -> None:
    _, passages = _seed(RESEARCH_NOTE)
    text = "\n".join(p.text for p in passages)
    for fixed in [
        "d’Interpol. En septembre 2017",
        "des États membres de l’OCS",
        "conseiller d’État, Wang Xiaohong.",
        "une ONG espagnole dénonçant",
        "La Chine a-t-elle pu",
        "mécanismes de renforcement des normes",
        "l’arrivée de Xi Jinping en 2012. En février",
        "Bosnie-Herzégovine",
        "COVID-19",
    ]:
        assert fixed in text, fixed


def test_brochure_is_repaired() -> None:
    _, passages = _seed(BROCHURE)
    text = "\n".join(p.text for p in passages)
    assert "dans le domaine criminologique" in text
    assert "positions courageuses en faveur de l’Etat de droit" in text
    assert "de l'Université de Science politique" in text
    assert "I’" not in text and "1’" not in text


def test_long_paragraph_is_split_at_sentence_boundaries() -> None:
    sentence = "M. Noble a rencontré le ministre à Lyon, p. 12 du rapport. "
    text = sentence * 60
    passages = _passages(text, limit=300)
    assert len(passages) > 1
    for p in passages:
        assert len(p.text) <= 300
        assert p.text.startswith("M. Noble") and p.text.endswith("rapport.")
        assert p.zone == "body"


def test_sentence_without_boundary_is_cut_at_a_space() -> None:
    passages = _passages("mot " * 200, limit=100)
    assert all(0 < len(p.text) <= 100 for p in passages)
    assert " ".join(p.text for p in passages).split() == ["mot"] * 200


def test_line_numbers_follow_the_original_file() -> None:
    text = "Titre du document\n\nPremière ligne du corps\net la seconde.\n\n\nDernier paragraphe."
    passages = _passages(text)
    assert [(p.line_start, p.line_end) for p in passages] == [(1, 1), (3, 4), (7, 7)]
    assert [p.zone for p in passages] == ["heading", "body", "body"]


def test_aligned_columns_and_pipes_are_tables() -> None:
    text = (
        "Le tableau suivant résume les montants versés.\n\n"
        "Pays      Montant     Année\nChine     2 000       2019\n\n"
        "| Pays | Montant | Année |\n| --- | --- | --- |\n| Chine | 2 000 | 2019 |\n"
    )
    zones = [p.zone for p in _passages(text)]
    assert zones[0] == "body"
    assert zones[1:] and set(zones[1:]) == {"table"}


def test_footnote_zone_needs_a_defined_note() -> None:
    text = "Le texte cite Interpol1 et l’ONU2.\n\n1. Interpol, site.\n\n2. ONU, rapport."
    zones = [p.zone for p in _passages(text)]
    assert zones == ["body", "footnote", "footnote"]
    assert [p.zone for p in _passages("1. Acheter du pain.\n\n2. Rentrer.")] == ["body", "body"]
