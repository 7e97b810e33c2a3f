"""db/metadata.json documents every table and column; datasette serves the database with it."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from filature.store.schema import TABLES
from test_export_data import make_db

ROOT = Path(__file__).resolve().parents[1]
METADATA = ROOT / "db" / "metadata.json"
HOST = "127.0.0.1"


def _metadata() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(METADATA.read_text(encoding="utf-8"))
    return data


def test_metadata_describes_every_table_and_column(tmp_path: Path) -> None:
    db = make_db(tmp_path / "filature.db")
    tables = _metadata()["databases"]["filature"]["tables"]
    conn = sqlite3.connect(db)
    for table in TABLES:
        assert tables[table]["description"], table
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        assert set(tables[table]["columns"]) == columns, table
        for fk in conn.execute(f"PRAGMA foreign_key_list({table})"):
            assert tables[fk[2]].get("label_column") or fk[2] == "passages", (table, fk[2])
    conn.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str) -> Any:
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=10) as response:
        body = response.read().decode("utf-8")
    return json.loads(body) if ".json" in path else body


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    db = make_db(tmp_path / "filature.db")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db), "-m", str(METADATA),
         "-h", HOST, "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                assert proc.stderr is not None
                pytest.fail(f"datasette exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                _get(port, "/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail("datasette did not start within 60 s")
                time.sleep(0.2)
        yield port, db
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if proc.stderr is not None:
            proc.stderr.close()


def test_datasette_serves_the_documented_linkable_database(served: tuple[int, Path]) -> None:
    port, db = served
    rows = _get(port, "/filature/entities.json?_shape=array&_size=max")
    conn = sqlite3.connect(db)
    expected = conn.execute("SELECT id, name, type, mention_count FROM entities").fetchall()
    assert {(r["id"], r["name"], r["type"], r["mention_count"]) for r in rows} == set(expected)
    metadata = _get(port, "/-/metadata.json")
    assert metadata["title"] == _metadata()["title"]
    aliases = _get(port, "/filature/aliases.json?_shape=array&_labels=on&alias=Beijing")
    assert aliases == [{"entity_id": {"value": 5, "label": "Pékin"}, "alias": "Beijing"}]
    hits = _get(port, "/filature/passages.json?_shape=array&_search=accueille")
    assert [h["zone"] for h in hits] == ["body"] and "Assemblée" in hits[0]["text"]
    quotes = _get(port, "/filature/evidence_quotes.json?_shape=array")
    assert any(q["quote"].endswith("est élu président d'Interpol") and q["line_start"] == 4
               for q in quotes)  # fmt: skip
    page = _get(port, "/filature/entities")
    assert "Canonical entities found in the documents." in page
    conn.close()
