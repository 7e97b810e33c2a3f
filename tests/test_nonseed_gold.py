"""Extraction on documents nobody tuned it for (issue 13), against gold lists written by reading.

``test_gold_files_are_sound`` checks the gold files themselves. ``test_nonseed_scores_hold``
builds every gold document with the real pipeline and no curation file, prints the table
(filature beside raw fr_core_news_md) and ratchets filature's figures: each genre must stay at
or above the floors measured when its gold files were written, less ``MARGIN``. When a figure
rises, raise its floor; when gold files are added or changed, re-measure with
``python tests/nonseed_scoring.py`` (it prints the values to paste here).
"""

from __future__ import annotations

from collections import Counter

import pytest

from filature.extract.relations.lexicon import load_relation_lexicon
from filature.models import ENTITY_TYPES
from nonseed_gold import GOLD_DIR, corpora_dir, form_key, gold_mentions, load_gold
from nonseed_scoring import format_table, ratchet_values, run
from test_relations_gold import norm

MARGIN = 0.02
# Measured on 2026-12-03 (gold of 3 press and 2 court documents), before any change for issue 13.
FLOORS: dict[str, dict[str, float]] = {
    "court": {
        "typed": 0.545,
        "complete": 0.432,
        "rel_p": 0.000,
        "rel_r": 0.000,
        "person_p": 0.818,
        "person_r": 0.783,
        "organization_p": 0.688,
        "organization_r": 0.458,
        "place_p": 0.438,
        "place_r": 0.583,
    },
    "press": {
        "typed": 0.768,
        "complete": 0.732,
        "rel_p": 0.500,
        "rel_r": 0.118,
        "person_p": 1.000,
        "person_r": 0.651,
        "organization_p": 0.889,
        "organization_r": 0.769,
        "place_p": 0.937,
        "place_r": 1.000,
    },
}


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
            text = (corpora / doc.document).read_text(encoding="utf-8")
            _, absent = gold_mentions(doc, (text,))
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
    below = []
    for genre, scores in sorted(report.genres.items()):
        values = ratchet_values(scores.filature)
        floors = FLOORS.get(genre)
        if floors is None:
            below.append(f"{genre}: no floors yet; measured {values}")
            continue
        below += [
            f"{genre} {key}: {values[key]:.3f} < floor {floor:.3f} - {MARGIN}"
            for key, floor in floors.items()
            if values[key] < floor - MARGIN
        ]
    assert not below, "\n".join(below)
