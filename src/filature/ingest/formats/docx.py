"""Word documents (``.docx``): paragraphs, headings, tables, footnotes and endnotes, and the
title, author and date of ``docProps/core.xml``, read from the OOXML parts directly.

python-docx is not used: it does not expose footnotes or endnotes and needs lxml. Tags are
matched by local name, so transitional and strict OOXML both read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from filature.ingest.formats.base import FormatText, Unreadable
from filature.ingest.formats.layout import Layout, Notes, guarded
from filature.ingest.formats.package import Package, declared

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_NAME = re.compile(r"^(?:heading|titre|überschrift|título|titolo)\s*\d$|^(?:title|titre)$")
_COVER_NAME = re.compile(r"^(?:title|titre|subtitle|sous-titre)$")
_LARGE_HALF_POINTS = 40
"""Type of 20 points or more (``w:sz`` counts half-points) before the first heading makes a
line of the title page; Word's body text is 11 points, its Title style 28."""
_COVER_LINE = 150
COVER_JOIN = " – "
"""Between the lines of a title page in the title they make."""
_TOC_NAME = re.compile(r"^(?:toc|tm|table of contents)\s*\d*$|^(?:toc heading|en-tête de table)")
_SKIPPED = frozenset(
    {"del", "delText", "instrText", "footnoteRef", "endnoteRef", "fldData", "Fallback"}
)


def local(tag: str) -> str:
    """An element's tag without its namespace."""
    return tag.rpartition("}")[2]


