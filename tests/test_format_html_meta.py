"""The page metadata read_html keeps is the one trafilatura's whole metadata extraction finds:
meta tags, JSON-LD, bylines in the markup, canonical link, dates, site names."""

from __future__ import annotations

import pytest
import trafilatura
from trafilatura.metadata import extract_metadata

from filature.ingest.formats.htmlmeta import page_metadata

_DATE = {"extensive_search": False, "original_date": True}
_TEXT = "<p>Le ministère a signé un accord de coopération policière avec Europol.</p>"
_PAGES = [
    ("", '<span class="byline">Par Jean Martin</span>'),
    ("", '<div id="Author">Claire Dupont Rédactrice</div>'),
    ("", '<a rel="author" href="/auteurs/pm">Paul Martin</a>'),
    ("", '<p class="writer">Anne Lefèvre</p>'),
    ("", '<div data-component="Byline">Marc Girard</div>'),
    ("", '<span itemprop="author">Victor Hugo</span><time datetime="2019-05-06">6 mai</time>'),
    ("", "<author>Émile Zola</author>"),
    ("", '<div class="post-author-name">Guy de Maupassant</div>'),
    ("", '<div class="author"><span class="date">12 mars 2020</span>Jules Verne</div>'),
    ('<meta name="author" content="Marie Curie">', ""),
    ('<meta name="author" content="Anonyme">', '<span class="byline">Louise Michel</span>'),
    (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished":'
        ' "2020-01-02", "author": {"@type": "Person", "name": "Jean Valjean"}}</script>',
        "",
    ),
    ('<meta property="og:site_name" content="lemonde">', "<p>Publié le 2021-03-04</p>"),
    ('<link rel="canonical" href="https://www.example.org/2018/07/09/article">', ""),
    ("", '<p class="username">@dupont</p>'),
    ("", ""),
]


@pytest.mark.parametrize(("head", "body"), _PAGES)
@pytest.mark.parametrize("title", ["", "<title>Accord de coopération - Le Site</title>"])
def test_the_fields_read_are_trafilatura_s(head: str, body: str, title: str) -> None:
    body = f"<body><h1>Accord</h1><div>{_TEXT}{body}</div></body>"
    tree = trafilatura.load_html(f"<html><head>{title}{head}</head>{body}</html>")
    expected = extract_metadata(tree, None, dict(_DATE), False, None)
    found = page_metadata(tree, _DATE, with_title=True)
    assert (found.author, found.date, found.sitename, found.title) == (
        expected.author,
        expected.date,
        expected.sitename,
        expected.title,
    )
