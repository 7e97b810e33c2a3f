"""The same content read from a text file and from a PDF made of it gives the same entities:
the PDF's running headers, page numbers and page breaks change nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from filature.extract.run import extract_all
from filature.ingest.corpus import read_one
from filature.models import Document
from pdfmaker import Page, TextLine, make_pdf

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED = "000_3b2d99de569546c0.txt"
LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl"})
LINES_PER_PAGE = 40


def _pdf(text: str) -> bytes:
    pages: list[Page] = []
    lines = text.splitlines()
    for number, first in enumerate(range(0, len(lines), LINES_PER_PAGE), start=1):
        page = Page([TextLine("Mission de coopération criminologique – MCC", 800, size=8)])
        y = 760.0
        for line in lines[first : first + LINES_PER_PAGE]:
            if line.strip():
                page.lines.append(TextLine(line, y, size=10))
            y -= 14 if line.strip() else 8
        page.lines.append(TextLine(f"- {number} -", 40, x=280, size=8))
        pages.append(page)
    return make_pdf(pages)


def _entities(document: Document, nlp: Any) -> set[tuple[str, str]]:
    extraction = extract_all([document], nlp=nlp)
    return {(entity.name, entity.type) for entity in extraction.entities}


def test_seed_text_and_its_pdf_give_the_same_entities(tmp_path: Path, nlp: Any) -> None:
    text = (SEEDS / SEED).read_text(encoding="utf-8").translate(LIGATURES)
    (tmp_path / "brochure.txt").write_text(text, encoding="utf-8")
    (tmp_path / "brochure.pdf").write_bytes(_pdf(text))
    from_text, _ = read_one(tmp_path / "brochure.txt", tmp_path, 1 << 24)
    from_pdf, report = read_one(tmp_path / "brochure.pdf", tmp_path, 1 << 24)
    assert from_text is not None and from_pdf is not None, report
    assert from_pdf.pages is not None and from_pdf.pages >= 5
    assert "Mission de coopération criminologique" not in from_pdf.text
    text_entities = _entities(from_text, nlp)
    assert len(text_entities) >= 10
    assert _entities(from_pdf, nlp) == text_entities
