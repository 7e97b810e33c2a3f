"""Relation candidates of one sentence for the extraction tests: mentions placed by name, and
each candidate read back as the text of its two sides."""

from __future__ import annotations

from typing import Any

from casekit import rows
from filature.extract.relations import MentionSpan, RelationCandidate, find_candidates


def mention_spans(text: str, *names: tuple[str, str]) -> list[MentionSpan]:
    """A mention of each ``(name, type)`` at the first place ``text`` holds the name."""
    spans = []
    for name, etype in names:
        start = text.index(name)
        spans.append(MentionSpan(start, start + len(name), etype))
    return spans


def candidates_between(nlp: Any, text: str, *names: tuple[str, str]) -> list[RelationCandidate]:
    """The relation candidates the parsed ``text`` gives between the named mentions."""
    return list(find_candidates(nlp(text), mention_spans(text, *names)))


def sides(text: str, candidate: RelationCandidate) -> tuple[str, str, str]:
    """(source text, target text, type) of ``candidate``."""
    return text[slice(*candidate.source)], text[slice(*candidate.target)], candidate.type


Names = tuple[tuple[str, str], ...]
"""The mentions of a case: ``(name, type)`` each, placed where its text first holds the name."""

Triples = set[tuple[str, str, str]]


def found(nlp: Any, text: str, *names: tuple[str, str]) -> Triples:
    """(source, target, type) of every candidate of ``text`` between the named mentions."""
    return {sides(text, c) for c in candidates_between(nlp, text, *names)}


def cases(file: str, table: str, *fields: str) -> list[Any]:
    """The relation cases of ``table`` in ``tests/cases/<file>`` (``casekit.rows``): each case's
    text, its mentions (as ``Names``) and the given fields, a list of relations as a set of
    tuples."""
    return rows(file, table, "text", "mentions", *fields, convert=relation_field)


def relation_field(field: str, value: Any) -> Any:
    """A relation case's field as a test compares it."""
    if field == "mentions":
        return tuple((name, etype) for name, etype in value)
    return {tuple(r) for r in value} if isinstance(value, list) else value


def with_detail(expected: set[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
    """The relations of a ``detailed`` case: a relation given without its fourth item has none."""
    return {r if len(r) == 4 else (*r, None) for r in expected}
