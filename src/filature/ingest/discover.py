"""Find the documents of a corpus folder: text files and the formats with a reader, safely."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from filature.ingest.formats import format_suffixes
from filature.ingest.read import rel_path_of
from filature.models import FileReport

HIDDEN_FILE = "hidden file (its name starts with a dot)"
HIDDEN_FOLDER = "hidden folder (its name starts with a dot): not read"
OUTSIDE = "symbolic link to {what} outside the folder: not followed (filature build --follow-links)"


def _document_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in format_suffixes()


def _wanted(name: str) -> bool:
    return not name.startswith(".") and _document_name(name)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class _Walk:
    """One walk of a folder: the documents found and the reports of what was skipped."""

    def __init__(self, root: Path, follow_links: bool) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.follow_links = follow_links
        self.found: list[Path] = []
        self.reports: list[FileReport] = []
        self.seen_dirs: set[tuple[int, int]] = set()
        self.seen_files: dict[tuple[int, int], Path] = {}

    def report(self, path: Path, reason: str) -> None:
        rel = rel_path_of(path, self.root)
        self.reports.append(FileReport(path=rel, status="skipped", reason=reason))

    def entries(self, folder: Path) -> Iterator[os.DirEntry[str]] | None:
        """The folder's entries in name order, or None (reported) if it cannot or must not be
        walked: unreadable, or already visited through a link (a loop)."""
        try:
            info = os.stat(folder)
        except OSError as error:
            self.report(folder, f"cannot open folder: {error.strerror or error}")
            return None
        key = (info.st_dev, info.st_ino)
        if key in self.seen_dirs:
            self.report(folder, "symbolic link loop: folder already visited")
            return None
        self.seen_dirs.add(key)
        try:
            with os.scandir(folder) as scan:
                return iter(sorted(scan, key=lambda entry: entry.name))
        except OSError as error:
            self.report(folder, f"cannot open folder: {error.strerror or error}")
            return None

    def visit(self, entry: os.DirEntry[str]) -> Path | None:
        """Handle one entry; return it if it is a folder to walk into."""
        path = Path(entry.path)
        if entry.name.startswith("."):
            if entry.is_dir():
                self.report(path, HIDDEN_FOLDER)
            elif _document_name(entry.name):
                self.report(path, HIDDEN_FILE)
            return None
        try:
            target = os.stat(path)
        except OSError as error:
            if _wanted(entry.name) or not os.path.splitext(entry.name)[1]:
                reason = "broken symbolic link" if entry.is_symlink() else str(error.strerror)
                if error.errno == errno.ELOOP:
                    reason = "symbolic link loop"
                self.report(path, reason)
            return None
        is_dir = stat.S_ISDIR(target.st_mode)
        if not is_dir and not _wanted(entry.name):
            return None
        outside = entry.is_symlink() and not _inside(os.path.realpath(path), self.real_root)
        if outside and not self.follow_links:
            self.report(path, OUTSIDE.format(what="a folder" if is_dir else "a file"))
            return None
        if is_dir:
            return path
        file_key = (target.st_dev, target.st_ino)
        if file_key in self.seen_files:
            self.report(path, f"same file as {rel_path_of(self.seen_files[file_key], self.root)}")
        else:
            self.seen_files[file_key] = path
            self.found.append(path)
        return None

    def run(self) -> None:
        """Walk depth first, in name order, with a stack (no recursion: any depth works)."""
        first = self.entries(self.root)
        stack = [first] if first is not None else []
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            folder = self.visit(entry)
            if folder is not None:
                inner = self.entries(folder)
                if inner is not None:
                    stack.append(inner)


def discover_files(
    root: Path, *, follow_links: bool = False
) -> tuple[list[Path], list[FileReport]]:
    """Documents under ``root`` (sorted) and skip reports for what is not read.

    Hidden files (documents whose name starts with a dot) and hidden folders are reported as
    skipped. Symbolic links that resolve inside ``root`` are followed; links that lead outside
    it are reported and skipped unless ``follow_links``. Every real folder and file is visited
    once: a link back to a folder already walked (a loop) or to a file already found is
    reported, never followed again. Raises ``NotADirectoryError`` when ``root`` is neither a
    folder nor a document.
    """
    if root.is_file() and _wanted(root.name):
        return [root], []
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a folder")
    walk = _Walk(root, follow_links)
    walk.run()
    walk.found.sort(key=lambda p: rel_path_of(p, root))
    return walk.found, walk.reports


def latest_change(root: Path, *, follow_links: bool = False) -> float:
    """The newest modification time of the documents under ``root`` (0 if there are none)."""
    newest = 0.0
    for path in discover_files(root, follow_links=follow_links)[0]:
        try:
            newest = max(newest, path.stat().st_mtime)
        except OSError:
            continue
    return newest


def discover(root: Path, *, follow_links: bool = False) -> Iterator[Path]:
    """Yield the documents under ``root`` (text files and the formats with a reader),
    recursively and in sorted order."""
    yield from discover_files(root, follow_links=follow_links)[0]
