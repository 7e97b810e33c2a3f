"""Scores filature and raw spaCy NER against the non-seed gold lists, per genre.

Run ``python tests/nonseed_scoring.py`` for the table and every failure (``--write-floors``
makes the measured figures the floors of the ratchet in tests/test_nonseed_gold.py, which runs
the same scoring). What is measured, per document:

- entities (filature built without curation; raw NER grouped by exact text): a gold actor is
  *found* when some entity holds one of its forms as an alias, *typed* when such an entity has
  the gold type, *complete* when one entity of the gold type holds all its forms;
- stated relations (filature only; ``mentioned_with`` is not a stated relation): a predicted
  relation is true when it matches a gold relation of the document (same type, one end named
  by any alias among the gold source names and the other among the target names; symmetric
  types in either direction). Every other prediction is false, including one whose ends are
  not gold actors at all. Recall is the share of gold relations matched;
- mentions: every word-bounded occurrence of a gold form in the passages is a gold mention of
  the gold type; per type (person, organization, place), precision and recall of the mentions
  table and of raw NER spans, on exact span and type, and on any overlap of the same type
  (raw NER keeps titles in its spans, "M. Cathala", so exact spans alone would understate it).
  Raw NER labels: PER person, ORG organization, LOC place; MISC is not scored.

The runner also lists, per document, the gold actors filature lost although raw NER typed
them, and filature's entities that hold no gold form (noise, or names cut at wrong bounds).

Counts are summed over the documents of a genre (micro average).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nonseed_gold import (
    SCORED_TYPES,
    GoldDoc,
    Predicted,
    Span,
    corpora_dir,
    form_key,
    gold_mentions,
    load_gold,
    load_raw_ner,
    predict_filature,
    predict_ner,
)
from nonseed_table import FLOORS_FILE, floors_toml, format_table, write_floors
from test_relations_gold import SYMMETRIC, norm

COUNTS = (
    "entities",
    "found",
    "typed",
    "complete",
    "rel_gold",
    "rel_recalled",
    "rel_predicted",
    "rel_true",
)


@dataclass
class Score:
    """Counts of one system over some documents, and the failures behind them."""

    entities: int = 0
    found: int = 0
    typed: int = 0
    complete: int = 0
    rel_gold: int = 0
    rel_recalled: int = 0
    rel_predicted: int = 0
    rel_true: int = 0
    mentions: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    typed_names: set[str] = field(default_factory=set)
    extra: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score's counts and failures to this one."""
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.mentions.update(other.mentions)
        self.failures += other.failures
        self.typed_names |= other.typed_names
        self.extra += other.extra

    def ratio(self, part: str) -> float:
        """found, typed or complete over the gold entities."""
        value: int = getattr(self, part)
        return value / self.entities if self.entities else 0.0

    def rel_precision(self) -> float:
        return self.rel_true / self.rel_predicted if self.rel_predicted else 0.0

    def rel_recall(self) -> float:
        return self.rel_recalled / self.rel_gold if self.rel_gold else 0.0

    def mention_pr(self, etype: str, overlap: bool = False) -> tuple[float, float]:
        """Mention precision and recall for one type, on exact spans or on any overlap."""
        pred, gold = self.mentions[f"{etype}:pred"], self.mentions[f"{etype}:gold"]
        if overlap:
            p_hit, g_hit = (
                self.mentions[f"{etype}:pred_overlap"],
                self.mentions[f"{etype}:gold_overlap"],
            )
        else:
            p_hit = g_hit = self.mentions[f"{etype}:hit"]
        return (p_hit / pred if pred else 0.0, g_hit / gold if gold else 0.0)


def score_entities(gold: GoldDoc, pred: Predicted, label: str) -> Score:
    """found / typed / complete for every gold actor, with a failure line for each miss."""
    out = Score()
    keyed = [(etype, {form_key(a) for a in aliases}) for etype, aliases in pred.entities.values()]
    for item in gold.entities:
        forms = {form_key(f) for f in item["forms"]}
        holders = [(t, a) for t, a in keyed if forms & a]
        right = [a for t, a in holders if t == item["type"]]
        out.entities += 1
        out.found += bool(holders)
        out.typed += bool(right)
        out.complete += any(forms <= a for a in right)
        if right:
            out.typed_names.add(item["name"])
        what = f"{label}{item['type']} {item['name']!r}"
        if not holders:
            out.failures.append(f"missed     {what}")
        elif not right:
            types = sorted({t for t, _ in holders})
            out.failures.append(f"mistyped   {what} as {'/'.join(types)}")
        elif not any(forms <= a for a in right):
            parts = [sorted(forms & a) for t, a in holders]
            out.failures.append(f"incomplete {what}: forms spread as {parts}")
    every_form = {form_key(f) for item in gold.entities for f in item["forms"]}
    out.extra = sorted(f"{t} {sorted(a)}" for t, a in keyed if not a & every_form)
    return out


def _matches(item: dict[str, Any], rtype: str, source: set[str], target: set[str]) -> bool:
    if item["type"] != rtype:
        return False
    src = {norm(n) for n in item["source"]}
    tgt = {norm(n) for n in item["target"]}
    if src & source and tgt & target:
        return True
    return rtype in SYMMETRIC and bool(src & target and tgt & source)


