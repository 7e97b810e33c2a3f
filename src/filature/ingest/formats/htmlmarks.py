"""A saved page's reading apparatus, settled before its main text is extracted.

Pages mark things that are not prose with links inside the page and to an editor: note calls
(``Caucase<sup><a href="#cite_note-1">1</a></sup>``) that would otherwise glue their number to
the word ("Caucase1", "en 125810"), back-links from a note to its call (``↑``), and a wiki's
section edit links ("Histoire[modifier | modifier le wikicode]"). These are taken out. Figure
captions, which the extraction drops with their image, are kept as paragraphs where the figure
stood: they are text of the page ("Drapeau du Parti des travailleurs du Kurdistan."). A table
made of links only is a navigation box and is left out, as the extraction leaves out lists
of links.

The rules follow the markup's meaning, not a site: a note call is a superscript made only of
in-page links with a short label; a back-link is an in-page link whose text is only an arrow or
caret; an edit link points to an ``action=edit`` URL; a caption is a ``<figcaption>`` or an
element whose class names a caption, inside a ``<figure>`` or a thumbnail box.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from filature.text import LETTER

_NOTE_LABEL = re.compile(r"\W{0,2}[\w*†‡]{1,4}\W{0,2}")
_SEPARATOR = re.compile(r"\s*[,;]\s*")
_BACKLINK = re.compile(r"[\s↑↩^⤴︎]+")
_EDIT_URL = re.compile(r"[?&](?:ve)?action=edit\b")
_EDIT_LEFTOVER = re.compile(r"[\s\[\]|()]*")
_NAV_LINKS = 10
_NAV_SHARE = 0.9
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "body", "html"})
_CAPTIONS = (
    '//figcaption | //*[contains(@class, "caption")]'
    '[contains(concat(" ", normalize-space(@class), " "), " thumbcaption ")'
    ' or contains(concat(" ", normalize-space(@class), " "), " caption ")]'
)


def _in_page(link: HtmlElement) -> bool:
    return (link.get("href") or "").startswith("#")


def _is_note_call(sup: HtmlElement) -> bool:
    links = list(sup.iter("a"))
    return (
        bool(links)
        and all(_in_page(a) for a in links)
        and _NOTE_LABEL.fullmatch(sup.text_content().strip()) is not None
    )


def _drop_note_calls(tree: HtmlElement) -> None:
    calls = [sup for sup in tree.iter("sup") if _is_note_call(sup)]
    between = [
        sup
        for sup in tree.iter("sup")
        if _SEPARATOR.fullmatch(sup.text_content())
        and sup.getprevious() in calls
        and sup.getnext() in calls
    ]
    for sup in calls:
        if sup.getnext() in calls and _SEPARATOR.fullmatch(sup.tail or ""):
            sup.tail = ""
    for sup in (*between, *calls):
        sup.drop_tree()
    for link in list(tree.iter("a")):
        if (
            _in_page(link)
            and len(link) == 1
            and link[0].tag == "sup"
            and _NOTE_LABEL.fullmatch(link.text_content().strip())
        ):
            link.drop_tree()


def _drop_links(tree: HtmlElement) -> None:
    for link in list(tree.iter("a")):
        href = link.get("href") or ""
        if href.startswith("#") and _BACKLINK.fullmatch(link.text_content() or " "):
            link.drop_tree()
        elif _EDIT_URL.search(href):
            parent = link.getparent()
            link.drop_tree()
            while (
                parent is not None
                and parent.tag not in _HEADINGS
                and _EDIT_LEFTOVER.fullmatch(parent.text_content())
            ):
                above = parent.getparent()
                parent.drop_tree()
                parent = above


def _figure_of(caption: HtmlElement) -> HtmlElement | None:
    node: HtmlElement | None = caption
    while node is not None:
        if node.tag == "figure" or "thumb" in (node.get("class") or "").split():
            return node
        node = node.getparent()
    return None


def _keep_captions(tree: HtmlElement) -> None:
    for caption in list(tree.xpath(_CAPTIONS)):
        figure = _figure_of(caption)
        text = " ".join(caption.text_content().split())
        parent = None if figure is None else figure.getparent()
        if figure is None or parent is None or not text:
            continue
        paragraph = figure.makeelement("p", {})
        paragraph.text = text
        paragraph.tail = figure.tail
        parent.replace(figure, paragraph)


def _letters(text: str) -> int:
    return len(LETTER.findall(text))


def _drop_link_tables(tree: HtmlElement) -> None:
    """A table whose cells are links and nothing else (a navigation box: « Pays d'Asie :
    Afghanistan • Kazakhstan • … ») is the site's, not the page's; the extraction drops a
    list of links but keeps such a table."""
    for table in list(tree.iter("table")):
        cells = list(table.iter("td"))
        links = [a for cell in cells for a in cell.iter("a")]
        if len(links) < _NAV_LINKS:
            continue
        total = sum(_letters(cell.text_content()) for cell in cells)
        linked = sum(_letters(a.text_content()) for a in links)
        if linked >= _NAV_SHARE * total:
            table.drop_tree()


def settle_marks(tree: HtmlElement) -> HtmlElement:
    """``tree`` without note calls, back-links and edit links, its figures replaced by their
    captions, its navigation tables left out (changed in place and returned)."""
    _drop_note_calls(tree)
    _drop_links(tree)
    _keep_captions(tree)
    _drop_link_tables(tree)
    return tree


LINE_MARK = "\u241e"
"""Where a line of a layout table ends (SYMBOL FOR RECORD SEPARATOR): the extraction writes a
table cell as one line, its breaks as spaces, and keeps this printable sign, which
``read_html`` turns back into a paragraph break. A page that already holds it is not marked."""
_BLOCKS = frozenset(
    {"p", "div", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "table"}
)


_LARGE_FONT = 4


def _cells(table: HtmlElement) -> list[list[HtmlElement]]:
    rows = table.xpath("./tr | ./tbody/tr | ./thead/tr | ./tfoot/tr")
    return [row.xpath("./td | ./th") for row in rows]


def _is_layout(table: HtmlElement) -> bool:
    """A table that lays a page out rather than holding data: one cell a row at most."""
    cells = _cells(table)
    return bool(cells) and all(len(row) <= 1 for row in cells)


def _in_heading(node: HtmlElement, cell: HtmlElement) -> bool:
    """Whether ``node`` sits in a heading of the cell, large type or an ``<h1>``-``<h6>``,
    whose line breaks only wrap one title."""
    for above in node.iterancestors():
        if above is cell:
            return False
        size = (above.get("size") or "").strip()
        if above.tag in _HEADINGS or (
            above.tag == "font" and size.isdigit() and int(size) >= _LARGE_FONT
        ):
            return True
    return False


def mark_layout_lines(tree: HtmlElement) -> bool:
    """Each line break and block boundary inside a layout table (a page laid out as one cell,
    its lines separated by ``<br>``) marked with ``LINE_MARK``, so that its paragraphs stay
    apart; False (and nothing changed) when the page already holds the mark."""
    if LINE_MARK in (tree.text_content() or ""):
        return False
    for table in list(tree.iter("table")):
        if not _is_layout(table):
            continue
        for row in _cells(table):
            for cell in row:
                for node in cell.iterdescendants():
                    if not isinstance(node.tag, str):
                        continue
                    owner = next(node.iterancestors("table"), None)
                    if owner is not table:
                        continue
                    if node.tag in _BLOCKS or (node.tag == "br" and not _in_heading(node, cell)):
                        node.tail = LINE_MARK + (node.tail or "")
                    if node.tag in _BLOCKS and node.tag != "table":
                        node.text = LINE_MARK + (node.text or "")
    return True
