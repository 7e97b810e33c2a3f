"""Compiled regular expressions kept for every build of this user (``extract.compiled``).

The language model compiles the same patterns whatever the folder, so their programs live in
the user's cache folder (``$XDG_CACHE_HOME/filature``, by default ``~/.cache/filature``), not
beside one database: the first build of a new folder loads the model as fast as a rebuild.
One file per pattern, written whole under a temporary name then renamed, so that two builds
writing the same pattern at once leave one of two identical files. A folder that cannot be
read or written only costs the time of compiling again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

FOLDER_NAME = "filature"


def user_cache_folder() -> Path | None:
    """This user's cache folder for filature (``$XDG_CACHE_HOME/filature`` when set), or None
    when the user has no home folder to put it in."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if base.strip() and Path(base).is_absolute():
        return Path(base) / FOLDER_NAME
    try:
        return Path.home() / ".cache" / FOLDER_NAME
    except RuntimeError:  # no $HOME and no entry in the password database
        return None


class PatternFiles:
    """Compiled programs as files under ``folder/patterns/<interpreter>/``."""

    def __init__(self, folder: Path | None = None) -> None:
        found = folder or user_cache_folder()
        self.root = found / "patterns" if found is not None else None

    def _place(self, scope: str) -> Path | None:
        if self.root is None:
            return None
        return self.root / hashlib.sha256(scope.encode("utf-8", "replace")).hexdigest()[:16]

    def get_pattern(self, key: str, scope: str) -> bytes | None:
        """The program kept under ``key`` for the interpreter ``scope``, or None."""
        place = self._place(scope)
        try:
            return None if place is None else (place / key).read_bytes()
        except OSError:
            return None

    def put_pattern(self, key: str, data: bytes, scope: str) -> None:
        """Keep a program; the programs of other interpreters go."""
        place = self._place(scope)
        if place is None:
            return
        try:
            place.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=place, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, place / key)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return
        with contextlib.suppress(OSError):
            for other in place.parent.iterdir():
                if other != place and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