def score_relations(gold: GoldDoc, pred: Predicted) -> Score:
    """Stated relations: every prediction not matching a gold relation is false."""
    out = Score(rel_gold=len(gold.relations), rel_predicted=len(pred.relations))
    names = {eid: {norm(a) for a in aliases} for eid, (_, aliases) in pred.entities.items()}
    hit: set[int] = set()
    for source, target, rtype in pred.relations:
        matched = [
            i
            for i, item in enumerate(gold.relations)
            if _matches(item, rtype, names[source], names[target])
        ]
        hit.update(matched)
        out.rel_true += bool(matched)
        if not matched:
            src, tgt = pred.entities[source][1], pred.entities[target][1]
            out.failures.append(f"false rel  {rtype} {sorted(src)} -> {sorted(tgt)}")
    out.rel_recalled = len(hit)
    for i, item in enumerate(gold.relations):
        if i not in hit:
            out.failures.append(
                f"missed rel {item['type']} {item['source'][0]} -> {item['target'][0]}"
            )
    return out


def score_mentions(gold_spans: set[Span], pred: Predicted) -> Score:
    """Exact-span, same-type mention counts for the scored types."""
    out = Score()
    predicted = set(pred.mentions)
    for etype in SCORED_TYPES:
        g = {s for s in gold_spans if s.type == etype}
        p = {s for s in predicted if s.type == etype}
        out.mentions.update({f"{etype}:gold": len(g), f"{etype}:pred": len(p)})
        out.mentions[f"{etype}:hit"] += len(g & p)
        out.mentions[f"{etype}:pred_overlap"] += sum(any(_overlap(a, b) for b in g) for a in p)
        out.mentions[f"{etype}:gold_overlap"] += sum(any(_overlap(a, b) for b in p) for a in g)
    return out


def _overlap(a: Span, b: Span) -> bool:
    return a.passage == b.passage and a.start < b.end and b.start < a.end


@dataclass
class GenreScore:
    """filature and raw NER scores of one genre (or of all documents)."""

    documents: list[str] = field(default_factory=list)
    filature: Score = field(default_factory=Score)
    ner: Score = field(default_factory=Score)


@dataclass
class Report:
    """Scores per genre, the overall score, and documents skipped or gold forms not found."""

    genres: dict[str, GenreScore]
    overall: GenreScore
    skipped: list[str]
    gold_problems: list[str]


def score_document(
    gold: GoldDoc, corpora: Path, nlp: Any, file: str | None = None
) -> tuple[GenreScore, list[str]]:
    """Build one document (or ``file``, the same content in another format) and score both
    systems on it."""
    pred = predict_filature(corpora / (file or gold.document))
    spans, absent = gold_mentions(gold, pred.passages)
    ner = predict_ner(pred.passages, nlp)
    result = GenreScore(documents=[file or gold.document])
    name = Path(file or gold.document).name
    for score, label, predicted in ((result.filature, "", pred), (result.ner, "ner ", ner)):
        score.add(score_entities(gold, predicted, label))
        score.add(score_mentions(spans, predicted))
    result.filature.add(score_relations(gold, pred))
    lost = sorted(result.ner.typed_names - result.filature.typed_names)
    result.filature.failures += [f"lost       {n!r}: raw NER has it typed" for n in lost]
    for score in (result.filature, result.ner):
        score.failures = [f"{name}: {line}" for line in score.failures]
        score.extra = [f"{name}: {line}" for line in score.extra]
    return result, [f"{gold.file.name}: form never in the text: {a}" for a in absent]


def run(gold_docs: list[GoldDoc] | None = None, corpora: Path | None = None) -> Report:
    """Score every gold document whose text is present."""
    docs = load_gold() if gold_docs is None else gold_docs
    root = corpora if corpora is not None else corpora_dir()
    genres: dict[str, GenreScore] = {}
    overall = GenreScore()
    skipped: list[str] = []
    problems: list[str] = []
    nlp = None
    for gold in docs:
        if root is None or not (root / gold.document).is_file():
            skipped.append(f"{gold.document}: not under {root or 'shared/corpora'} (skipped)")
            continue
        nlp = nlp or load_raw_ner()
        result, absent = score_document(gold, root, nlp)
        problems += absent
        for bucket in (genres.setdefault(gold.genre, GenreScore()), overall):
            bucket.documents.append(gold.document)
            bucket.filature.add(result.filature)
            bucket.ner.add(result.ner)
    return Report(genres, overall, skipped, problems)


def main(argv: list[str]) -> int:
    """Print the tables, then every failure, skipped document and gold problem; with
    --write-floors, also make the measured figures the ratchet's new floors; with
    --gold FOLDER, score the gold lists of that folder instead (held-out documents)."""
    folder = Path(argv[argv.index("--gold") + 1]) if "--gold" in argv else None
    report = run(load_gold(folder) if folder is not None else None)
    print(format_table(report))
    for title, lines in (
        ("filature failures", report.overall.filature.failures),
        ("raw NER failures", report.overall.ner.failures),
        ("filature entities holding no gold form", report.overall.filature.extra),
        ("skipped", report.skipped),
        ("gold problems", report.gold_problems),
    ):
        print(f"\n{title} ({len(lines)}):", *lines, sep="\n  ")
    if "--write-floors" in argv:
        refused = (
            "they hold the figures of the default gold folder"
            if folder is not None
            else "some gold documents were skipped"
            if report.skipped
            else None
        )
        return write_floors(FLOORS_FILE, floors_toml(report), refused)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
