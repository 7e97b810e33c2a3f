"""Export the current view (ctrl+o): the screen's ``current_view()`` written to CSV or
Markdown beside the database (or to a path typed), or copied to the clipboard as Markdown;
the app then says where it went."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from textual.app import App
from textual.screen import Screen

from filature.export.files import ExportProblem
from filature.export.views import View, ViewFormat, view_markdown, view_size, write_view
from filature.text import fold
from filature.tui.screens.prompts import ChoicePrompt, TextPrompt

CHOICES = (
    ("CSV file (opens in a spreadsheet)", "csv"),
    ("Markdown file (a table, quotes cited below it)", "md"),
    ("Clipboard (Markdown)", "clipboard"),
)
NOTHING = (
    "This screen has no table to export: press ctrl+o on the main screen (the entity list, or "
    "the excerpts when they have the focus) or in a view (f3 to f7)."
)


class _Copier(Protocol):
    def copy_text(self, text: str, what: str) -> None: ...


def exportable(screen: Screen[object]) -> Callable[[], View] | None:
    """The screen's ``current_view`` method, if it has one."""
    method = getattr(screen, "current_view", None)
    return method if callable(method) else None


def file_stem(title: str) -> str:
    """A file name made of the view's title: ``Relations: funds`` -> ``relations-funds``."""
    words = re.findall(r"[a-z0-9]+", fold(title).lower())
    return "-".join(words)[:60] or "view"


def default_path(folder: Path, title: str, fmt: ViewFormat) -> Path:
    """A path in ``folder`` named after the view that no file holds yet."""
    stem = file_stem(title)
    path = folder / f"{stem}.{fmt}"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}.{fmt}"
        number += 1
    return path


def resolve(typed: str, folder: Path) -> Path:
    """The path typed, ``~`` expanded, a relative one taken from ``folder``."""
    path = Path(typed.strip()).expanduser()
    return path if path.is_absolute() else folder / path


class ViewExporter:
    """Asks how to export the view of the screen on top, then writes or copies it."""

    def __init__(self, app: App[None], copier: _Copier, folder: Path) -> None:
        """Exports for ``app``, copied through ``copier``, files beside ``folder``."""
        self.app = app
        self.copier = copier
        self.folder = folder
        self.last = "csv"
        """The last choice, offered first the next time."""

    def start(self) -> None:
        """Take the view of the screen on top and ask what to do with it."""
        make = exportable(self.app.screen)
        if make is None:
            self.app.notify(NOTHING, title="Export view", severity="warning", markup=False)
            return
        view = make()
        rows = view_size(view)
        title = f"Export {view.title} ({rows:,} row{'s' if rows != 1 else ''})"
        self.app.push_screen(
            ChoicePrompt(title, CHOICES, self.last), lambda c: self._chosen(view, c)
        )

    def _chosen(self, view: View, choice: str | None) -> None:
        if choice is None:
            return
        self.last = choice
        if choice == "clipboard":
            self.copier.copy_text(view_markdown(view), f"view “{view.title}” (Markdown)")
            return
        fmt: ViewFormat = "csv" if choice == "csv" else "md"
        path = default_path(self.folder, view.title, fmt)
        hint = "Enter writes · Esc cancels · a relative path is taken from the database's folder"
        self.app.push_screen(
            TextPrompt(f"Write {view.title} to", str(path), hint),
            lambda typed: self._write(view, fmt, typed),
        )

    def _write(self, view: View, fmt: ViewFormat, typed: str | None) -> None:
        if typed is None or not typed.strip():
            return
        path = resolve(typed, self.folder)
        replaced = path.exists()
        try:
            written = write_view(view, path, fmt)
        except ExportProblem as problem:
            self._failed(f"{problem.message} Fix: {problem.fix}.")
            return
        except OSError as error:
            self._failed(
                f"Could not write {path}: {error.strerror or error}. Fix: choose another path."
            )
            return
        rows = view_size(view)
        what = "Replaced" if replaced else "Wrote"
        self.app.notify(
            f"{what} {written} ({rows:,} row{'s' if rows != 1 else ''}, quotes cited).",
            title="Exported",
            timeout=10,
            markup=False,
        )

    def _failed(self, message: str) -> None:
        self.app.notify(message, title="Not exported", severity="error", markup=False)
