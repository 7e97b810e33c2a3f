"""Errors the command line turns into one-line messages."""

from __future__ import annotations


class SourceProblem(Exception):
    """The folder to build from cannot be used."""
