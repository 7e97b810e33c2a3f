"""Writing export files atomically, and refusing to replace a folder with a file (or back)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import TextIO

from filature.errors import Problem

Writer = Callable[[TextIO], None]


class ExportProblem(Problem):
    """An export that cannot be written, with a one-line message and what to do about it."""


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")


def _check_parents(path: Path) -> None:
    """Raise ExportProblem if a folder above ``path`` is a file."""
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            raise ExportProblem(f"{parent} is a file, not a folder.", "choose another --out")


def check_file_target(target: Path) -> None:
    """Raise ExportProblem if ``target`` cannot receive a file (it is a folder, or its parent
    is a file)."""
    if target.is_dir():
        raise ExportProblem(
            f"{target} is a folder; an export of this format is one file.",
            "pass --out with a file path",
        )
    _check_parents(target)


def write_file(target: Path, write: Writer, *, newline: str | None = None) -> Path:
    """Write ``target`` (UTF-8) through ``write`` into a temporary file, then swap it in.

    A failure leaves any previous ``target`` untouched and no temporary file behind.
    """
    check_file_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(target)
    try:
        with open(tmp, "w", encoding="utf-8", newline=newline) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return target


def write_folder(
    folder: Path, files: Mapping[str, Writer], *, encoding: str = "utf-8", newline: str = ""
) -> list[Path]:
    """Write several files into ``folder``: all are written to a temporary folder first.

    A new folder is renamed into place in one step. In an existing folder each file is
    replaced atomically and other files are left alone (nothing of the user's is deleted).
    """
    if folder.exists() and not folder.is_dir():
        raise ExportProblem(
            f"{folder} is a file; this format writes a folder of files.",
            "pass --out with a folder path",
        )
    _check_parents(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(folder)
    tmp.mkdir()
    try:
        for name, write in files.items():
            with open(tmp / name, "w", encoding=encoding, newline=newline) as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
        if not folder.exists():
            os.replace(tmp, folder)
        else:
            for name in files:
                os.replace(tmp / name, folder / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [folder / name for name in files]
