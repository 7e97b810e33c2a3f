"""An entity's neighbours as a tree: one branch per relation type (stated ones first, then
co-occurrences), each neighbour expandable to its own neighbours (the second degree), every
branch capped with a "+ N more" line that lists more when chosen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from filature.query.types import EndPoint
from filature.query.views import Neighbour, NeighbourGroup, Network
from filature.tui.render import TYPE_ICON, flat, type_name
from filature.vocabulary import relation_heading

FIRST_CAP = 20
SECOND_CAP = 5
MORE_STEP = 50
ICON_STYLE = {
    "person": "magenta",
    "organization": "blue",
    "place": "green",
    "agreement": "yellow",
    "operation": "red",
    "event": "cyan",
}
Groups = tuple[NeighbourGroup, ...]
Loader = Callable[[int, int, frozenset[int]], Groups]
"""``loader(entity_id, cap, exclude)``: the neighbour groups of an entity."""


@dataclass(frozen=True)
class Item:
    """What a line of the tree stands for."""

    kind: Literal["group", "neighbour", "more"]
    via: EndPoint
    group: NeighbourGroup
    neighbour: Neighbour | None = None
    depth: int = 1


def group_label(group: NeighbourGroup) -> Text:
    """A branch's heading: the relation seen from the entity and how many neighbours."""
    title = (
        relation_heading(group.type, group.side)
        if group.stated
        else "Mentioned with (co-occurrence)"
    )
    return Text.assemble((flat(title), "bold"), (f"  {group.count:,}", "dim"))


def neighbour_label(group: NeighbourGroup, neighbour: Neighbour) -> Text:
    """A neighbour's line: its type icon, name, type and how well the tie is supported."""
    end = neighbour.entity
    support = (
        f"{neighbour.weight:,} passage{'s' if neighbour.weight != 1 else ''} together"
        if not group.stated
        else f"{neighbour.relations:,} relation{'s' if neighbour.relations != 1 else ''}"
    )
    return Text.assemble(
        (TYPE_ICON.get(end.type, "•") + " ", ICON_STYLE.get(end.type, "")),
        (flat(end.name), "bold" if group.stated else ""),
        (f"  {type_name(end.type)} · {support}", "dim"),
    )


class NetworkTree(Tree[Item | None]):
    """The ego network of one entity; Enter on a neighbour recentres on it, right or space
    lists its own neighbours, Enter on "+ N more" lists more."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "open_branch", "Expand", show=False, tooltip="List its neighbours"),
        Binding("left", "close_branch", "Collapse", show=False, tooltip="Fold the branch"),
    ]

    @dataclass
    class Recentre(Message):
        """Enter on a neighbour: show the network around it."""

        entity_id: int

    def __init__(self, loader: Loader, *, id: str | None = None) -> None:
        """An empty tree; ``loader`` reads neighbour groups (the second degree, more lines)."""
        super().__init__("Network", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.loader = loader
        self.center: EndPoint | None = None
        self.groups: Groups = ()
        self.second: dict[int, tuple[EndPoint, Groups]] = {}

    @property
    def known(self) -> frozenset[int]:
        """The centre and its listed first neighbours (left out of the second degree)."""
        first = {n.entity.id for g in self.groups for n in g.neighbours}
        return frozenset(first | ({self.center.id} if self.center else set()))

    def show(self, center: EndPoint, groups: Groups) -> None:
        """Replace the tree with the neighbours of ``center``."""
        self.center = center
        self.groups = groups
        self.second = {}
        self.clear()
        for group in groups:
            self._add_group(self.root, center, group, depth=1)
        if not groups:
            self.root.add_leaf(Text("No neighbour: this entity has no relation.", style="dim"))
        self.cursor_line = 0

    def _add_group(
        self, parent: TreeNode[Item | None], via: EndPoint, group: NeighbourGroup, depth: int
    ) -> None:
        node = parent.add(group_label(group), Item("group", via, group, depth=depth), expand=True)
        self._fill_group(node, via, group, depth)

    def _fill_group(
        self, node: TreeNode[Item | None], via: EndPoint, group: NeighbourGroup, depth: int
    ) -> None:
        for neighbour in group.neighbours:
            item = Item("neighbour", via, group, neighbour, depth)
            if depth == 1:
                node.add(neighbour_label(group, neighbour), item, allow_expand=True)
            else:
                node.add_leaf(neighbour_label(group, neighbour), item)
        if group.more:
            more = Text(group.more_label + " (Enter lists more)", style="italic dim")
            node.add_leaf(more, Item("more", via, group, depth=depth))

    def view(self) -> Network | None:
        """The network as shown: the centre's groups and the second degree opened so far."""
        if self.center is None:
            return None
        return Network(self.center, self.groups, tuple(self.second.values()))

    @property
    def current(self) -> Item | None:
        """The line under the cursor."""
        node = self.cursor_node
        return node.data if node is not None else None

    def action_open_branch(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand and not node.is_expanded:
            node.expand()

    def action_close_branch(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    @on(Tree.NodeExpanded)
    def _second_degree(self, event: Tree.NodeExpanded[Item | None]) -> None:
        event.stop()
        item = event.node.data
        if item is None or item.kind != "neighbour" or item.depth != 1 or event.node.children:
            return
        end = item.neighbour.entity if item.neighbour else None
        if end is None:
            return
        groups = self.loader(end.id, SECOND_CAP, self.known)
        self.second[end.id] = (end, groups)
        for group in groups:
            self._add_group(event.node, end, group, depth=2)
        if not groups:
            event.node.add_leaf(Text("no other neighbour", style="dim italic"))

    @on(Tree.NodeSelected)
    def _chosen(self, event: Tree.NodeSelected[Item | None]) -> None:
        event.stop()
        item = event.node.data
        if item is None:
            return
        if item.kind == "neighbour" and item.neighbour is not None:
            self.post_message(self.Recentre(item.neighbour.entity.id))
        elif item.kind == "group":
            event.node.toggle()
        else:
            self._more(event.node, item)

    def _more(self, node: TreeNode[Item | None], item: Item) -> None:
        """Replace a capped branch by a longer one (``MORE_STEP`` more neighbours)."""
        branch = node.parent
        if branch is None or branch.data is None:
            return
        group = item.group
        exclude = self.known if item.depth == 2 else frozenset()
        wider = self.loader(item.via.id, len(group.neighbours) + MORE_STEP, exclude)
        found = next((g for g in wider if (g.type, g.side) == (group.type, group.side)), None)
        if found is None:
            return
        self._replace(item.via, group, found, item.depth)
        branch.set_label(group_label(found))
        branch.data = Item("group", item.via, found, depth=item.depth)
        branch.remove_children()
        self._fill_group(branch, item.via, found, item.depth)
        listed = len(group.neighbours)
        if listed < len(branch.children):
            self.move_cursor(branch.children[listed])

    def _replace(self, via: EndPoint, old: NeighbourGroup, new: NeighbourGroup, depth: int) -> None:
        if depth == 1:
            self.groups = tuple(new if g is old else g for g in self.groups)
        elif via.id in self.second:
            end, groups = self.second[via.id]
            self.second[via.id] = (end, tuple(new if g is old else g for g in groups))
