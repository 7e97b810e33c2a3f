"""What reading a file gave, kept between builds: a file whose bytes did not change is not read,
decoded, cleaned and split again.

The key is a hash of the file's bytes, its path in the folder, the size cap and the version of
the reading code (every module of ``ingest``, ``models``, Python and the format libraries), so
that nothing but an identical reading is ever reused. Only files read without a skip are kept (a
skip may be a passing one: a reader over its time budget on a busy machine).
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

from filature.models import Document, FileReport, Passage

INGEST_DIR = Path(__file__).resolve().parent
_LIBRARIES = ("pypdfium2", "trafilatura")

Fate = tuple[Document | None, FileReport]


class ReadMemo(Protocol):
    """Where readings are kept (``store.cache.AnalysisCache`` is one)."""

    def kept_readings(self, keys: list[str]) -> set[str]:
        """Which of ``keys`` have a reading kept (it may still prove unreadable)."""

    def get_reading(self, key: str) -> str | None:
        """The reading kept under ``key``, or None."""

    def put_reading(self, key: str, text: str) -> None:
        """Keep a reading under ``key``."""


@cache
def read_version() -> str:
    """A hash of the code and libraries a reading depends on."""
    digest = hashlib.sha256()
    models = INGEST_DIR.parent / "models.py"
    for path in sorted([*INGEST_DIR.rglob("*.py"), models]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(f"python={sys.version}".encode())  # the e-mail and codec modules
    for package in _LIBRARIES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.hexdigest()[:16]


def reading_key(path: Path, rel: str, max_bytes: int) -> tuple[str, str] | None:
    """The key of a file's reading and the SHA-256 of its bytes, or None when it cannot be read
    here (too large, unreadable: ``read_source`` then says why)."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(f"{read_version()}\0{rel}\0{max_bytes}\0".encode())
    digest.update(data)
    return digest.hexdigest(), hashlib.sha256(data).hexdigest()


def keepable(fates: list[Fate], sha256: str) -> bool:
    """True if the reading may be reused: every file of it (attachments included) was read,
    from the very bytes the key was made of (not a version written in between)."""
    first = fates[0][0] if fates else None
    return (
        first is not None
        and first.sha256 == sha256
        and all(report.status != "skipped" for _, report in fates)
    )


def dump_fates(fates: list[Fate]) -> str:
    """A JSON form of a file's reading."""
    return json.dumps(
        [[asdict(d) if d is not None else None, asdict(r)] for d, r in fates],
        ensure_ascii=False,
    )


def load_fates(text: str) -> list[Fate] | None:
    """Inverse of ``dump_fates``; None if the text is not a reading of this version."""
    try:
        return [
            (_document(d) if d is not None else None, FileReport(**r)) for d, r in json.loads(text)
        ]
    except (ValueError, TypeError, KeyError):
        return None


def _document(data: dict[str, Any]) -> Document:
    passages = tuple(Passage(**p) for p in data.pop("passages"))
    return Document(passages=passages, **data)
