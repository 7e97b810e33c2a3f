"""The relations of the selected entity, grouped by type, co-occurrences collapsed apart."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from filature.query import RelationRow
from filature.tui.render import flat, relation_detail, relation_heading

MAX_CO_OCCURRENCES = 300


class RelationsTree(Tree[RelationRow | None]):
    """Stated relations by type, then a collapsed "Co-occurrences" group; Enter jumps."""

    @dataclass
    class Focused(Message):
        """The cursor is on a relation (or on a heading: None)."""

        relation: RelationRow | None

    @dataclass
    class Jump(Message):
        """Enter on a relation: show its counterpart."""

        entity_id: int

    def __init__(self, *, id: str | None = None) -> None:
        """An empty tree."""
        super().__init__("Relations", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.rows: list[RelationRow] = []
        self._co_node: TreeNode[RelationRow | None] | None = None

    def show(self, rows: list[RelationRow]) -> None:
        """Replace the tree with these relations."""
        self.rows = rows
        self.clear()
        stated = [r for r in rows if not r.is_co_occurrence]
        co = [r for r in rows if r.is_co_occurrence]
        groups: dict[str, list[RelationRow]] = {}
        for row in stated:
            groups.setdefault(relation_heading(row), []).append(row)
        for heading, members in groups.items():
            node = self.root.add(_heading(heading, len(members)), expand=True)
            for row in members:
                node.add_leaf(_label(row), row)
        # Filled when first opened: a big entity has hundreds, and making them costs a redraw.
        self._co_node = None
        if co:
            self._co_node = self.root.add(
                _heading("Co-occurrences", len(co)), expand=False, allow_expand=True
            )
        if not rows:
            self.root.add_leaf(Text("No relations recorded for this entity.", style="dim italic"))
        self.cursor_line = 0

    def render_label(
        self, node: TreeNode[RelationRow | None], base_style: Style, style: Style
    ) -> Text:
        """A node's label; on the cursor line without the dim of its details, too faint on
        the cursor's colours."""
        label = super().render_label(node, base_style, style)
        if node.line == self.cursor_line:
            label.stylize(Style(dim=False))
        return label

    @property
    def current(self) -> RelationRow | None:
        """The relation under the cursor, if any."""
        node = self.cursor_node
        return node.data if node is not None else None

    @on(Tree.NodeExpanded)
    def _fill_co_occurrences(self, event: Tree.NodeExpanded[RelationRow | None]) -> None:
        event.stop()
        node = self._co_node
        if event.node is not node or node is None or node.children:
            return
        co = [r for r in self.rows if r.is_co_occurrence]
        for row in co[:MAX_CO_OCCURRENCES]:
            node.add_leaf(_label(row), row)
        if len(co) > MAX_CO_OCCURRENCES:
            node.add_leaf(Text(f"… and {len(co) - MAX_CO_OCCURRENCES:,} more", style="dim"))

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[RelationRow | None]) -> None:
        event.stop()
        self.post_message(self.Focused(event.node.data))

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[RelationRow | None]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.Jump(event.node.data.counterpart_id))


def _heading(title: str, count: int) -> Text:
    return Text.assemble((title, "bold"), (f"  {count:,}", "dim"))


def _label(row: RelationRow) -> Text:
    arrow = "→ " if row.direction == "out" else "← "
    if row.is_co_occurrence:
        arrow = "~ "
    return Text.assemble(
        (arrow, "bold"),
        (flat(row.counterpart_name), "bold" if not row.is_co_occurrence else ""),
        ("  " + relation_detail(row), "dim"),
    )
