"""Shared fixtures: the seeds built once with the real pipeline, and the real spaCy model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real fr_core_news_md pipeline, loaded once per session."""
    from filature.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database built from seeds/ with the real pipeline, once per session (read-only use)."""
    from filature.build import build

    db = tmp_path_factory.mktemp("seed") / "filature.db"
    build(SEEDS, db)
    db.chmod(0o444)
    yield db
