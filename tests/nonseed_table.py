"""The non-seed scores as text: the per-genre tables and the ratchet's floors file."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from nonseed_gold import SCORED_TYPES

if TYPE_CHECKING:
    from nonseed_scoring import Report, Score

FLOORS_FILE = Path(__file__).parent / "gold" / "nonseed_floors.toml"
FLOORS_HEADER = """\
# Floors of tests/test_nonseed_gold.py: filature's figures per genre on the non-seed gold,
# measured on the documents listed (the test asks for a new measurement when the gold
# documents of a genre change). Written by `python tests/nonseed_scoring.py --write-floors`;
# raise them when extraction improves, never lower them to hide a regression.
"""


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(
        c.ljust(w) if i == 0 else c.rjust(w)
        for i, (c, w) in enumerate(zip(cells, widths, strict=True))
    )


def format_table(report: Report) -> str:
    """The entity, relation and mention tables, one row per genre and one overall."""
    rows = [*sorted(report.genres.items()), ("overall", report.overall)]
    widths = [13, 4, 4, 7, 7, 7, 9, 9, 9, 6, 6, 7]
    head = [
        "genre",
        "docs",
        "gold",
        "found%",
        "typed%",
        "compl%",
        "NER fnd%",
        "NER typ%",
        "NER cmp%",
        "rel P",
        "rel R",
        "gold/pr",
    ]
    lines = [
        "entities (filature without curation; raw NER by exact text) and stated relations",
        _row(head, widths),
    ]
    for genre, g in rows:
        f, n = g.filature, g.ner
        lines.append(
            _row(
                [
                    genre,
                    str(len(g.documents)),
                    str(f.entities),
                    *(_pct(f.ratio(k)) for k in ("found", "typed", "complete")),
                    *(_pct(n.ratio(k)) for k in ("found", "typed", "complete")),
                    f"{f.rel_precision():.2f}",
                    f"{f.rel_recall():.2f}",
                    f"{f.rel_gold}/{f.rel_predicted}",
                ],
                widths,
            )
        )
    widths = [13, 12, 5, 12, 12, 12, 12]
    lines += [
        "",
        "mentions, precision / recall: exact span and type; overlap = any overlap, same type",
        _row(
            ["genre", "type", "gold", "filature", "raw NER", "fil. overlap", "NER overlap"], widths
        ),
    ]
    for genre, g in rows:
        for etype in SCORED_TYPES:
            cells = [genre, etype, str(g.filature.mentions[f"{etype}:gold"])]
            for overlap in (False, True):
                for score in (g.filature, g.ner):
                    p, r = score.mention_pr(etype, overlap)
                    cells.append(f"{p:.2f} / {r:.2f}")
            lines.append(_row(cells, widths))
    return "\n".join(lines)


def ratchet_values(score: Score) -> dict[str, float]:
    """The figures tests/test_nonseed_gold.py keeps from falling (filature's only)."""
    values = {
        "typed": score.ratio("typed"),
        "complete": score.ratio("complete"),
        "rel_p": score.rel_precision(),
        "rel_r": score.rel_recall(),
    }
    for etype in SCORED_TYPES:
        values[f"{etype}_p"], values[f"{etype}_r"] = score.mention_pr(etype)
    return values


def floors_text(header: str, sections: Iterable[tuple[str, str, dict[str, float]]]) -> str:
    """A floors file: ``header``, then for each ``(key, what, figures)`` a table ``key`` with
    the line ``what`` (what was measured) and its figures."""
    lines = [header]
    for key, what, figures in sections:
        lines += [f'["{key}"]', what, *(f"{k} = {v:.3f}" for k, v in figures.items()), ""]
    return "\n".join(lines)


def floors_toml(report: Report) -> str:
    """The floors file for this measurement: per genre, its documents and figures."""
    sections = []
    for genre, g in sorted(report.genres.items()):
        documents = ", ".join(f'"{d}"' for d in sorted(g.documents))
        sections.append((genre, f"documents = [{documents}]", ratchet_values(g.filature)))
    return floors_text(FLOORS_HEADER, sections)


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, object]]:
    """The floors file, or nothing when it does not exist yet."""
    if not path.exists():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def write_floors(path: Path, text: str, refused: str | None) -> int:
    """Write ``text`` as the floors file ``path``, unless ``refused`` says why not: the exit
    status, 1 when refused."""
    if refused:
        print(f"\nfloors not written: {refused}")
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"\nfloors written to {path}")
    return 0
