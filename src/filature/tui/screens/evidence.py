"""The evidence of one relation: what it says (every attribute, never clipped) and the
passages behind it, each citable and openable in its document."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from filature.export.views import Quote, View
from filature.query import Excerpt, Relation
from filature.query.text import printable_line
from filature.tui.catalog import Catalog
from filature.tui.render import flat
from filature.tui.screens.excerpt_host import ExcerptHost
from filature.tui.widgets.excerpt_list import ExcerptList


def amount_text(value: float | None, currency: str | None) -> str:
    """``2 047 000 EUR`` (spaces between thousands, cents only when there are some)."""
    if value is None:
        return ""
    digits = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return " ".join(p for p in (digits.replace(",", " "), currency or "") if p)


def relation_facts(relation: Relation) -> list[tuple[str, str]]:
    """(name, value) for every attribute the relation has, in reading order."""
    facts = [
        ("role", relation.role or ""),
        ("date", relation.date or ""),
        ("amount", amount_text(relation.amount, relation.currency)),
        ("period", relation.period or ""),
        ("agreement", relation.agreement.name if relation.agreement else ""),
        ("rule", relation.rule),
        ("confidence", f"{relation.confidence:.2f}"),
        ("evidence", f"{len(relation.evidence)} quote{'s' if len(relation.evidence) != 1 else ''}"),
    ]
    return [(name, value) for name, value in facts if value]


def relation_line(relation: Relation) -> Content:
    """``source  → funds →  target`` with the names as data."""
    return Content.assemble(
        Content(flat(relation.source.name)).stylize("bold"),
        Content(f"  → {relation.label} →  ").stylize("$text-muted"),
        Content(flat(relation.target.name)).stylize("bold"),
    )


def facts_content(relation: Relation) -> Content:
    """The relation's attributes on wrapped lines: ``role: président · date: 2016-11-10``."""
    parts: list[Content | str] = []
    for name, value in relation_facts(relation):
        if parts:
            parts.append(Content(" · ").stylize("$text-muted"))
        parts.append(Content(f"{name}: ").stylize("$text-muted"))
        parts.append(Content(flat(value)))
    return Content.assemble(*parts)


class EvidenceScreen(ExcerptHost, ModalScreen[None]):
    """A relation and its supporting passages; Enter opens one in its document."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "dismiss(None)", "Close"),
        Binding(
            "ctrl+c,c", "copy_excerpt", "Copy excerpt", tooltip="Copy the passage with its citation"
        ),
        # A modal screen hides the app's own bindings: ctrl+o is repeated here.
        Binding("ctrl+o", "app.export_view", "Export", tooltip="Export these passages, cited"),
    ]

    def __init__(self, catalog: Catalog, relation: Relation) -> None:
        """The evidence of ``relation``, read from ``catalog``."""
        super().__init__()
        self.catalog = catalog
        self.relation = relation
        self.excerpts: list[Excerpt] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="evidence-box", classes="dialog"):
            yield Static(relation_line(self.relation), id="evidence-relation", markup=False)
            yield Static(facts_content(self.relation), id="evidence-facts", markup=False)
            yield ExcerptList(id="evidence-hits")
            yield Static(
                Content("Enter opens the document · c copies with its citation · Esc closes"),
                id="evidence-status",
                markup=False,
            )

    def on_mount(self) -> None:
        box = self.query_one("#evidence-box")
        box.border_title = Content(f"Evidence: {self.relation.label}")
        self.excerpts = self.catalog.relation_excerpts(self.relation.id)
        hits = self.query_one("#evidence-hits", ExcerptList)
        hits.show(self.excerpts, len(self.excerpts))
        count = len(self.excerpts)
        box.border_subtitle = f"{count} passage{'s' if count != 1 else ''}"
        hits.focus()

    def current_view(self) -> View:
        """The relation's passages as a view: one row each, the quote cited."""
        r = self.relation
        title = f"Evidence: {r.source.name} {r.label} {r.target.name}"
        rows = tuple((r.source.name, r.label, r.target.name, e.reference()) for e in self.excerpts)
        quotes = tuple(
            (Quote(printable_line(self._quoted(e)), printable_line(e.reference())),)
            for e in self.excerpts
        )
        return View(title, ("source", "relation", "target", "passage"), rows, quotes)

    def _quoted(self, excerpt: Excerpt) -> str:
        """The relation's quotes from the excerpt's passage, else the excerpt's text."""
        said = [e.quote for e in self.relation.evidence if e.passage_id == excerpt.passage_id]
        return " … ".join(said) if said else excerpt.text
