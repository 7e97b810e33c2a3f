"""A cache of per-document analyses, keyed by document hash and pipeline version.

It is a plain SQLite file beside the database. A cache that cannot be read is discarded and
started afresh: it only ever saves time, it never holds anything that cannot be recomputed.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from filature.store.connect import harden


def cache_path(db_path: Path) -> Path:
    """Where the analysis cache of the database at ``db_path`` lives."""
    return db_path.with_name(db_path.name + ".cache")


class AnalysisCache:
    """Per-document analyses as compressed JSON, keyed by (document key, pipeline version)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.hits = 0
        self.misses = 0
        self._readings_seen: set[str] = set()
        self._steps_seen: set[str] = set()
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError:
            path.unlink(missing_ok=True)
            self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path)
        harden(conn)
        conn.execute(
            "CREATE TABLE IF NOT EXISTS analyses ("
            " key TEXT NOT NULL, version TEXT NOT NULL, data BLOB NOT NULL,"
            " PRIMARY KEY (key, version))"
        )
        conn.execute(
            "CREATE TABLE IF NOT EXISTS readings (key TEXT PRIMARY KEY, data BLOB NOT NULL)"
        )
        conn.execute("CREATE TABLE IF NOT EXISTS steps (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        for table in ("analyses", "readings", "steps"):
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        return conn

    def stored(self, keys: Iterable[str], version: str) -> set[str]:
        """Which of ``keys`` have an analysis of ``version`` (it may still prove unreadable)."""
        rows = self._conn.execute("SELECT key FROM analyses WHERE version = ?", (version,))
        return set(keys) & {key for (key,) in rows}

    def get(self, key: str, version: str) -> dict[str, Any] | None:
        """The cached analysis, or None (also when the entry cannot be decoded)."""
        row = self._conn.execute(
            "SELECT data FROM analyses WHERE key = ? AND version = ?", (key, version)
        ).fetchone()
        if row is None:
            self.misses += 1
            return None
        try:
            data: dict[str, Any] = json.loads(zlib.decompress(row[0]))
        except (zlib.error, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, version: str, data: dict[str, Any]) -> None:
        """Store an analysis (replacing any older entry for the same key and version)."""
        self.put_text(key, version, [json.dumps(data, ensure_ascii=False)])

    def put_text(self, key: str, version: str, chunks: Iterable[str]) -> None:
        """Store an analysis given as pieces of its JSON text, compressed as they come (only
        the compressed form of a large analysis is ever whole in memory)."""
        packer = zlib.compressobj(3)
        parts = [packer.compress(chunk.encode("utf-8")) for chunk in chunks]
        parts.append(packer.flush())
        blob = b"".join(parts)
        self._conn.execute(
            "INSERT OR REPLACE INTO analyses (key, version, data) VALUES (?, ?, ?)",
            (key, version, blob),
        )
        self._conn.commit()

    def prune(self, keep: set[str], version: str) -> None:
        """Forget entries of other versions and of documents no longer in the corpus."""
        rows = self._conn.execute("SELECT key, version FROM analyses").fetchall()
        stale = [(k, v) for k, v in rows if v != version or k not in keep]
        self._conn.executemany("DELETE FROM analyses WHERE key = ? AND version = ?", stale)
        self._conn.commit()

    def kept_readings(self, keys: list[str]) -> set[str]:
        """Which of ``keys`` have a reading kept (``ingest.memo``)."""
        return {str(key) for (key,) in self._among("readings", "key", keys)}

    def _among(self, table: str, columns: str, keys: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """``columns`` of the rows of ``table`` whose key is one of ``keys`` (asked 500 at a
        time: SQLite bounds a statement's parameters)."""
        for n in range(0, len(keys), 500):
            chunk = list(keys[n : n + 500])
            marks = ", ".join("?" * len(chunk))
            yield from self._conn.execute(
                f"SELECT {columns} FROM {table} WHERE key IN ({marks})", chunk
            )

    def get_reading(self, key: str) -> str | None:
        """What reading a file gave (``ingest.memo``), or None."""
        self._readings_seen.add(key)
        row = self._conn.execute("SELECT data FROM readings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return zlib.decompress(row[0]).decode("utf-8")
        except (zlib.error, UnicodeDecodeError):
            return None

    def put_reading(self, key: str, text: str) -> None:
        """Keep what reading a file gave."""
        self._readings_seen.add(key)
        blob = zlib.compress(text.encode("utf-8"), 3)
        self._conn.execute("INSERT OR REPLACE INTO readings (key, data) VALUES (?, ?)", (key, blob))
        self._conn.commit()

    def prune_readings(self) -> None:
        """Forget the readings of files this build did not look up."""
        self._prune("readings", self._readings_seen)

    def _prune(self, table: str, seen: set[str]) -> None:
        keys = [k for (k,) in self._conn.execute(f"SELECT key FROM {table}")]
        stale = [(k,) for k in keys if k not in seen]
        self._conn.executemany(f"DELETE FROM {table} WHERE key = ?", stale)
        self._conn.commit()

    def get_steps(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored results of per-document corpus steps among ``keys``
        (``extract.stepmemo``)."""
        self._steps_seen.update(keys)
        return {str(k): bytes(d) for k, d in self._among("steps", "key, data", keys)}

    def put_steps(self, items: dict[str, bytes]) -> None:
        """Keep the results of per-document corpus steps, in one transaction."""
        self._steps_seen.update(items)
        self._conn.executemany(
            "INSERT OR REPLACE INTO steps (key, data) VALUES (?, ?)", list(items.items())
        )
        self._conn.commit()

    def prune_steps(self) -> None:
        """Forget the step results this build did not look up."""
        self._prune("steps", self._steps_seen)

    def close(self) -> None:
        """Close the cache file."""
        self._conn.close()
