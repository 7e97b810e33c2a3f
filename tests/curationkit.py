"""A writable copy of the seed database with its own copy of the seeds and curation file."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filature.store.cache import cache_path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@dataclass(frozen=True)
class Copy:
    """The copied database, its source folder and curation file."""

    db: Path
    seeds: Path

    @property
    def curation(self) -> Path:
        return self.seeds / "curation.toml"

    def rows(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def entity(self, name: str) -> tuple[Any, ...] | None:
        found = self.rows(
            "SELECT id, name, type, mention_count, footnote_mentions FROM entities WHERE name = ?",
            name,
        )
        assert len(found) <= 1, found
        return found[0] if found else None

    def aliases(self, name: str) -> set[str]:
        return {
            r[0]
            for r in self.rows(
                "SELECT a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id "
                "WHERE e.name = ?",
                name,
            )
        }

    def tables(self) -> dict[str, list[tuple[Any, ...]]]:
        return {
            t: sorted(self.rows(f"SELECT * FROM {t}"), key=repr)
            for t in ("entities", "aliases", "mentions", "relations", "evidence")
        }


def curatable_copy(seed_db: Path, tmp_path: Path) -> Copy:
    """Copy the session's seed database (and its analysis cache) and the seeds into tmp_path."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "db" / "filature.db"
    db.parent.mkdir()
    shutil.copyfile(seed_db, db)
    db.chmod(0o644)
    if cache_path(seed_db).exists():
        shutil.copyfile(cache_path(seed_db), cache_path(db))
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'source'", (str(seeds),))
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'curation_path'", (str(seeds / "curation.toml"),)
        )
        conn.execute("UPDATE meta SET value = ? WHERE key = 'db_path'", (str(db.resolve()),))
    conn.close()
    return Copy(db, seeds)


_HOLD = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
    "c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); sys.stdin.read()"
)


@contextmanager
def exclusive_lock_held(db: Path) -> Iterator[None]:
    """Another process holds an exclusive lock on ``db`` for the length of the block."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.communicate("", timeout=30)
