"""Whether a database is older than its sources, which curation file it follows, and the
fingerprint of the documents it was built from."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from filature.curation.state import META_FILE
from filature.ingest.discover import latest_change
from filature.ingest.documents_file import DOCUMENTS_FILE
from filature.models import Document
from filature.store.connect import DatabaseProblem, connect_ro

CURATION_FILE = "curation.toml"


def recorded_curation(source: Path, db_path: Path) -> Path | None:
    """The curation file the database at ``db_path`` follows, if it was built from ``source``
    (so that a database built once with ``--curation FILE`` keeps following that file)."""
    if not db_path.is_file():
        return None
    try:
        conn = connect_ro(db_path)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except (sqlite3.Error, DatabaseProblem):
        return None
    if meta.get("source") != str(source.resolve()) or not meta.get(META_FILE):
        return None
    return Path(str(meta[META_FILE]))


def corpus_fingerprint(documents: list[Document]) -> str:
    """A hash of every document's path and content hash."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.path):
        digest.update(f"{doc.path}\0{doc.sha256}\n".encode())
    return digest.hexdigest()


def needs_build(source: Path, db_path: Path, *, curation: Path | None = None) -> bool:
    """True if the database is missing or older than any document under ``source``, than
    the curation file or than ``documents.toml``."""
    if not db_path.exists():
        return True
    built = db_path.stat().st_mtime
    curation_path = curation if curation is not None else source / CURATION_FILE
    for path in (curation_path, source / DOCUMENTS_FILE):
        try:
            if path.stat().st_mtime > built:
                return True
        except OSError:
            pass
    return source.is_dir() and latest_change(source) > built
