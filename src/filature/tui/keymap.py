"""The parts of the app listed by the help screen, each with the classes whose bindings apply
there (the help screen is given this list: it imports no other screen)."""

from __future__ import annotations

from textual.app import App
from textual.dom import DOMNode

from filature.tui.screens.curation import CurationScreen
from filature.tui.screens.document import DocumentScreen
from filature.tui.screens.entity_menu import EntityMenu
from filature.tui.screens.find import FindScreen
from filature.tui.screens.frequencies import FrequenciesScreen
from filature.tui.screens.help import HelpScreen, Sections
from filature.tui.screens.jump import JumpScreen
from filature.tui.screens.main import MainScreen
from filature.tui.screens.network import NetworkScreen
from filature.tui.screens.notes import NotesScreen
from filature.tui.widgets.document_text import DocumentText
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.entity_pane import EntityPane
from filature.tui.widgets.excerpt_list import ExcerptList
from filature.tui.widgets.network_tree import NetworkTree
from filature.tui.widgets.relations_tree import RelationsTree


def help_sections(app: type[App[object]] | type[DOMNode]) -> Sections:
    """Every part of the app, ``app`` (the application class) first."""
    return [
        ("Everywhere", [app]),
        ("Main screen", [MainScreen]),
        ("Entities", [EntityPane, EntityList]),
        ("Relations", [RelationsTree]),
        ("Excerpts", [ExcerptList]),
        ("Jump to entity (ctrl+k, /)", [JumpScreen]),
        ("Find text (ctrl+f)", [FindScreen]),
        ("Entity menu and curation (ctrl+e)", [EntityMenu]),
        ("Curation decisions (ctrl+u)", [CurationScreen]),
        ("Document", [DocumentScreen, DocumentText]),
        ("Network (F5): who is around the entity", [NetworkScreen, NetworkTree]),
        ("Notes (F6): starred items (ctrl+n stars one)", [NotesScreen]),
        ("Frequencies (F7): entities by type and by document", [FrequenciesScreen]),
        ("Help", [HelpScreen]),
    ]
