"""The main screen as an exportable view (ctrl+o): the entity list as shown (type, order,
scope and filter applied), or, when the excerpts pane has the focus, its excerpts cited."""

from __future__ import annotations

from filature.export.views import Quote, View
from filature.query.text import printable_line
from filature.tui.render import type_name
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.excerpt_list import ExcerptList


def entity_list_view(entities: EntityList, title: str) -> View:
    """Every entity the list shows, in its order, with its counts and first date."""
    rows = []
    for row in entities.rows:
        facts = entities.facts.get(row.id)
        documents = "" if facts is None else str(facts.documents)
        first = "" if facts is None or facts.first_date is None else facts.first_date.text
        cited = "" if facts is None else ("footnotes only" if facts.cited_only else "body")
        rows.append(
            (
                printable_line(row.name),
                type_name(row.type),
                str(row.mention_count),
                documents,
                printable_line(first),
                cited,
            )
        )
    columns = ("name", "type", "mentions", "documents", "first date", "named in")
    return View(title, columns, tuple(rows), tuple(() for _ in rows))


def excerpts_view(excerpts: ExcerptList, title: str) -> View:
    """The excerpts loaded in the pane, each with its document, place and citation."""
    rows = []
    quotes = []
    for excerpt in excerpts.excerpts:
        where = excerpt.reference(
            excerpt.document_title, excerpt.document_path, excerpt.document_label or ""
        )
        rows.append((printable_line(excerpt.text), printable_line(where)))
        quotes.append((Quote(printable_line(excerpt.text), printable_line(where)),))
    return View(title, ("excerpt", "citation"), tuple(rows), tuple(quotes))
