"""Relation candidates of one sentence for the extraction tests: mentions placed by name, and
each candidate read back as the text of its two sides."""

from __future__ import annotations

from typing import Any

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
