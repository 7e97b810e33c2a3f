"""The filature explorer: the App, its global keys, copying, and the ``make_app`` factory."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import events, work
from textual.app import App, ScreenStackError
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import WorkerFailed

from filature.curation.session import CurationSession
from filature.query import Excerpt, FuzzyHit
from filature.query.text import printable, printable_line
from filature.store.connect import DatabaseProblem, rebuild_command
from filature.tui.catalog import Catalog
from filature.tui.commands import EntityCommands, ViewCommands
from filature.tui.explorer import Explorer
from filature.tui.exporting import ViewExporter
from filature.tui.keymap import help_sections
from filature.tui.screens.document import DocumentScreen
from filature.tui.screens.find import FindScreen
from filature.tui.screens.help import HelpScreen
from filature.tui.screens.jump import JumpScreen
from filature.tui.screens.main import MainScreen
from filature.tui.themes import THEMES as FILATURE_THEMES
from filature.tui.viewkeys import WORKBENCH_VIEWS
from filature.tui.watch import WATCH_SECONDS, Watcher
from filature.tui.workarounds import install as install_workarounds
from filature.tui.workarounds import open_command_palette, palette_open
from filature.tui.workbench import WorkbenchApp

THEMES = tuple(theme.name for theme in FILATURE_THEMES)
install_workarounds()


class FilatureApp(WorkbenchApp):
    """Browse the actors of a corpus: entities, relations, excerpts, documents."""

    TITLE = "filature"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {EntityCommands, ViewCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012 (Textual's API)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+k", "jump", "Jump", tooltip="Jump to an entity by name (fuzzy)"),
        Binding("ctrl+f", "find", "Find text", tooltip="Search the text of every passage"),
        Binding("f1", "help", "Help", tooltip="Every key, explained"),
        *(view.binding() for view in WORKBENCH_VIEWS),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False, tooltip="Switch light and dark"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, tooltip="Quit, from anywhere"),
    ]

    def __init__(self, catalog: Catalog, *, system_clipboard: bool = True) -> None:
        """An app over an opened catalog; ``system_clipboard`` also copies with wl-copy/xclip."""
        super().__init__()
        self.catalog = catalog
        self.system_clipboard = system_clipboard
        self.sub_title = catalog.path.name
        self.watcher = Watcher(self)
        self.exporter = ViewExporter(self, self, catalog.path.parent)
        self.startup_note: str | None = None
        self._busy_said = 0.0
        self.busy_pending = False
        self._ending_with: str | None = None
        """A read met a locked database: the views are reloaded once it is free."""
        catalog.on_busy = self._database_busy
        for theme in FILATURE_THEMES:
            self.register_theme(theme)

    def on_mount(self) -> None:
        self.theme = THEMES[0]
        self.push_screen(MainScreen(self.catalog))  # which calls warm_index once it is drawn
        self.set_interval(WATCH_SECONDS, self.watcher.check)
        self.call_after_refresh(self._warn_curation_file)

    def _warn_curation_file(self) -> None:
        """Say at once when the curation file is invalid (the explorer then only reads), or
        else what opening did with it."""
        problem = self.curation.file_problem()
        if problem is not None:
            self.notify(
                problem, title="Curation file", severity="warning", timeout=60, markup=False
            )
        elif self.startup_note:
            self.notify(self.startup_note, title="Curation", severity="warning", markup=False)

    async def on_event(self, event: events.Event) -> None:
        """Typing on the main screen goes to the name filter in the order it was typed."""
        if isinstance(event, events.Key):
            try:
                screen: Screen[object] | None = self.screen
            except ScreenStackError:  # a key still queued while the app shuts down
                screen = None
            if isinstance(screen, MainScreen) and screen.take_typing(event):
                event.stop()
                return
        await super().on_event(event)

    @property
    def curation(self) -> CurationSession:
        """The session recording this app's curation decisions."""
        return self.watcher.session

    def _database_busy(self, message: str) -> None:
        """Say (at most every 5 s, from any thread) that a read met a locked database."""
        if threading.get_ident() != self._thread_id:
            with contextlib.suppress(RuntimeError):  # the app is closing
                self.call_from_thread(self._database_busy, message)
            return
        self.busy_pending = True
        if time.monotonic() - self._busy_said > 5:
            self._busy_said = time.monotonic()
            self.notify(message, title="Database busy", severity="warning", markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """A database that became unreadable while open (truncated, replaced by garbage) ends
        the app with a one-line message and exit status 2; anything else is Textual's."""
        if self._ending_with is not None:
            return  # a second worker failing on the same damaged file: one message is enough
        cause = error.error if isinstance(error, WorkerFailed) else error
        if not isinstance(cause, sqlite3.DatabaseError | DatabaseProblem):
            super()._handle_exception(error)
            return
        path = self.catalog.path
        detail = cause.message if isinstance(cause, DatabaseProblem) else str(cause)
        code = getattr(cause, "sqlite_errorcode", None)
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            message = (
                f"filature: {path} stayed locked by another process ({detail}). "
                "Fix: let that process finish (or stop it), then open the database again."
            )
        else:
            message = (
                f"filature: {path} can no longer be read ({detail}): it was changed or damaged "
                f"while the explorer had it open. Fix: {rebuild_command(path)}, then open it "
                "again."
            )
        from rich.text import Text

        self._ending_with = message
        self.exit(return_code=2, message=Text(printable_line(message), style="bold red"))

    @work(thread=True, exclusive=True, group="index")
    def _warm_index(self) -> None:
        self.catalog.fuzzy_index()
        # Most objects alive now (modules, screens, the index) last as long as the app: keep
        # the garbage collector from walking them again and again.
        gc.freeze()

    def warm_index(self) -> None:
        """Build the fuzzy index in a thread (again, after curation changed the database)."""
        self._warm_index()

    async def run_in_thread_for_palette(
        self, function: Callable[[str, int], list[FuzzyHit]], text: str, limit: int
    ) -> list[FuzzyHit]:
        """Run a fuzzy search off the event loop (used while the index is still being built)."""
        return await asyncio.to_thread(function, text, limit)

    def action_jump(self) -> None:
        """Open the fuzzy jump (or go back to the one open)."""
        if not self._bring_up(JumpScreen):
            self.push_screen(JumpScreen(self.catalog), self._jump_to)

    def _jump_to(self, entity_id: int | None) -> None:
        if entity_id is not None:
            self.open_entity(entity_id)

    def action_find(self) -> None:
        """Open the full-text search (or go back to the one open, with its results)."""
        if not self._bring_up(FindScreen):
            self.push_screen(FindScreen(self.catalog))

    def action_help(self) -> None:
        """Show every key binding."""
        if not self._bring_up(HelpScreen):
            self.push_screen(HelpScreen(help_sections(type(self))))

    def action_command_palette(self) -> None:
        """Open the command palette (one at most, see ``tui.workarounds``)."""
        open_command_palette(self)

    def action_change_theme(self) -> None:
        """The palette's "Theme" chooser: one at most (Enter repeated in the palette used to
        stack a chooser per key, until rendering them overflowed Python's stack)."""
        if not palette_open(self):
            super().action_change_theme()

    def action_toggle_theme(self) -> None:
        """Switch between Textual's dark and light themes."""
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    def open_entity(self, entity_id: int) -> None:
        """Close any screen above the main one and show an entity there."""
        main = self.main
        while self.screen is not main:
            self.pop_screen()
        main.post_message(MainScreen.Show(entity_id))

    def open_document(self, excerpt: Excerpt) -> None:
        """Open an excerpt's passage in its whole document."""
        if isinstance(self.screen, DocumentScreen):
            self.pop_screen()  # replaced, not stacked
        self.push_screen(DocumentScreen(self.catalog, excerpt.document_id, excerpt.passage_id))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification with its control characters made visible (filature passes
        ``markup=False`` for any text that holds data).

        Textual writes a notification's characters to the terminal as they are: an entity
        name holding ESC would otherwise drive the terminal.
        """
        super().notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def on_unmount(self) -> None:
        self.catalog.close()


EXPLORER: type[Explorer] = FilatureApp
"""What screens and widgets see of the app (mypy checks that the app provides it)."""


def make_app(db_path: Path, *, system_clipboard: bool = True) -> FilatureApp:
    """The explorer over the database at ``db_path``.

    Raises ``store.connect.DatabaseProblem`` (with ``.message`` and ``.fix``) if the database
    is missing, broken or of another schema version, before anything is drawn.
    """
    from filature.curation.sync import sync

    note = sync(db_path)
    app = FilatureApp(Catalog(db_path), system_clipboard=system_clipboard)
    app.startup_note = note
    return app
