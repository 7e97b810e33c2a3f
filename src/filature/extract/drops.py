"""What the entity filters dropped, and why: the audit trail of ``filature build --explain-drops``.

A drop names the rule that removed a span and that rule's reason, so a developer can check
that no filter removes what raw NER found without a stated reason.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from filature.models import Document

COLUMNS = ("document", "passage", "start", "end", "text", "label", "type", "rule", "reason")


@dataclass(frozen=True, slots=True)
class Dropped:
    """One candidate span removed by a rule; offsets are into its passage's text.

    ``label`` is the spaCy label (PER, ORG, LOC, MISC) or the pattern rule that proposed it,
    ``type`` the entity type it had reached when dropped ("" before typing).
    """

    passage_seq: int
    start: int
    end: int
    surface: str
    label: str
    type: str
    rule: str
    reason: str


@dataclass(frozen=True)
class DropRule:
    """A named reason to remove a candidate name: ``name`` is what the drop log's rule column
    says, ``reason`` what a developer reads beside it (``filature build --explain-drops``)."""

    name: str
    reason: str

    def dropped(
        self, passage_seq: int, start: int, end: int, surface: str, label: str, etype: str
    ) -> Dropped:
        """The record of a span this rule removed."""
        return Dropped(passage_seq, start, end, surface, label, etype, self.name, self.reason)


@dataclass(frozen=True)
class CorpusDrop:
    """A drop located in the corpus (the index of its document)."""

    doc_index: int
    dropped: Dropped


def write_drops(path: Path, documents: Sequence[Document], drops: Iterable[CorpusDrop]) -> int:
    """Write the drops as a TSV file (one line each, in document order); returns the count.

    Text is written as data: tabs and line breaks inside a span become spaces.
    """
    rows = sorted(
        drops, key=lambda d: (d.doc_index, d.dropped.passage_seq, d.dropped.start, d.dropped.rule)
    )
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            d = row.dropped
            writer.writerow(
                (
                    str(documents[row.doc_index].path),
                    d.passage_seq,
                    d.start,
                    d.end,
                    " ".join(d.surface.split()),
                    d.label,
                    d.type,
                    d.rule,
                    d.reason,
                )
            )
    return len(rows)