def attr(element: Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace."""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None


def child(element: Element, name: str) -> Element | None:
    """The first child with that local name."""
    return next((c for c in element if local(c.tag) == name), None)


def _target(package: Package, rels_part: str, kind: str, default: str) -> str | None:
    """The part a relationship of ``kind`` points to, from a ``.rels`` part (or ``default``)."""
    if package.has(rels_part):
        base = posixpath.dirname(posixpath.dirname(rels_part))
        for rel in package.xml(rels_part):
            if (attr(rel, "Type") or "").endswith("/" + kind):
                target = attr(rel, "Target") or ""
                path = (
                    target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
                )
                path = posixpath.normpath(path)
                return path if package.has(path) else None
    return default if package.has(default) else None


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _large(rpr: Element | None) -> bool:
    size = child(rpr, "sz") if rpr is not None else None
    value = attr(size, "val") if size is not None else None
    return value is not None and value.isdigit() and int(value) >= _LARGE_HALF_POINTS


class _Styles:
    """Which paragraph styles are headings (or a table of contents), from ``styles.xml``."""

    def __init__(self, root: Element | None) -> None:
        self.headings: set[str] = set()
        self.toc: set[str] = set()
        self.cover: set[str] = set()
        self.large: set[str] = set()
        if root is None:
            return
        for style in root:
            if local(style.tag) != "style" or attr(style, "type") != "paragraph":
                continue
            ident = attr(style, "styleId") or ""
            name_el = child(style, "name")
            name = (attr(name_el, "val") or "").casefold() if name_el is not None else ""
            ppr = child(style, "pPr")
            level = child(ppr, "outlineLvl") if ppr is not None else None
            if _HEADING_NAME.match(name) or (level is not None and attr(level, "val") != "9"):
                self.headings.add(ident)
            if _TOC_NAME.match(name):
                self.toc.add(ident)
            if _COVER_NAME.match(name) or _COVER_NAME.match(ident.casefold()):
                self.cover.add(ident)
            if _large(child(style, "rPr")):
                self.large.add(ident)

    def cover_line(self, paragraph: Element, text: str) -> bool:
        """A line of a title page: Title or Subtitle style, or large type, and short."""
        if not text or len(text) > _COVER_LINE:
            return False
        ppr = child(paragraph, "pPr")
        style = child(ppr, "pStyle") if ppr is not None else None
        ident = attr(style, "val") if style is not None else None
        if ident and (
            ident in self.cover or ident in self.large or _COVER_NAME.match(ident.casefold())
        ):
            return True
        runs = [r for r in paragraph if local(r.tag) == "r" and child(r, "t") is not None]
        return bool(runs) and all(_large(child(r, "rPr")) for r in runs)

    def kind(self, paragraph: Element) -> str:
        """``heading``, ``toc``, ``item`` (of a list) or ``body`` for a ``w:p``."""
        ppr = child(paragraph, "pPr")
        if ppr is None:
            return "body"
        style = child(ppr, "pStyle")
        ident = attr(style, "val") if style is not None else None
        level = child(ppr, "outlineLvl")
        if ident in self.toc:
            return "toc"
        if ident in self.headings or (level is not None and attr(level, "val") != "9"):
            return "heading"
        if ident and _HEADING_NAME.match(ident.casefold()):
            return "heading"
        numbering = child(ppr, "numPr")
        number = child(numbering, "numId") if numbering is not None else None
        if number is not None and attr(number, "val") not in (None, "0"):
            return "item"
        return "body"


class _Reader:
    def __init__(self, package: Package, main: str) -> None:
        self.package = package
        rels = _rels_of(main)
        styles = _target(package, rels, "styles", "word/styles.xml")
        self.styles = _Styles(package.xml(styles) if styles else None)
        self.note_bodies = {
            "footnote": self._note_part(rels, "footnotes", "word/footnotes.xml", "footnote"),
            "endnote": self._note_part(rels, "endnotes", "word/endnotes.xml", "endnote"),
        }
        self.notes = Notes()
        self.layout = Layout()
        self.cover: list[str] = []
        self.cover_open = True

    def _note_part(self, rels: str, kind: str, default: str, tag: str) -> dict[str, Element]:
        part = _target(self.package, rels, kind, default)
        if part is None:
            return {}
        found: dict[str, Element] = {}
        for note in self.package.xml(part):
            kind_of = attr(note, "type")
            ident = attr(note, "id")
            if local(note.tag) == tag and ident is not None and kind_of in (None, "normal"):
                found[ident] = note
        return found

    def _text(self, element: Element, extra: list[Element]) -> str:
        """A paragraph's text with footnote calls glued; text boxes go to ``extra``."""
        out: list[str] = []
        for node in element:
            name = local(node.tag)
            if name in _SKIPPED:
                continue
            if name == "t":
                out.append(node.text or "")
            elif name in ("tab", "br", "cr"):
                out.append(" ")
            elif name == "noBreakHyphen":
                out.append("-")
            elif name in ("footnoteReference", "endnoteReference"):
                kind = name.removesuffix("Reference")
                note = self.note_bodies[kind].get(attr(node, "id") or "")
                if note is not None:
                    body = " ".join(self._text(p, []) for p in note.iter() if local(p.tag) == "p")
                    out.append(self.notes.call(body, kind))
            elif name == "txbxContent":
                extra.append(node)
            else:
                out.append(self._text(node, extra))
        return "".join(out)

    def _row(self, row: Element) -> list[str]:
        cells: list[str] = []
        for cell in row:
            if local(cell.tag) == "tc":
                cells.append(" ".join(self._flat(cell)))
        return cells

    def _flat(self, element: Element) -> Iterator[str]:
        """Every paragraph's text under ``element`` (a cell, with any nested table)."""
        for node in element.iter():
            if local(node.tag) == "p":
                yield self._text(node, [])

    def blocks(self, container: Element) -> None:
        for node in container:
            name = local(node.tag)
            if name == "p":
                extra: list[Element] = []
                text = self._text(node, extra)
                kind = self.styles.kind(node)
                line = " ".join(text.split())
                if self.cover_open and line:
                    if self.styles.cover_line(node, line):
                        self.cover.append(line)
                    else:
                        self.cover_open = False
                if kind == "heading":
                    self.layout.heading(text)
                elif kind != "toc":
                    self.layout.paragraph(text, item=kind == "item")
                for box in extra:
                    self.blocks(box)
            elif name == "tbl":
                rows = [self._row(row) for row in node.iter() if local(row.tag) == "tr"]
                self.layout.table(rows)
            elif name in ("sdt", "sdtContent", "customXml", "body", "smartTag"):
                self.blocks(node)


def _core(package: Package) -> tuple[str | None, str | None, str | None]:
    part = _target(package, "_rels/.rels", "core-properties", "docProps/core.xml")
    if part is None:
        return None, None, None
    return declared(package.xml(part), ("creator", "lastModifiedBy"), ("created", "modified"))


@guarded("DOCX")
def read_docx(data: bytes, path: Path) -> FormatText:
    """Read a ``.docx`` file: the body in order, then its notes; ``Unreadable`` with the
    reason for a corrupt, encrypted or oversized package."""
    if data.startswith(_OLE_MAGIC):
        raise Unreadable(
            "password-protected Word file (or an old .doc renamed .docx): save it unprotected "
            "as .docx"
        )
    package = Package(data, "DOCX")
    main = _target(package, "_rels/.rels", "officeDocument", "word/document.xml")
    if main is None:
        raise Unreadable("not a Word document: the package has no word/document.xml")
    reader = _Reader(package, main)
    reader.blocks(package.xml(main))
    reader.layout.notes(reader.notes)
    title, author, date = _core(package)
    cover = COVER_JOIN.join(reader.cover) or None
    return reader.layout.result("DOCX", title=title or cover, author=author, date=date)
