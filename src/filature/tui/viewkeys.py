"""The workbench's views, defined once: their names in the command palette, their keys, the
app actions they run and what they show. The app's bindings, the palette and the help's
headings are all made from this table."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class WorkbenchView:
    """One view (or command over views): ``name`` in the palette, ``label`` in the footer."""

    name: str
    key: str
    action: str
    label: str
    summary: str
    in_footer: bool = False

    @property
    def heading(self) -> str:
        """The view's name with its key, as the help titles its section."""
        return f"{self.name} ({self.key})"

    def binding(self) -> Binding:
        """The app-wide binding that opens the view."""
        return Binding(
            self.key,
            self.action,
            self.label,
            show=self.in_footer,
            tooltip=f"{self.name}: {self.summary}",
        )


# The footer is full at 80 columns: only the table and the timeline are shown there; every view
# is in the help, the palette and the README.
WORKBENCH_VIEWS = (
    WorkbenchView(
        "Relations table",
        "f3",
        "relations_table",
        "Table",
        "every relation of a type, sortable, amounts per source and year",
        in_footer=True,
    ),
    WorkbenchView(
        "Timeline",
        "f4",
        "timeline",
        "Timeline",
        "dated relations by year (entity or corpus)",
        in_footer=True,
    ),
    WorkbenchView(
        "Network", "f5", "network", "Network", "who is around the selected entity, by relation type"
    ),
    WorkbenchView(
        "Notes", "f6", "notes", "Notes", "every starred entity, relation and excerpt with its note"
    ),
    WorkbenchView(
        "Frequencies", "f7", "frequencies", "Frequencies", "entities counted by type and document"
    ),
    WorkbenchView(
        "Export view",
        "ctrl+o",
        "export_view",
        "Export",
        "the view on screen to CSV, Markdown or the clipboard",
    ),
)
VIEWS_BY_ACTION = {view.action: view for view in WORKBENCH_VIEWS}
