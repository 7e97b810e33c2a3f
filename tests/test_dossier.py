"""The dossier: relations grouped and cited, document text kept as data in Markdown and HTML."""

from __future__ import annotations

import html
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from filature.dossier import dossier, md_escape, write_dossier
from filature.export.files import ExportProblem
from filature.query.resolve import resolve_entity
from filature.store.connect import open_readonly
from test_export_data import HOSTILE

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "em",
                "strong", "ul", "li", "blockquote", "cite", "hr"}  # fmt: skip


class Page(HTMLParser):
    """Tags, headings and (quote, citation) pairs of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.sections: dict[str, list[tuple[str, str]]] = {}
        self.quotes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._stack: list[str] = []
        self._heading = ""
        self._quote: list[str] = []
        self._cite: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._stack.append(tag)
        if tag in ("h2", "h3"):
            self._heading = ""
        if tag == "blockquote":
            self._quote, self._cite = [], []

    def handle_endtag(self, tag: str) -> None:
        while self._stack and self._stack.pop() != tag:
            pass
        if tag == "blockquote":
            pair = (" ".join("".join(self._quote).split()), " ".join("".join(self._cite).split()))
            self.quotes.append(pair)
            self.sections.setdefault(self._heading, []).append(pair)

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._stack and self._stack[-1] in ("h2", "h3"):
            self._heading += data
        if "blockquote" in self._stack:
            (self._cite if "cite" in self._stack else self._quote).append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    return parser


def _markdown_html(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def test_relations_are_grouped_by_type_with_their_evidence_cited(
    conn: sqlite3.Connection,
) -> None:
    page = parse(dossier(conn, resolve_entity(conn, "Meng Hongwei"), "html"))
    assert page.tags <= ALLOWED_TAGS
    cited = page.sections["holds a role at"]
    assert ("« Meng Hongwei, membre du parti communiste et vice-ministre de la Sécurité publique "
            "depuis le 10 avril 2004, est élu président d'Interpol »",
            "La Chine et la sécurité mondiale, 001_chine_interpol.txt, lines 4\N{EN DASH}5"
            ) in cited  # fmt: skip
    assert any(q.startswith("« vice-ministre de la Sécurité publique") for q, _ in cited)
    text = "".join(page.text)
    stated, _, rest = text.partition("Mentioned with (co-occurrence, not a stated relation)")
    assert "Xi Jinping" not in stated
    assert "Xi Jinping (person): named together in 2 passages" in rest


def test_markdown_renders_the_same_content(conn: sqlite3.Connection) -> None:
    md = dossier(conn, resolve_entity(conn, "Meng Hongwei"), "md")
    page = parse(_markdown_html(md))
    assert page.tags <= {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "blockquote", "br",
                         "hr"}  # fmt: skip
    quotes = [q for q, _ in page.quotes]
    assert any("est élu président d'Interpol" in q for q in quotes)
    assert any("001_chine_interpol.txt, lines 4\N{EN DASH}5" in q for q in quotes)


def test_hostile_document_text_stays_text_in_markdown(conn: sqlite3.Connection) -> None:
    md = dossier(conn, resolve_entity(conn, "Interpol"), "md")
    rendered = _markdown_html(md)
    page = parse(rendered)
    assert page.tags <= {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "blockquote", "br",
                         "hr"}  # fmt: skip
    assert "<script" not in rendered and "<a " not in rendered and "<code" not in rendered
    visible = " ".join("".join(page.text).split())
    expected = " ".join(HOSTILE.replace("\x1b", "\N{SYMBOL FOR ESCAPE}").split())
    assert expected in visible
    assert "\x1b" not in md
    for line in md.splitlines():
        if "HYPERLINK" in line:
            assert line.lstrip().startswith(">") or line.startswith("- **")


def test_hostile_document_text_is_escaped_in_html(conn: sqlite3.Connection) -> None:
    page_html = dossier(conn, resolve_entity(conn, "Interpol"), "html")
    page = parse(page_html)
    assert page.tags <= ALLOWED_TAGS
    assert "<script>" not in page_html and "<b>" not in page_html
    visible = " ".join("".join(page.text).split())
    assert " ".join(HOSTILE.replace("\x1b", "\N{SYMBOL FOR ESCAPE}").split()) in visible
    assert "Content-Security-Policy" in page_html
    hostile = parse(dossier(conn, resolve_entity(conn, "#10"), "html"))
    assert hostile.tags <= ALLOWED_TAGS
    assert html.unescape("Société &lt;b&gt;Nord&lt;/b&gt;") in "".join(hostile.text)


def test_md_escape_leaves_no_active_markup() -> None:
    for text in ["*a* _b_ `c` [d](e) <f> &amp; ~~g~~ | h # i \\ j ![k](l)", "x\n\n# y\n---"]:
        rendered = MarkdownIt("commonmark").enable("strikethrough").render(md_escape(text))
        assert re.fullmatch(r"<p>[^<]*</p>\n", rendered), rendered


def test_write_dossier_default_path_and_refusals(
    conn: sqlite3.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write_dossier(conn, resolve_entity(conn, "Pékin"), "html")
    assert path == Path("exports/dossiers/pekin.html")
    assert "<h1>Pékin</h1>" in path.read_text(encoding="utf-8")
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportProblem, match="is a folder"):
        write_dossier(conn, 1, "md", tmp_path / "folder")
    with pytest.raises(ExportProblem, match="Unknown dossier format"):
        dossier(conn, 1, "pdf")  # type: ignore[arg-type]


@pytest.mark.slow
def test_meng_hongwei_dossier_cites_his_election_and_his_ministry_post(seed_db: Path) -> None:
    conn = open_readonly(seed_db)
    page = parse(dossier(conn, resolve_entity(conn, "Meng Hongwei"), "html"))
    conn.close()

    def cited(pattern: str, line: int) -> bool:
        for quote, cite in page.quotes:
            # the IRSEM note is cited by its documents.toml label, without its path
            found = re.search(r"^IRSEM, NR 135, lines? (\d+)(?:\N{EN DASH}(\d+))?$", cite)
            if found and re.search(pattern, quote.replace("\N{RIGHT SINGLE QUOTATION MARK}", "'")):
                first, last = int(found[1]), int(found[2] or found[1])
                if first <= line <= last:
                    return True
        return False

    assert cited(r"est élu président d'Interpol", 215), page.quotes
    assert cited(r"vice-ministre de la Sécurité publique", 214), page.quotes
