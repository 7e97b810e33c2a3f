"""A session's undoable steps: a decision made now, and a reverted entry put back in the text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from filature.curation.edit import appended, entry_text
from filature.curation.entries import CurationError, Entry, parse_curation


def now() -> str:
    """The ``date`` of a decision made now (ISO 8601, seconds, UTC)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Step:
    """One undoable step of a session: ``entry`` added, or removed from position ``index``
    (then ``before`` and ``after`` are the file's text around the removal)."""

    entry: Entry
    index: int | None = None
    before: str = ""
    after: str = ""

    @property
    def added(self) -> bool:
        """True for a decision made, False for a revert."""
        return self.index is None


def new_entry(section: str, **data: Any) -> Entry:
    """An entry dated now; keys whose value is None are left out."""
    return Entry(section, {**{k: v for k, v in data.items() if v is not None}, "date": now()})


def restored(text: str, step: Step) -> str:
    """``text`` with the entry a revert removed put back: the text before the revert if the
    file has not changed since, else the entry inserted again at its position."""
    if step.index is None:
        raise ValueError("only a revert can be restored")
    if text == step.after:
        return step.before
    curation = parse_curation(text)
    if curation.header_lines is None or step.index >= len(curation.entries):
        return appended(text, step.entry)
    lines = text.splitlines(keepends=True)
    start = curation.header_lines[step.index]
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1  # comments just above an entry belong to it
    new = "".join([*lines[:start], entry_text(step.entry), "\n", *lines[start:]])
    if parse_curation(new).entries[step.index] != step.entry:
        raise CurationError("the reverted entry does not read back as written")
    return new
