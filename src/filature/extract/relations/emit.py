"""Collecting candidates of one passage: type checks, self-relations, duplicates."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from filature.extract.relations.actors import MentionIndex
from filature.extract.relations.lexicon import RelationLexicon
from filature.extract.relations.negation import is_negated
from filature.extract.relations.quantities import Found, Money
from filature.extract.relations.types import RelationCandidate

if TYPE_CHECKING:
    from spacy.tokens import Span as SentSpan
    from spacy.tokens import Token


@dataclass
class Emitter:
    """Receives relations found in one passage and keeps the valid, distinct ones."""

    index: MentionIndex
    lexicon: RelationLexicon
    dates: list[tuple[Found, Token]] = field(default_factory=list)
    amounts: list[tuple[Money, Token]] = field(default_factory=list)
    found: dict[tuple[object, ...], RelationCandidate] = field(default_factory=dict)

    def add(
        self,
        source: int,
        target: int,
        rel_type: str,
        rule: str,
        confidence: float,
        sent: SentSpan,
        trigger: Token,
        **extra: object,
    ) -> bool:
        """Add a relation between mentions ``source`` and ``target`` if their types fit."""
        if source == target or is_negated(trigger, self.lexicon):
            return False
        ms, mt = self.index.mentions[source], self.index.mentions[target]
        if ms.span == mt.span or (ms.start < mt.end and mt.start < ms.end):
            return False
        symmetric = rel_type in self.lexicon.symmetric
        if not self.lexicon.fits(rel_type, ms.type, mt.type) and not (
            symmetric and self.lexicon.fits(rel_type, mt.type, ms.type)
        ):
            return False
        start = min(sent.start_char, ms.start, mt.start)
        end = max(sent.end_char, ms.end, mt.end)
        ms = self.index.mentions[self.index.full_name(source)]
        mt = self.index.mentions[self.index.full_name(target)]
        if ms.span == mt.span:
            return False
        if symmetric and mt.start < ms.start:
            ms, mt = mt, ms
        cand = RelationCandidate(
            source=ms.span,
            target=mt.span,
            type=rel_type,
            rule=rule,
            confidence=round(confidence, 3),
            evidence=(start, end),
            trigger=trigger.text,
        )
        cand = replace(cand, **extra)  # type: ignore[arg-type]
        key = (cand.source, cand.target, cand.type, cand.role)
        old = self.found.get(key)
        if old is None or _better(cand, old):
            if old is not None and cand.date is None and old.date is not None:
                cand = replace(cand, date=old.date)
            self.found[key] = cand
        return True

    def candidates(self) -> list[RelationCandidate]:
        """The distinct candidates, in text order."""
        return sorted(self.found.values(), key=lambda c: (c.evidence, c.source, c.target, c.type))


def _better(new: RelationCandidate, old: RelationCandidate) -> bool:
    return (new.confidence, new.date is not None) > (old.confidence, old.date is not None)
