"""The relations of the selected entity, grouped by type, co-occurrences collapsed apart.

A group shows its first ``PAGE`` relations, then a line "… N more" that shows the next
``MORE`` when chosen (Enter or a click): an entity with thousands of relations is drawn in a
few milliseconds (the tree measures every line it holds), and every relation stays in reach."""

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

PAGE = 10
"""Relations a group shows at first."""
MORE = 200
"""Relations a "… N more" line adds when chosen."""


@dataclass(frozen=True)
class More:
    """The data of a "… N more" line: the rows of its group not shown yet."""

    rows: tuple[RelationRow, ...]


class RelationsTree(Tree[RelationRow | More | None]):
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
        self._co_node: TreeNode[RelationRow | More | None] | None = None

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
            _fill(node, members, PAGE)
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
        self, node: TreeNode[RelationRow | More | None], base_style: Style, style: Style
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
        data = node.data if node is not None else None
        return data if isinstance(data, RelationRow) else None

    @on(Tree.NodeExpanded)
    def _fill_co_occurrences(self, event: Tree.NodeExpanded[RelationRow | More | None]) -> None:
        event.stop()
        node = self._co_node
        if event.node is not node or node is None or node.children:
            return
        _fill(node, [r for r in self.rows if r.is_co_occurrence], PAGE)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[RelationRow | More | None]) -> None:
        event.stop()
        data = event.node.data
        self.post_message(self.Focused(data if isinstance(data, RelationRow) else None))

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[RelationRow | More | None]) -> None:
        event.stop()
        data = event.node.data
        if isinstance(data, RelationRow):
            self.post_message(self.Jump(data.counterpart_id))
        elif isinstance(data, More) and event.node.parent is not None:
            self.show_more(event.node)

    def show_more(self, node: TreeNode[RelationRow | More | None]) -> None:
        """Replace a "… N more" line by the next ``MORE`` relations of its group (the cursor
        stays on the line, now the first of them)."""
        data, group = node.data, node.parent
        if not isinstance(data, More) or group is None:
            return
        line = node.line
        node.remove()
        _fill(group, list(data.rows), MORE)
        self.cursor_line = line


def _fill(node: TreeNode[RelationRow | More | None], rows: list[RelationRow], count: int) -> None:
    """Add the first ``count`` of ``rows`` under ``node``, then a "… N more" line if any
    remain."""
    for row in rows[:count]:
        node.add_leaf(_label(row), row)
    if len(rows) > count:
        rest = tuple(rows[count:])
        label = Text(f"… {len(rest):,} more (Enter shows {min(MORE, len(rest)):,})", style="dim")
        node.add_leaf(label, More(rest))


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
