"""Which curation file a database follows, and whether the database shows all of it.

A build records, in the ``meta`` table, where the database was built (``db_path``), which
curation file it follows (``curation_path``) and the SHA-256 of that file's bytes as last
applied (``curation_sha256``); every curation write updates the hash in the same transaction
as the curated tables. A file whose hash differs is ahead of the database (a decision cut
short by ``kill -9``, an edit by hand, a decision made during a rebuild).

Decisions are recorded only in the database that sits where it was built: a copy elsewhere
would otherwise write into the original folder's curation file without the user knowing.
"""

from __future__ import annotations

import hashlib
import shlex
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from filature.curation.entries import Entry, curation_bytes, decode_curation

META_DB = "db_path"
META_FILE = "curation_path"
META_SHA = "curation_sha256"


@dataclass(frozen=True)
class CurationFile:
    """A curation file as read at one moment: its path, the hash of its bytes, its entries."""

    path: Path
    sha256: str
    entries: tuple[Entry, ...]


def digest(path: Path) -> str:
    """The SHA-256 of the file's bytes (of no bytes if it does not exist)."""
    return hashlib.sha256(curation_bytes(path)).hexdigest()


def text_digest(text: str) -> str:
    """The SHA-256 of ``text`` as the curation writer stores it (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_curation(path: Path) -> CurationFile:
    """Read the curation file at ``path`` once: the hash and the entries of the same bytes."""
    data = curation_bytes(path)
    return CurationFile(path, hashlib.sha256(data).hexdigest(), decode_curation(data, path).entries)


def read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    """The database's ``meta`` table as a dict."""
    return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta").fetchall()}


def set_digest(conn: sqlite3.Connection, sha256: str) -> None:
    """Record (in the caller's transaction) the hash of the curation file just applied."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (META_SHA, sha256))


@dataclass(frozen=True)
class Home:
    """Where the decisions made on a database go, or why none can be recorded."""

    curation: Path | None
    problem: str | None = None
    copy_of: Path | None = None


def curation_home(db_path: Path, meta: dict[str, str]) -> Home:
    """The curation file of the database at ``db_path``, given its ``meta`` table.

    A database whose recorded ``db_path`` is another file is a copy (or was moved): it says
    which file its decisions would go to and refuses to record any; rebuilding it in its new
    place (with the curation file wanted) makes it curatable again.
    """
    named = meta.get(META_FILE)
    if named is None and meta.get("source"):
        named = str(Path(meta["source"]) / "curation.toml")
    if named is None:
        return Home(
            None, "This database does not name its curation file; rebuild it with filature build."
        )
    curation = Path(named)
    built = meta.get(META_DB)
    if built is not None and Path(built) != db_path.resolve():
        source = shlex.quote(meta["source"]) if meta.get("source") else "FOLDER"
        here = shlex.quote(str(db_path))
        return Home(
            curation,
            f"{db_path} is a copy of {built}: its decisions would go to {curation}, the "
            f"original's curation file, so none is recorded from here. To curate this copy, "
            f"rebuild it in place: filature build {source} --db {here} --curation FILE",
            Path(built),
        )
    return Home(curation)
