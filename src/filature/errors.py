"""Errors the command line and the app turn into one-line messages with their fix."""

from __future__ import annotations


class Problem(Exception):
    """Something the user can fix: a one-line message and the command or step that fixes it."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} Fix: {self.fix}"


class SourceProblem(Exception):
    """The folder to build from cannot be used."""
