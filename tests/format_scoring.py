"""The same gold scored on every format a document comes in (issue 14: the same quality on
every format).

A gold file may name ``originals``: the same content as its ``document`` in other formats
(``originals = ["html/vikidia_kurdistan.html"]`` beside ``document = "fr/vikidia_kurdistan.txt"``).
The gold lists of tests/gold/formats/ describe documents that exist only as PDF, HTML or ODT
(written by reading them, with the conventions of tests/gold/nonseed/). Each file is built
alone, without curation, and scored exactly as nonseed_scoring.py scores a text: entities
found / typed / complete, stated relations, mentions, beside raw fr_core_news_md NER on the
same passages. A format that reads worse than its twin shows as a lower row.

Run ``python tests/format_scoring.py`` for the table and every failure; ``--write-floors``
makes the figures the floors of tests/test_format_gold.py (tests/gold/format_floors.toml).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nonseed_gold import SCORED_TYPES, GoldDoc, corpora_dir, load_gold, load_raw_ner
from nonseed_scoring import Score, score_document
from nonseed_table import floors_text, write_floors

FORMATS_GOLD_DIR = Path(__file__).parent / "gold" / "formats"
FORMAT_FLOORS_FILE = Path(__file__).parent / "gold" / "format_floors.toml"
FLOORS_HEADER = """\
# Floors of tests/test_format_gold.py: filature's figures on each file of the per-format gold
# (tests/format_scoring.py), one table per gold file and format. Written by
# `python tests/format_scoring.py --write-floors`; raise them when reading or extraction
# improves, never lower them to hide a regression.
"""


@dataclass
class FormatRow:
    """One file scored against a gold list: the gold, the file, its format, both systems."""

    gold: GoldDoc
    file: str
    format: str
    filature: Score
    ner: Score
    absent: list[str]

    @property
    def key(self) -> str:
        """The row's name in the floors file: the gold file's stem and the format."""
        return f"{self.gold.file.stem}.{self.format}"


def format_gold() -> list[GoldDoc]:
    """The non-seed gold files that name originals, and every gold file of
    tests/gold/formats/."""
    return [g for g in load_gold() if g.originals] + load_gold(FORMATS_GOLD_DIR)


def files_of(gold: GoldDoc) -> list[str]:
    """The gold's document, then its originals."""
    return [gold.document, *gold.originals]


def format_of(file: str) -> str:
    """``txt``, ``html``, ``pdf``, ``odt``... from the file's suffix."""
    return Path(file).suffix.lstrip(".").lower()


def run(
    golds: list[GoldDoc] | None = None, corpora: Path | None = None
) -> tuple[list[FormatRow], list[str]]:
    """Every file of every gold scored; the files not under the corpus are listed as skipped."""
    root = corpora if corpora is not None else corpora_dir()
    rows: list[FormatRow] = []
    skipped: list[str] = []
    nlp: Any = None
    for gold in format_gold() if golds is None else golds:
        for file in files_of(gold):
            if root is None or not (root / file).is_file():
                skipped.append(f"{file}: not under {root or 'shared/corpora'} (skipped)")
                continue
            nlp = nlp or load_raw_ner()
            result, absent = score_document(gold, root, nlp, file)
            rows.append(FormatRow(gold, file, format_of(file), result.filature, result.ner, absent))
    return rows, skipped


def mention_pr(score: Score) -> tuple[float, float]:
    """Mention precision and recall over the scored types together (exact span and type)."""
    pred = sum(score.mentions[f"{t}:pred"] for t in SCORED_TYPES)
    gold = sum(score.mentions[f"{t}:gold"] for t in SCORED_TYPES)
    hit = sum(score.mentions[f"{t}:hit"] for t in SCORED_TYPES)
    return (hit / pred if pred else 0.0, hit / gold if gold else 0.0)


def values(score: Score) -> dict[str, float]:
    """The figures the ratchet keeps from falling."""
    p, r = mention_pr(score)
    return {
        "typed": score.ratio("typed"),
        "complete": score.ratio("complete"),
        "rel_p": score.rel_precision(),
        "rel_r": score.rel_recall(),
        "mention_p": p,
        "mention_r": r,
    }


def _cells(name: str, fmt: str, f: Score, n: Score) -> list[str]:
    fp, fr = mention_pr(f)
    np_, nr = mention_pr(n)
    return [
        name,
        fmt,
        str(f.entities),
        *(f"{100 * f.ratio(k):.1f}" for k in ("found", "typed", "complete")),
        *(f"{100 * n.ratio(k):.1f}" for k in ("typed", "complete")),
        f"{f.rel_precision():.2f}",
        f"{f.rel_recall():.2f}",
        f"{f.rel_gold}/{f.rel_predicted}",
        f"{fp:.2f} / {fr:.2f}",
        f"{np_:.2f} / {nr:.2f}",
    ]


def format_table(rows: list[FormatRow]) -> str:
    """One row per file (each gold's files together), then one per format over its files."""
    head = [
        "document",
        "format",
        "gold",
        "found%",
        "typed%",
        "compl%",
        "NER typ%",
        "NER cmp%",
        "rel P",
        "rel R",
        "gold/pr",
        "mentions P/R",
        "NER P/R",
    ]
    lines = [[*head]]
    for row in rows:
        lines.append(_cells(row.gold.file.stem[:40], row.format, row.filature, row.ner))
    totals: dict[str, tuple[Score, Score, int]] = {}
    for row in rows:
        f, n, count = totals.setdefault(row.format, (Score(), Score(), 0))
        f.add(row.filature)
        n.add(row.ner)
        totals[row.format] = (f, n, count + 1)
    lines.append([""] * len(head))
    for fmt in sorted(totals):
        f, n, count = totals[fmt]
        lines.append(_cells(f"all {fmt} ({count} file{'s' if count > 1 else ''})", fmt, f, n))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    title = (
        "per format: each file built alone without curation, scored on its gold; raw NER on "
        "the same passages; mentions over person, organisation, place (exact span and type)"
    )
    return "\n".join(
        [
            title,
            *(
                "  ".join(
                    c.ljust(w) if i < 2 else c.rjust(w)
                    for i, (c, w) in enumerate(zip(line, widths, strict=True))
                ).rstrip()
                for line in lines
            ),
        ]
    )


def floors_toml(rows: list[FormatRow]) -> str:
    """The floors file for this measurement."""
    return floors_text(
        FLOORS_HEADER, ((row.key, f'file = "{row.file}"', values(row.filature)) for row in rows)
    )


def main(argv: list[str]) -> int:
    """Print the table, the failures per file, and with --write-floors write the floors."""
    rows, skipped = run()
    print(format_table(rows))
    for row in rows:
        print(
            f"\n{row.file} ({len(row.filature.failures)} failures):",
            *row.filature.failures,
            sep="\n  ",
        )
        if row.absent and row.file != row.gold.document:
            print(f"  gold forms not in this format's text ({len(row.absent)}):", *row.absent)
    if skipped:
        print("\nskipped:", *skipped, sep="\n  ")
    if "--write-floors" in argv:
        refused = "some files were skipped" if skipped else None
        return write_floors(FORMAT_FLOORS_FILE, floors_toml(rows), refused)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
