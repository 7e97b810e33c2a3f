"""Named test cases kept as data in ``tests/cases/<file>.toml``: each table an array of cases,
each case with an ``id`` that names its test."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).parent / "cases"


def rows(
    file: str, table: str, *fields: str, convert: Callable[[str, Any], Any] | None = None
) -> list[Any]:
    """The cases of ``table`` in ``tests/cases/<file>`` (none if it has no such table), each a
    ``pytest.param`` of the given fields in order, named by its ``id``: a field a case lacks is
    taken from the file's top level (``None`` if neither has it), then passed through
    ``convert(field, value)`` when given."""
    data = tomllib.loads((CASES / file).read_text(encoding="utf-8"))
    change = convert or (lambda _, v: v)
    return [
        pytest.param(*(change(f, case.get(f, data.get(f))) for f in fields), id=case["id"])
        for case in data.get(table, [])
    ]
