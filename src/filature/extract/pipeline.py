"""The entity pipeline: per-document analysis, corpus-level merging, curation."""

from __future__ import annotations

from collections.abc import Sequence

from filature.extract.aliases import bare_operations, bracket_aliases, initials_pairs
from filature.extract.analyze import DocumentAnalysis
from filature.extract.corpus import (
    acronym_table,
    bare_uses,
    confirm_institutions,
    filter_footnotes,
    filter_pairs,
    filter_people,
    filter_shouting,
    fix_acronym_names,
    retype_publishers,
)
from filature.extract.drops import CorpusDrop, Dropped
from filature.extract.lexicon import load_lexicon
from filature.extract.merge import Draft, group
from filature.extract.named import labelled_aliases
from filature.extract.persons import Located, resolve_short_names
from filature.extract.spread import same_names
from filature.models import ENTITY_TYPES, Document, Entity, Mention


def build_drafts(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    drops: list[CorpusDrop] | None = None,
) -> list[Draft]:
    """Step 2: corpus-level acronyms, filters, person resolution and grouping.

    With ``drops``, every span a filter removed (in the analysis or here) is appended to it.
    """
    lex = load_lexicon()
    acronyms = acronym_table(analyses)
    if drops is not None:
        drops.extend(CorpusDrop(i, d) for i, a in enumerate(analyses) for d in a.dropped)
    audit = _Audit(drops)
    located = [Located(i, m) for i, a in enumerate(analyses) for m in a.mentions]
    located += bare_uses(documents, located, acronyms, lex)
    located = audit.step(located, filter_footnotes(located, lex), *_FOOTNOTES)
    located = audit.step(located, confirm_institutions(located, lex), *_INSTITUTIONS)
    located = retype_publishers(located, lex)
    located = sorted(located, key=_order)
    located = audit.step(located, resolve_short_names(located), *_SHORT_NAMES)
    located = audit.step(located, filter_shouting(located, acronyms, documents), *_SHOUTING)
    located = audit.step(located, filter_people(located), *_PEOPLE)
    located = fix_acronym_names(located, acronyms, lex)
    located = audit.step(located, filter_pairs(located), *_PAIRS)
    added, pairs = bracket_aliases(documents, located)
    located += added + bare_operations(documents, located, lex)
    named, replaced, named_pairs = labelled_aliases(documents, located)
    located = _without(located, replaced) + named
    pairs += named_pairs
    spread, replaced = same_names(documents, located, acronyms, lex)
    located = _without(located, replaced) + spread
    pairs += initials_pairs(located, acronyms, lex)
    return group(located, acronyms, lex, pairs)


_FOOTNOTES = ("footnote noise", "in a footnote only, not its author, no actor head, or quoted")
_INSTITUTIONS = ("unconfirmed institution", "named only inside a job title in its document")
_SHORT_NAMES = ("bare surname", "one word, no full name in the document, no title, not PER")
_SHOUTING = ("shouting", "a long all-caps word never written otherwise nor defined")
_PEOPLE = ("place in person", "a word of the name is used alone as a place in the document")
_PAIRS = ("pair", "two known names joined by a hyphen")


class _Audit:
    """Records the mentions each corpus filter removed (when a drop list is given)."""

    def __init__(self, drops: list[CorpusDrop] | None) -> None:
        self.drops = drops

    def step(
        self, before: list[Located], after: list[Located], rule: str, reason: str
    ) -> list[Located]:
        if self.drops is not None:
            kept = {_order(m) for m in after}
            for m in before:
                if _order(m) not in kept:
                    r = m.raw
                    d = Dropped(
                        r.passage_seq, r.start, r.end, r.surface, r.label, r.type, rule, reason
                    )
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
