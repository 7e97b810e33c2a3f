"""The parts of the app listed by the help screen, each with the classes whose bindings apply
there and the keys of Textual's widgets said in filature's words; then the arrows and glyphs,
and what only the command line does (the help screen is given this list: it imports no other
screen)."""

from __future__ import annotations

from textual.app import App
from textual.dom import DOMNode

from filature.tui.render import TYPE_ICON, TYPE_STYLE, type_name
from filature.tui.screens.curation import CurationScreen
from filature.tui.screens.document import DocumentScreen
from filature.tui.screens.entity_menu import EntityMenu
from filature.tui.screens.evidence import EvidenceScreen
from filature.tui.screens.find import FindScreen
from filature.tui.screens.frequencies import FrequenciesScreen
from filature.tui.screens.help import HelpScreen, Row, Section, Sections
from filature.tui.screens.jump import JumpScreen
from filature.tui.screens.main import MainScreen
from filature.tui.screens.network import NetworkScreen
from filature.tui.screens.notes import NotesScreen
from filature.tui.screens.relations_table import RelationsTableScreen
from filature.tui.screens.timeline import TimelineScreen
from filature.tui.viewkeys import VIEWS_BY_ACTION
from filature.tui.widgets.document_text import DocumentText
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.entity_pane import EntityPane
from filature.tui.widgets.network_tree import NetworkTree
from filature.tui.widgets.relation_grid import RelationGrid

MOVE = "↑ ↓ pgup pgdn home end"

ARROWS = (
    Row("→", "The entity shown is the source: “Member of → Interpol” (it is a member)", "bold"),
    Row("←", "The entity shown is the target: “Has as member ← Meng Hongwei”", "bold"),
    Row("~", "Named in the same passages (a co-occurrence, not a stated relation)", "bold"),
    Row("N passages", "How many passages support a relation (in the detail line: all of it)"),
    Row("count", "After an entity's name in the list: its mentions"),
)

CLI_ONLY = (
    Row("filature build", "Build or rebuild a database (--ocr, --explain-drops, --workers)"),
    Row("filature export", "The whole map as json, csv, graphml, gexf or ftm (Aleph)"),
    Row("filature dossier", "The dossier as HTML too (--format html; ctrl+e d writes Markdown)"),
    Row("--json", "Any listing as JSON: entities, show, relations, search, find"),
    Row("filature --help", "Every command and option"),
)


def _titled(action: str) -> str:
    """A workbench view's heading with what it shows."""
    view = VIEWS_BY_ACTION[action]
    return f"{view.heading}: {view.summary}"


def glyph_rows() -> tuple[Row, ...]:
    """One line per entity type: its glyph, in its colour, and its name."""
    return tuple(
        Row(icon, type_name(etype), f"bold {TYPE_STYLE[etype]}")
        for etype, icon in TYPE_ICON.items()
    )


def help_sections(app: type[App[object]] | type[DOMNode]) -> Sections:
    """Every part of the app, ``app`` (the application class) first."""
    return [
        Section(
            "Everywhere",
            [app],
            (Row("ctrl+p", "Command palette: jump to an entity, change theme, and more"),),
        ),
        Section(
            "Main screen",
            [MainScreen],
            (
                Row("tab, shift+tab", "Next pane, previous pane"),
                Row(
                    "typing",
                    "From any pane, whatever you type goes to the name filter (never a command)",
                ),
                Row("click", "Select; double-click an entity to open its relations"),
            ),
        ),
        Section("Entities", [EntityPane, EntityList]),
        Section(
            "Relations",
            [],
            (
                Row(MOVE, "Move; the line under the panes shows the relation in full"),
                Row("⏎", "On a relation: jump to the counterpart; on a heading: open or close it"),
                Row("space", "Open or close a group (Co-occurrences opens on demand)"),
            ),
        ),
        Section(
            "Excerpts",
            [],
            (
                Row(MOVE, "Move between excerpts"),
                Row("⏎", "Open the passage in its document"),
            ),
        ),
        Section("Jump to entity (ctrl+k)", [JumpScreen]),
        Section(
            "Find text (ctrl+f)",
            [FindScreen],
            (Row("⏎", "In the box: go to the results; on a result: open it in its document"),),
        ),
        Section("Entity menu and curation (ctrl+e)", [EntityMenu]),
        Section("Curation decisions (ctrl+u)", [CurationScreen]),
        Section(VIEWS_BY_ACTION["relations_table"].heading, [RelationsTableScreen, RelationGrid]),
        Section(VIEWS_BY_ACTION["timeline"].heading, [TimelineScreen]),
        Section("Evidence of a relation (Enter in the table or the timeline)", [EvidenceScreen]),
        Section(
            "Document",
            [DocumentScreen, DocumentText],
            (Row(MOVE, "Move between passages"),),
        ),
        Section(_titled("network"), [NetworkScreen, NetworkTree]),
        Section(_titled("notes") + " (ctrl+n stars one)", [NotesScreen]),
        Section(_titled("frequencies"), [FrequenciesScreen]),
        Section("Help", [HelpScreen]),
        Section("Arrows and counts", [], ARROWS),
        Section("Entity types", [], glyph_rows()),
        Section("Only on the command line", [], CLI_ONLY),
    ]
