"""The mentions a passage's name filters never see: institutions named in job titles, the
place and organisation a branch's name holds, proper nouns coordinated with a place, and the
two forms of each acronym definition."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from filature.extract.acronyms import AcronymDef
from filature.extract.administration import UnitSpan
from filature.extract.institutions import LABEL as INSTITUTION_LABEL
from filature.extract.institutions import institution_spans
from filature.extract.lexicon import load_lexicon
from filature.extract.mentions import (
    RawMention,
)
from filature.extract.relations.lexicon import load_relation_lexicon
from filature.extract.rules import (
    head_type,
)
from filature.extract.textnorm import is_acronym
from filature.models import EntityType, Passage

if TYPE_CHECKING:
    from spacy.tokens import Doc


def coordinated_places(
    passage: Passage, doc: Doc, found: Sequence[RawMention], taken: list[tuple[int, int]]
) -> list[RawMention]:
    """ "le Maroc et l'Espagne": a proper noun NER left untagged, coordinated with a place the
    NER found, is a place too."""
    added: list[RawMention] = []
    for m in found:
        if m.type != "place" or m.label != "LOC":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        partners = [c for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj":
            partners.append(root.head)
        for tok in partners:
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_:
                continue
            last = max((c for c in tok.children if c.dep_ == "flat:name"), default=tok)
            start, end = tok.idx, last.idx + len(last.text)
            if not tok.is_alpha or any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            text = passage.text[start:end]
            added.append(
                RawMention(passage.seq, start, end, text, text, "place", "LOC", None, passage.zone)
            )
    return added


def named_inside(passage: Passage, unit: UnitSpan) -> Iterator[RawMention]:
    """The region and the organisation a branch's name holds, as mentions of their own."""
    inside: list[tuple[tuple[int, int] | None, EntityType, str]] = [
        (unit.place, "place", "LOC"),
        (unit.parent, "organization", "ORG"),
    ]
    for offsets, etype, label in inside:
        if offsets is not None:
            s, e = offsets
            name = passage.text[s:e]
            yield RawMention(passage.seq, s, e, name, name, etype, label, None, passage.zone)


def institution_mentions(passage: Passage, doc: Doc) -> list[RawMention]:
    """Institutions named in job titles ("ministre de la Sécurité publique"): candidates the
    corpus step keeps only if the institution is named elsewhere."""
    roles = load_relation_lexicon().roles
    return [
        RawMention(
            passage.seq,
            span.start,
            span.end,
            passage.text[span.start : span.end],
            span.name,
            "organization",
            INSTITUTION_LABEL,
            None,
            passage.zone,
        )
        for span in institution_spans(doc, load_lexicon(), roles)
    ]


def add_acronym_mentions(
    passage: Passage, defs: Iterable[AcronymDef], found: list[RawMention]
) -> None:
    """Add mentions for each definition's long form (replacing partial NER spans) and acronym."""
    lex = load_lexicon()
    for d in defs:
        spans = ((d.start, d.end, d.long_form), (d.acronym_start, d.acronym_end, d.acronym))
        for start, end, name in spans:
            inside = [m for m in found if start <= m.start and m.end <= end]
            if any(m.start < end and start < m.end for m in found if m not in inside):
                continue
            if len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end):
                continue
            for m in inside:
                found.remove(m)
            found.append(
                RawMention(
                    passage.seq,
                    start,
                    end,
                    passage.text[start:end],
                    name,
                    head_type(name, lex) or "organization",
                    "ACRONYM" if is_acronym(name) else "LONGFORM",
                    None,
                    passage.zone,
                )
            )
