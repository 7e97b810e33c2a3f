"""Real titles everywhere in the explorer (issue 14): the excerpt headers and the document view
name a document as ``filature.cite`` does, by its ``documents.toml`` label when it has one
(``Rapport Lisbonne, p. 1``), else by its title (with the path and lines for a text file),
never by its path alone; the copy key cites the same. A real build of a PDF and a text file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from filature import cite
from filature.build import build
from filature.tui.app import make_app
from filature.tui.screens.document import DocumentScreen
from filature.tui.widgets.excerpt_list import ExcerptList
from pdfmaker import Page, TextLine, make_pdf
from pilotkit import jump, settle

pytestmark = pytest.mark.anyio

LABEL = "Rapport Lisbonne"
TITLE = "La présidence portugaise du Conseil en 2007"
PDF_LINES = [
    "José Sócrates a présidé le Conseil européen à Lisbonne en octobre 2007.",
    "Le Premier ministre portugais a ouvert la conférence intergouvernementale.",
]
TEXT = (
    "Note de synthèse sur le traité\n\n"
    "José Sócrates a signé le traité de Lisbonne au nom du Portugal en décembre 2007.\n"
)


@pytest.fixture(scope="module")
def labelled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("titles")
    folder = root / "corpus"
    folder.mkdir()
    page = Page([TextLine(line, 760 - 16 * i) for i, line in enumerate(PDF_LINES)])
    (folder / "rapport.pdf").write_bytes(make_pdf([page]))
    (folder / "note.txt").write_text(TEXT, encoding="utf-8")
    (folder / "documents.toml").write_text(
        f'[[document]]\npath = "rapport.pdf"\ntitle = "{TITLE}"\nlabel = "{LABEL}"\n',
        encoding="utf-8",
    )
    db = root / "filature.db"
    (root / "none.toml").write_bytes(b"")
    build(folder, db, curation=root / "none.toml", use_cache=False)
    return db


def _headers(pilot: Pilot[None]) -> list[str]:
    excerpts = pilot.app.screen.query_one(ExcerptList)
    return [
        str(excerpts.get_option_at_index(i).prompt).split("\n", 1)[0]
        for i in range(excerpts.option_count)
    ]


async def test_excerpt_headers_and_document_view_use_the_label(labelled_db: Path) -> None:
    app = make_app(labelled_db, system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await jump(pilot, "José Sócrates")
        headers = _headers(pilot)
        assert f"{LABEL}, p. 1" in headers, headers
        text_header = next(h for h in headers if not h.startswith(LABEL))
        assert text_header.startswith("Note de synthèse sur le traité, note.txt, line"), headers
        assert not any("rapport.pdf" in h or h.startswith(TITLE) for h in headers), headers

        excerpts = app.main.query_one(ExcerptList)
        excerpts.focus()
        excerpts.highlighted = headers.index(f"{LABEL}, p. 1")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        heading = str(app.screen.query_one("#doc-title", Static).content)
        assert heading.startswith(f"{LABEL}  {TITLE} · rapport.pdf · "), heading
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard.endswith(f"» — {LABEL}, p. 1"), app.clipboard


def test_the_header_is_the_citation() -> None:
    """The header's two parts joined are the citation the copy key writes."""
    parts = cite.reference_parts("T", "a.txt", 3, 5, label=None)
    assert parts == ("T", "a.txt, lines 3\N{EN DASH}5")
    assert ", ".join(parts) == cite.reference("T", "a.txt", 3, 5)
    assert cite.reference_parts("T", "a.pdf", 4, 7, 12, 13, label="L") == (
        "L",
        "pp. 12\N{EN DASH}13",
    )
    assert cite.document_name("T", "L") == "L" and cite.document_name("T", None) == "T"
