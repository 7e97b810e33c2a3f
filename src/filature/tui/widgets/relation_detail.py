"""The selected relation in full, under the panes: wrapped, never clipped at any width."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from filature.query import Relation, RelationRow
from filature.tui.render import relation_facts


class RelationDetail(Static):
    """Type, direction, counterpart, role, date, amount with currency and period, rule,
    confidence and evidence count of the relation under the cursor; hidden when none is."""

    DEFAULT_CSS = """
    RelationDetail {
        height: auto;
        max-height: 6;
        padding: 0 1;
        background: $boost;
        color: $text;
    }
    RelationDetail.-none { display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        """A hidden detail line (until a relation is selected)."""
        super().__init__(Content(""), id=id, markup=False)
        self.row: RelationRow | None = None
        self.add_class("-none")

    def show(self, row: RelationRow | None, relation: Relation | None = None) -> None:
        """Describe ``row`` (with ``relation``'s amount, period and rule when read), or hide."""
        self.row = row
        if row is None:
            self.add_class("-none")
            self.update(Content(""))
            return
        self.update(relation_facts(row, relation))
        self.remove_class("-none")
