"""The title, author, date and site name a saved page declares, as trafilatura's metadata
extraction finds them, without the fields filature does not use.

``trafilatura.bare_extraction(with_metadata=True)`` also looks for categories, tags and a
licence, and its author search copies the tree, prunes it and tests three XPath expressions
whose regular expressions are called back in Python for every element. Here the same steps
run for the four fields read (``PageMetadata``), in the same order, and the author search
runs only when one of the attributes those expressions test holds a substring without which
they match nothing (``_AUTHOR_HINT``, one regular expression over all their values).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from html import unescape
from typing import Any

import trafilatura.metadata
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import line_processing

_FIND_DATE = trafilatura.metadata.find_date  # type: ignore[attr-defined]
"""htmldate's ``find_date``, as trafilatura's metadata extraction calls it."""
_AUTHOR_ATTRIBUTES = XPath(
    "//@class | //@id | //@itemprop | //@rel | //@data-testid | //@data-component"
)
_AUTHOR_ELEMENTS = XPath("boolean(//author | //rel)")
_AUTHOR_HINT = re.compile(
    "uthor|byl|BBL|yline|username|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by"
    "|journalist-name|screenname|writer"
)
"""A substring of every attribute value by which ``trafilatura.xpaths.AUTHOR_XPATHS`` select
an element (they test only these attributes, and ``<author>`` and ``<rel>`` elements)."""
_LONGEST = 10000


def _trimmed(value: str | None) -> str | None:
    """As ``Document.clean_and_trim`` leaves a field."""
    if not isinstance(value, str):
        return value
    if len(value) > _LONGEST:
        value = value[: _LONGEST - 1] + "…"
    return line_processing(unescape(value))


def _may_name_author(tree: HtmlElement) -> bool:
    """Whether trafilatura's author search may find an element in ``tree``."""
    if _AUTHOR_ELEMENTS(tree):
        return True
    return _AUTHOR_HINT.search("\n".join(_AUTHOR_ATTRIBUTES(tree))) is not None


@dataclass(frozen=True)
class PageMetadata:
    """The fields of trafilatura's metadata that ``read_html`` reads; ``title`` only when
    asked for (the page's ``<title>`` comes first)."""

    author: str | None
    date: str | None
    sitename: str | None
    title: str | None


def page_metadata(
    tree: HtmlElement, date_params: dict[str, Any], *, with_title: bool
) -> PageMetadata:
    """The author, date, site name (and title when ``with_title``) of ``tree`` as
    ``trafilatura.metadata.extract_metadata`` gives them with ``date_params`` for htmldate."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with contextlib.suppress(Exception):  # trafilatura logs the error and goes on
        metadata = extract_meta_json(tree, metadata)
    if with_title and not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author and _may_name_author(tree):
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, None)
    metadata.date = _FIND_DATE(tree, **date_params, url=metadata.url)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        site = metadata.sitename.lstrip("@")
        metadata.sitename = (
            site.title() if site and "." not in site and not site[0].isupper() else site
        )
    elif metadata.url:
        match = META_URL.match(metadata.url)
        if match:
            metadata.sitename = match[1]
    return PageMetadata(
        author=_trimmed(metadata.author),
        date=_trimmed(metadata.date),
        sitename=_trimmed(metadata.sitename),
        title=_trimmed(metadata.title) if with_title else None,
    )
