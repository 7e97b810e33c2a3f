"""The entity pipeline: per-document analysis, corpus-level merging, curation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from filature.extract.aliases import bare_operations, bracket_aliases, initials_pairs
from filature.extract.analyze import DocumentAnalysis, PassageHook, analyze_document
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
from filature.extract.lexicon import load_lexicon
from filature.extract.merge import Draft, group
from filature.extract.persons import Located, resolve_short_names
from filature.models import ENTITY_TYPES, Document, Entity, Mention

if TYPE_CHECKING:
    from spacy.language import Language


def analyze_all(
    documents: Sequence[Document],
    nlp: Language,
    *,
    progress: Callable[[int], None] | None = None,
    on_passage: PassageHook | None = None,
) -> list[DocumentAnalysis]:
    """Step 1 for every document (a build may replace it by cached analyses)."""
    return [analyze_document(d, nlp, progress=progress, on_passage=on_passage) for d in documents]


def build_drafts(
    documents: Sequence[Document], analyses: Sequence[DocumentAnalysis]
) -> list[Draft]:
    """Step 2: corpus-level acronyms, filters, person resolution and grouping."""
    lex = load_lexicon()
    acronyms = acronym_table(analyses)
    located = [Located(i, m) for i, a in enumerate(analyses) for m in a.mentions]
    located += bare_uses(documents, located, acronyms, lex)
    located = confirm_institutions(filter_footnotes(located, lex), lex)
    located = retype_publishers(located, lex)
    located = resolve_short_names(sorted(located, key=_order))
    located = filter_people(filter_shouting(located, acronyms))
    located = filter_pairs(fix_acronym_names(located, acronyms, lex))
    added, pairs = bracket_aliases(documents, located)
    located += added + bare_operations(documents, located, lex)
    pairs += initials_pairs(located, acronyms, lex)
    return group(located, acronyms, lex, pairs)


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
