"""The Notes view (F6): every note of ``notes.toml`` with what it points to in this
database; Enter goes to the item, ``e`` edits the note, ``d`` removes it (both confirmed),
``u`` undoes the last note step of the session."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from filature.export.views import View, notes_view
from filature.notes.entries import Note, load_notes
from filature.problems import CurationError
from filature.query.views import NoteRecord
from filature.tui.catalog import Catalog
from filature.tui.explorer import explorer
from filature.tui.noting import Notary
from filature.tui.render import flat, source_line
from filature.tui.screens.prompts import TextPrompt
from filature.tui.widgets.key_footer import KeyFooter

KIND_ICON = {"entity": "●", "relation": "→", "excerpt": "❝"}


def shown_path(path: Path) -> Path:
    """``path`` relative to the working folder when it is inside it, else whole."""
    here = Path.cwd()
    return path.relative_to(here) if path.is_relative_to(here) else path


def note_content(record: NoteRecord) -> Content:
    """A note as listed: a star, what it points to, the note, its date and, for an excerpt,
    its citation (or that it is no longer found)."""
    parts: list[Content | str] = [
        Content(f"★ {KIND_ICON.get(record.kind, '•')} {record.kind}  ").stylize("$text-warning"),
        Content(flat(record.label)).stylize("bold"),
    ]
    if record.date:
        parts.append(Content(f"  {flat(record.date)[:10]}").stylize("$text-muted"))
    parts.append("\n")
    parts.append(
        Content(flat(record.note)).stylize("italic")
        if record.note
        else Content("(a star without a note)").stylize("$text-muted")
    )
    if not record.found:
        parts += ["\n", Content("not found in this database").stylize("$text-error")]
    elif record.excerpt is not None:
        parts += ["\n", source_line(record.excerpt)]
    return Content.assemble(*parts)


class NotesScreen(Screen[None]):
    """Every note; Enter goes to what it stars."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f6", "app.pop_screen", "Close", tooltip="Back to the main screen"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted note (asks first)"),
        Binding("d,delete", "remove", "Remove", tooltip="Remove the highlighted note (asks first)"),
        Binding("u", "undo", "Undo", tooltip="Undo the last note added, edited or removed"),
    ]

    def __init__(self, catalog: Catalog, notary: Notary) -> None:
        """The notes of ``catalog``'s database, changed through ``notary``."""
        super().__init__()
        self.catalog = catalog
        self.notary = notary
        self.records: list[NoteRecord] = []
        self.notes: tuple[Note, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="notes-title", markup=False)
        yield OptionList(id="notes-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#notes-list").focus()

    def on_screen_resume(self) -> None:
        """Back from a document or a dialog: the file may have changed meanwhile."""
        if self.is_mounted:
            self.reload()

    def reload_data(self) -> None:
        """Read the notes again (the database was rebuilt, or decisions were made)."""
        self.reload()

    def reload(self) -> None:
        """Read the notes file again and list its notes (the cursor stays in place)."""
        listing = self.query_one("#notes-list", OptionList)
        keep = listing.highlighted or 0
        title = self.query_one("#notes-title", Static)
        try:
            path = self.notary.path()
            self.notes = load_notes(path)
            self.records = self.catalog.notes()
        except CurationError as exc:
            self.notes, self.records = (), []
            listing.clear_options()
            title.update(Content(flat(str(exc))).stylize("$text-error"))
            return
        listing.clear_options()
        listed = [Option(note_content(record)) for record in self.records]
        for option in listed:
            option._divider = True
        listing.add_options(listed)  # at once: one by one, each laid the list out again
        if not self.records:
            empty = "No note yet: ctrl+n on the main screen stars the highlighted item."
            listing.add_option(Option(Content(empty).stylize("italic $text-muted"), disabled=True))
        else:
            listing.highlighted = min(keep, len(self.records) - 1)
        count = len(self.records)
        listing.border_title = "Notes"
        listing.border_subtitle = f"{count:,} note{'s' if count != 1 else ''}"
        title.update(
            Content.assemble(
                Content("Notes in ").stylize("$text-muted"),
                Content(flat(str(shown_path(path)))),
                Content("  Enter goes to it · e edits · d removes · u undoes").stylize(
                    "$text-muted"
                ),
            )
        )

    def _current(self) -> tuple[int, NoteRecord] | None:
        index = self.query_one("#notes-list", OptionList).highlighted
        if index is None or index >= len(self.records):
            return None
        return index, self.records[index]

    @on(OptionList.OptionSelected, "#notes-list")
    def _go(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index >= len(self.records):
            return
        record = self.records[event.option_index]
        app = explorer(self)
        if record.entity is not None:
            app.open_entity(record.entity.id)
        elif record.relation is not None:
            app.open_entity(record.relation.source.id)
        elif record.excerpt is not None:
            app.open_document(record.excerpt)
        else:
            self.notify(
                f"{flat(record.label)} is not in this database.", severity="warning", markup=False
            )

    def _note(self, index: int) -> Note | None:
        if index < len(self.notes):
            return self.notes[index]
        self.notify("The notes file changed; listed again.", markup=False)
        self.reload()
        return None

    def action_edit(self) -> None:
        """Edit the highlighted note (the change is confirmed)."""
        current = self._current()
        if current is None:
            return
        index, record = current
        note = self._note(index)
        if note is None:
            return

        def written(text: str | None) -> None:
            if text is not None and " ".join(text.split()) != note.text:
                self.notary.ask_change(index, note, " ".join(text.split()) or None)

        hint = "Enter saves (asks first) · empty removes the note · Esc cancels"
        prompt = TextPrompt(f"Edit the note on {flat(record.label)}", note.text, hint)
        self.app.push_screen(prompt, written)

    def action_remove(self) -> None:
        """Remove the highlighted note (after confirmation)."""
        current = self._current()
        if current is not None and (note := self._note(current[0])) is not None:
            self.notary.ask_change(current[0], note, None)

    def action_undo(self) -> None:
        """Undo the session's last note step."""
        self.notary.undo()

    @on(Notary.Changed)
    def _changed(self) -> None:
        self.reload()

    def current_view(self) -> View:
        """The notes as listed, for export (quotes cited)."""
        return notes_view(self.records)
