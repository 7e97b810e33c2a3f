"""The same quality on every format (issue 14), against gold lists written by reading.

``test_format_gold_files_are_sound`` checks the per-format gold files (tests/gold/formats/ and
the non-seed gold files that name originals). ``test_format_scores_hold`` builds every file of
every such gold (the text and its saved page, the PDF and its ODT, the PDF, HTML and ODT that
have no text twin) with the real pipeline and no curation file, prints the per-format table
beside raw fr_core_news_md, and ratchets filature's figures per file and format against
tests/gold/format_floors.toml, less ``MARGIN``. Re-measure with
``python tests/format_scoring.py --write-floors`` and review the diff of the floors file.
"""

from __future__ import annotations

import pytest

from filature.models import ENTITY_TYPES
from format_scoring import (
    FORMAT_FLOORS_FILE,
    FORMATS_GOLD_DIR,
    files_of,
    format_gold,
    format_table,
    run,
    values,
)
from nonseed_gold import corpora_dir, document_passages, gold_mentions, load_gold
from nonseed_table import load_floors

MARGIN = 0.02
TWIN_MARGIN = 0.02
"""How far a saved page may fall below its text twin on typed and complete entities."""
FORMATS = {"txt", "html", "pdf", "odt"}


def test_format_gold_files_are_sound() -> None:
    """Each per-format gold names a document and known types, and its files cover the text,
    HTML, PDF and ODT formats; with the corpus here, every form occurs in its document."""
    golds = format_gold()
    assert len(load_gold(FORMATS_GOLD_DIR)) >= 3, f"expected the gold files in {FORMATS_GOLD_DIR}"
    covered = {file.rsplit(".", 1)[-1] for gold in golds for file in files_of(gold)}
    assert covered >= FORMATS, covered
    corpora = corpora_dir()
    for gold in golds:
        assert gold.genre and gold.document, gold.file
        for item in gold.entities:
            assert item["type"] in ENTITY_TYPES and item["forms"], (gold.file.name, item)
        if corpora is not None and (corpora / gold.document).is_file():
            _, absent = gold_mentions(gold, document_passages(corpora / gold.document))
            assert not absent, (gold.file.name, absent)


@pytest.mark.slow
def test_format_scores_hold() -> None:
    """Every file of the per-format gold keeps its figures, format by format, and a saved
    page reads within ``TWIN_MARGIN`` of its text twin."""
    if corpora_dir() is None:
        pytest.skip("shared/corpora (the development corpus) is absent: formats not scored")
    rows, skipped = run()
    print("\n" + format_table(rows))
    assert not skipped, skipped
    floors = load_floors(FORMAT_FLOORS_FILE)
    remeasure = (
        f"re-measure: python tests/format_scoring.py --write-floors ({FORMAT_FLOORS_FILE.name})"
    )
    below = []
    for row in rows:
        floor = floors.get(row.key)
        if floor is None or floor.get("file") != row.file:
            below.append(f"{row.key}: no floors for {row.file}; {remeasure}")
            continue
        measured = values(row.filature)
        below += [
            f"{row.key} {key}: {measured[key]:.3f} < floor {value:.3f} - {MARGIN}"
            for key, value in floor.items()
            if isinstance(value, float) and measured[key] < value - MARGIN
        ]
    assert not below, "\n".join(below)
    by_file = {row.file: row for row in rows}
    for gold in format_gold():
        if not gold.document.endswith(".txt"):
            continue
        text = values(by_file[gold.document].filature)
        for original in gold.originals:
            other = values(by_file[original].filature)
            for key in ("typed", "complete"):
                assert other[key] >= text[key] - TWIN_MARGIN, (original, key, other, text)
