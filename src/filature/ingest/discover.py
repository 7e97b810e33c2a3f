"""Find the documents of a corpus folder: ``.txt`` and ``.md`` files, safely."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from filature.ingest.read import rel_path_of
from filature.models import FileReport

SUFFIXES = frozenset({".txt", ".md"})


def _wanted(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in SUFFIXES


def discover_files(root: Path) -> tuple[list[Path], list[FileReport]]:
    """Documents under ``root`` (sorted) and skip reports for links that cannot be followed.

    Hidden files and folders are skipped. Symbolic links are followed, but every real folder
    and file is visited once: a link back to a folder already walked (a loop) or to a file
    already found is reported, never followed again. Raises ``NotADirectoryError`` when
    ``root`` is neither a folder nor a document.
    """
    if root.is_file() and _wanted(root.name):
        return [root], []
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a folder")
    found: list[Path] = []
    reports: list[FileReport] = []
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: dict[tuple[int, int], Path] = {}

    def report(path: Path, reason: str) -> None:
        reports.append(FileReport(path=rel_path_of(path, root), status="skipped", reason=reason))

    def walk(folder: Path) -> None:
        try:
            info = os.stat(folder)
        except OSError as error:
            report(folder, f"cannot open folder: {error.strerror or error}")
            return
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            report(folder, "symbolic link loop: folder already visited")
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            report(folder, f"cannot open folder: {error.strerror or error}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                target = os.stat(path)
            except OSError as error:
                if _wanted(entry.name) or not os.path.splitext(entry.name)[1]:
                    reason = "broken symbolic link" if entry.is_symlink() else str(error.strerror)
                    if error.errno == errno.ELOOP:
                        reason = "symbolic link loop"
                    report(path, reason)
                continue
            if stat.S_ISDIR(target.st_mode):
                walk(path)
            elif _wanted(entry.name):
                file_key = (target.st_dev, target.st_ino)
                if file_key in seen_files:
                    report(path, f"same file as {rel_path_of(seen_files[file_key], root)}")
                else:
                    seen_files[file_key] = path
                    found.append(path)

    walk(root)
    found.sort(key=lambda p: rel_path_of(p, root))
    return found, reports


def discover(root: Path) -> Iterator[Path]:
    """Yield the ``.txt`` and ``.md`` files under ``root``, recursively and in sorted order."""
    yield from discover_files(root)[0]
