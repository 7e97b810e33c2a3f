"""How far the reading of one document has got, as a fraction from 0 to 1."""

from __future__ import annotations

from collections.abc import Callable

Ticker = Callable[[float], None]
"""Called with the fraction done (0 to 1) of a step."""

EVERY = 2048
"""Loops over lines tick once every this many lines."""


def ignore(fraction: float) -> None:
    """A ticker for callers that do not show progress."""


def part(ticker: Ticker, start: float, end: float) -> Ticker:
    """A ticker for a step that covers ``[start, end]`` of ``ticker``'s range."""
    return lambda fraction: ticker(start + (end - start) * fraction)
