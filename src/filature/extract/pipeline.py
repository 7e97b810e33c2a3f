"""The entity pipeline: per-document analysis, corpus-level merging, curation."""

from __future__ import annotations

from collections.abc import Sequence

from filature.extract.aliases import bare_operations, bracket_aliases, initials_pairs
from filature.extract.corpus import acronym_table, bare_uses
from filature.extract.corpusfilters import (
    confirm_institutions,
    filter_footnotes,
    filter_pairs,
    filter_people,
    filter_shouting,
    fix_acronym_names,
    retype_publishers,
)
from filature.extract.droprules import FOOTNOTES, INSTITUTIONS, PAIRS, PEOPLE, SHORT_NAMES, SHOUTING
from filature.extract.drops import CorpusDrop, DropRule
from filature.extract.lexicon import load_lexicon
from filature.extract.mentions import DocumentAnalysis
from filature.extract.merge import Draft, group
from filature.extract.named import labelled_aliases
from filature.extract.persons import Located, resolve_short_names
from filature.extract.spread import same_names
from filature.extract.stepmemo import StepMemo
from filature.models import ENTITY_TYPES, Document, Entity, Mention


def build_drafts(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    drops: list[CorpusDrop] | None = None,
    memo: StepMemo | None = None,
) -> list[Draft]:
    """Step 2: corpus-level acronyms, filters, person resolution and grouping.

    With ``drops``, every span a filter removed (in the analysis or here) is appended to it.
    With ``memo``, the per-document steps reuse what an earlier build found in a document.
    """
    lex = load_lexicon()
    acronyms = acronym_table(analyses)
    if drops is not None:
        drops.extend(CorpusDrop(i, d) for i, a in enumerate(analyses) for d in a.dropped)
    audit = _Audit(drops)
    located = [Located(i, m) for i, a in enumerate(analyses) for m in a.mentions]
    located += bare_uses(documents, located, acronyms, lex)
    located = audit.step(located, filter_footnotes(located, lex), FOOTNOTES)
    located = audit.step(located, confirm_institutions(located, lex), INSTITUTIONS)
    located = retype_publishers(located, lex)
    located = sorted(located, key=_order)
    located = audit.step(located, resolve_short_names(located), SHORT_NAMES)
    written = {key for a in analyses for key in a.capitalised}
    located = audit.step(located, filter_shouting(located, acronyms, written), SHOUTING)
    located = audit.step(located, filter_people(located), PEOPLE)
    located = fix_acronym_names(located, acronyms, lex)
    located = audit.step(located, filter_pairs(located), PAIRS)
    added, pairs = bracket_aliases(documents, located)
    located += added + bare_operations(documents, located, lex)
    named, replaced, named_pairs = labelled_aliases(documents, located)
    located = _without(located, replaced) + named
    pairs += named_pairs
    spread, replaced = same_names(documents, located, acronyms, lex, memo)
    located = _without(located, replaced) + spread
    pairs += initials_pairs(located, acronyms, lex)
    return group(located, acronyms, lex, pairs)


class _Audit:
    """Records the mentions each corpus filter removed (when a drop list is given)."""

    def __init__(self, drops: list[CorpusDrop] | None) -> None:
        self.drops = drops

    def step(self, before: list[Located], after: list[Located], rule: DropRule) -> list[Located]:
        """What a filter kept (``after``); the others of ``before`` recorded as ``rule`` drops."""
        if self.drops is not None:
            kept = {_order(m) for m in after}
            for m in before:
                if _order(m) not in kept:
                    r = m.raw
                    d = rule.dropped(r.passage_seq, r.start, r.end, r.surface, r.label, r.type)
                    self.drops.append(CorpusDrop(m.doc_index, d))
        return after


def _without(mentions: list[Located], removed: Sequence[Located]) -> list[Located]:
    gone = {_order(m) for m in removed}
    return [m for m in mentions if _order(m) not in gone]


def _order(m: Located) -> tuple[int, int, int, int]:
    return (m.doc_index, m.raw.passage_seq, m.raw.start, m.raw.end)


def freeze(drafts: Sequence[Draft]) -> tuple[Entity, ...]:
    """Number the entities (most mentioned first) and convert them to ``Entity``."""
    ranked = sorted(
        (d for d in drafts if d.mentions),
        key=lambda d: (-len(d.mentions), ENTITY_TYPES.index(d.type), d.name),
    )
    entities = []
    for key, d in enumerate(ranked):
        seen: dict[tuple[int, int, int, int], Mention] = {}
        for m in sorted(d.mentions, key=_order):
            mention = Mention(
                m.doc_index, m.raw.passage_seq, m.raw.start, m.raw.end, m.raw.surface, m.raw.role
            )
            seen.setdefault(_order(m), mention)
        aliases = tuple(sorted(d.aliases | {d.name}))
        entities.append(Entity(key, d.name, d.type, aliases, tuple(seen.values())))
    return tuple(entities)
