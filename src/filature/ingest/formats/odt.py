"""OpenDocument text (``.odt``): paragraphs, headings, lists, tables and notes from
``content.xml``, and the title, author and date of ``meta.xml``."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from filature.ingest.formats.base import FormatText, Unreadable
from filature.ingest.formats.docx import COVER_JOIN, attr, local
from filature.ingest.formats.layout import Layout, Notes, guarded
from filature.ingest.formats.package import Package, declared

_MIMETYPE = "application/vnd.oasis.opendocument.text"
_CONTAINERS = frozenset({"text", "section", "list", "list-header"})
_SKIPPED = frozenset(
    {
        "tracked-changes",
        "sequence-decls",
        "variable-decls",
        "user-field-decls",
        "forms",
        "table-of-content",
        "illustration-index",
        "alphabetical-index",
        "object-index",
        "user-index",
        "bibliography",
        "annotation",
        "annotation-end",
        "note-citation",
    }
)
_TITLE_STYLES = frozenset({"title", "titre"})
_COVER_STYLES = _TITLE_STYLES | {"subtitle", "sous-titre"}
_LARGE_TYPE_PT = 20.0
"""Type at least this large (points) on a paragraph before the first heading makes it a line
of the title page; body text is 10 to 12 points, LibreOffice's Title style 28."""
_COVER_LINE = 150
_POINTS = {"pt": 1.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "in": 72.0, "pc": 12.0}
_SIZE = re.compile(r"([\d.]+)\s*(pt|cm|mm|in|pc)")


def _points(value: str | None) -> float | None:
    match = _SIZE.fullmatch((value or "").strip())
    if match is None:
        return None
    try:
        return float(match.group(1)) * _POINTS[match.group(2)]
    except ValueError:
        return None


class _Reader:
    def __init__(self, root: Element) -> None:
        self.notes = Notes()
        self.layout = Layout()
        self.title: str | None = None
        self.cover: list[str] = []
        self.cover_open = True
        self.parents: dict[str, str] = {}
        self.sizes: dict[str, float] = {}
        for node in root.iter():
            if local(node.tag) == "style" and attr(node, "family") == "paragraph":
                name, parent = attr(node, "name"), attr(node, "parent-style-name")
                if name and parent:
                    self.parents[name] = parent
                for props in node:
                    size = _points(attr(props, "font-size"))
                    if name and local(props.tag) == "text-properties" and size is not None:
                        self.sizes[name] = size

    def _ancestry(self, style: str | None) -> list[str]:
        chain: list[str] = []
        while style and style not in chain:
            chain.append(style)
            style = self.parents.get(style)
        return chain

    def _title_style(self, style: str | None) -> bool:
        return any(name.casefold() in _TITLE_STYLES for name in self._ancestry(style))

    def _cover_line(self, style: str | None, text: str) -> bool:
        """A line of the title page: Title or Subtitle style, or large type, short."""
        chain = self._ancestry(style)
        size = next((self.sizes[name] for name in chain if name in self.sizes), 0.0)
        return len(text) <= _COVER_LINE and (
            size >= _LARGE_TYPE_PT or any(name.casefold() in _COVER_STYLES for name in chain)
        )

    def _on_cover(self, style: str | None, text: str) -> None:
        """Collect the title page's lines until the first heading or ordinary paragraph."""
        line = " ".join(text.split())
        if not self.cover_open or not line:
            return
        if self._cover_line(style, line):
            self.cover.append(line)
        else:
            self.cover_open = False

    def _text(self, element: Element, extra: list[Element]) -> str:
        """A paragraph's text, notes called by their glued number; frames go to ``extra``."""
        out = [element.text or ""]
        for node in element:
            name = local(node.tag)
            if name == "s":
                out.append(" " * int(attr(node, "c") or "1"))
            elif name in ("tab", "line-break"):
                out.append(" ")
            elif name == "note":
                kind = attr(node, "note-class") or "footnote"
                body = next((c for c in node if local(c.tag) == "note-body"), None)
                text = (
                    " ".join(self._text(p, []) for p in body.iter() if _is_para(p)) if body else ""
                )
                out.append(self.notes.call(text, kind))
            elif name == "frame":
                extra.append(node)
            elif name not in _SKIPPED:
                out.append(self._text(node, extra))
            out.append(node.tail or "")
        return "".join(out)

    def _cells(self, row: Element) -> list[str]:
        cells: list[str] = []
        for cell in row:
            if local(cell.tag) == "table-cell":
                cells.append(" ".join(self._text(p, []) for p in cell.iter() if _is_para(p)))
        return cells

    def blocks(self, container: Element, *, item: bool = False) -> None:
        """Write the blocks under ``container``; the first paragraph of a list ``item`` gets
        the bullet."""
        for node in container:
            name = local(node.tag)
            if name == "list-item":
                self.blocks(node, item=True)
            elif name in ("p", "h"):
                extra: list[Element] = []
                text = self._text(node, extra)
                if name == "p":
                    self._on_cover(attr(node, "style-name"), text)
                if name == "h":
                    self.cover_open = False
                    self.layout.heading(text)
                elif self._title_style(attr(node, "style-name")) and text.strip():
                    self.layout.heading(text)
                    self.title = self.title or " ".join(text.split())
                else:
                    self.layout.paragraph(text, item=item)
                    item = item and not text.strip()
                for frame in extra:
                    for box in frame.iter():
                        if local(box.tag) == "text-box":
                            self.blocks(box)
            elif name == "table":
                rows = [self._cells(r) for r in node.iter() if local(r.tag) == "table-row"]
                self.layout.table(rows)
            elif name in _CONTAINERS:
                self.blocks(node)


def _is_para(node: Element) -> bool:
    return local(node.tag) in ("p", "h")


def _meta(package: Package) -> tuple[str | None, str | None, str | None]:
    if not package.has("meta.xml"):
        return None, None, None
    nodes = package.xml("meta.xml").iter()
    return declared(nodes, ("initial-creator", "creator"), ("creation-date", "date"))


@guarded("ODT")
def read_odt(data: bytes, path: Path) -> FormatText:
    """Read an ``.odt`` file: the body in order, then its notes; ``Unreadable`` with the
    reason for a corrupt, encrypted or oversized package, or another kind of document."""
    package = Package(data, "ODT")
    if package.has("mimetype"):
        mimetype = package.read("mimetype").decode("ascii", "replace").strip()
        if mimetype != _MIMETYPE and not mimetype.startswith(_MIMETYPE + "-"):
            raise Unreadable(f"not an OpenDocument text: its type is {mimetype!r}")
    if package.has("META-INF/manifest.xml") and any(
        local(node.tag) == "encryption-data" for node in package.xml("META-INF/manifest.xml").iter()
    ):
        raise Unreadable("password-protected OpenDocument file: save it without a password")
    root = package.xml("content.xml")
    reader = _Reader(root)
    for node in root.iter():
        if local(node.tag) == "body":
            for text in node:
                if local(text.tag) == "text":
                    reader.blocks(text)
    reader.layout.notes(reader.notes)
    title, author, date = _meta(package)
    cover = COVER_JOIN.join(reader.cover) or None
    return reader.layout.result(
        "ODT", title=title or cover or reader.title, author=author, date=date
    )
