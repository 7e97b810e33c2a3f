"""The relation rules' lemmatizer, made from the model's tables as plain dictionaries, writes
exactly the lemmas of the model's own lemmatizer (spaCy's tables, loaded the slow way)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from filature.extract.nlp import MODEL, NOT_LOADED
from filature.extract.relations.lemmas import LOOKUPS, HashedTable, lemma, load_lookups

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_a_hashed_table_reads_like_a_spacy_table(nlp: Any) -> None:
    from spacy.lookups import Lookups

    stock = Lookups()
    stock.from_disk(Path(nlp.path) / LOOKUPS.parent)
    ours = load_lookups(Path(nlp.path) / LOOKUPS)
    assert (
        set(ours.tables)
        == set(stock.tables)
        == {
            "lemma_lookup",
            "lemma_rules",
            "lemma_exc",
            "lemma_index",
        }
    )
    lookup = ours.get_table("lemma_lookup")
    assert isinstance(lookup, HashedTable)
    assert len(lookup) == len(stock.get_table("lemma_lookup")) > 100_000
    for word in ("signé", "polices", "coopérations", "nullepartmot"):
        assert lookup.get(word) == stock.get_table("lemma_lookup").get(word)
        assert (word in lookup) == (word in stock.get_table("lemma_lookup"))
    assert "nullepartmot" not in lookup and lookup.get("nullepartmot", "x") == "x"


def test_lemmas_are_the_model_lemmatizers(nlp: Any) -> None:
    import spacy

    assert "lemmatizer" not in nlp.pipe_names and "lemmatizer" in NOT_LOADED
    stock = spacy.load(MODEL, exclude=[c for c in NOT_LOADED if c != "lemmatizer"])
    texts = [p.read_text(encoding="utf-8")[:20_000] for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        pytest.skip(f"no seed documents in {SEEDS}")
    compared = 0
    for text in texts:
        ours, theirs = nlp(text), stock(text)
        assert [t.text for t in ours] == [t.text for t in theirs]
        for mine, model in zip(ours, theirs, strict=True):
            assert mine.pos_ == model.pos_, mine.text
            assert lemma(mine) == model.lemma_, (mine.text, mine.pos_)
            compared += 1
    assert compared > 5_000
