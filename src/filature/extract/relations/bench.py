"""Court composition: "M. Cathala, président, Mmes Ott, Sommé, conseillers" in a decision whose
heading names the court ("COUR DE CASSATION"): each person holds that role in that court."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from filature.extract.phrases import folded_token_texts, phrase_index, phrase_starts
from filature.extract.relations.actors import MentionIndex
from filature.extract.relations.lexicon import RelationLexicon, fold, load_relation_lexicon
from filature.extract.relations.negation import is_negated
from filature.extract.relations.roles import institution_after
from filature.extract.relations.types import MentionSpan, RelationCandidate, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

_CONFIDENCE = 0.8
_LIST_WORDS = {",", "et"}
_PARTICLES = {"de", "le", "la", "d'", "du"}  # inside a name the parse did not find
_TITLES = {"m.", "m", "mme", "mmes", "mm.", "mm", "mlle", "me", "monsieur", "madame", "maitre"}


@dataclass(frozen=True)
class BenchRole:
    """A person given a court role with no institution named: "Mme X, conseiller"."""

    source: Span
    role: str
    evidence: Span


def _listed_before(index: MentionIndex, doc: Doc, i: int, plural: bool) -> list[int]:
    """The persons named just before the role word at token ``i`` ("M. X, Mmes Y, Z,"): the
    last one, or, for a plural role, every one listed back to the previous non-list word."""
    found: list[int] = []
    k = i - 1
    if k < 0 or doc[k].text != ",":
        return found
    while k >= 0:
        tok = doc[k]
        m = index.at(tok)
        if m is not None:
            if index.type_of(m) != "person":
                break
            if m not in found:
                found.append(m)
            if not plural:
                break
            k = index.tokens.get(m, (k, k))[0] - 1
            continue
        name_part = plural and tok.pos_ == "PROPN" and tok.text[:1].isupper()
        if fold(tok.text) not in _LIST_WORDS | _TITLES | _PARTICLES and not name_part:
            break
        k -= 1
    return found


def find_bench_roles(
    doc: Doc, mentions: Sequence[MentionSpan], lexicon: RelationLexicon | None = None
) -> list[BenchRole]:
    """Persons of one parsed passage given a court role ("président", "conseillers", "greffier")
    that names no institution: they belong to the court of the document's heading."""
    lex = lexicon or load_relation_lexicon()
    if not lex.bench_roles or not any(m.type == "person" for m in mentions):
        return []
    index = MentionIndex(doc, sorted(mentions, key=lambda m: (m.start, m.end)))
    words = folded_token_texts(doc, fold)
    phrases = phrase_index(lex.bench_roles)
    out: list[BenchRole] = []
    after = 0
    for i in phrase_starts(words, phrases):
        n = phrases.match(words, i) if i >= after else 0
        if not n:
            continue
        after = i + n
        if institution_after(index, doc, i + n) is not None or is_negated(doc[i], lex):
            continue
        phrase = " ".join(words[i : i + n])
        role = lex.bench_plurals.get(phrase) or " ".join(t.text for t in doc[i : i + n]).lower()
        end = doc[i + n - 1].idx + len(doc[i + n - 1].text)
        for m in _listed_before(index, doc, i, phrase in lex.bench_plurals):
            span = index.mentions[m]
            out.append(BenchRole(span.span, role, (span.start, end)))
    return out


Court = tuple[int, Span, str]
"""A court named in a passage: (seq, span, folded name)."""


def courts_named(seq: int, text: str, mentions: Sequence[MentionSpan]) -> list[Court]:
    """The organisations of one passage whose name starts with a court word ("Cour ...")."""
    courts = load_relation_lexicon().bench_courts
    out: list[Court] = []
    for m in mentions:
        name = " ".join(fold(text[m.start : m.end]).split())
        if m.type == "organization" and name.split(" ", 1)[0] in courts:
            out.append((seq, m.span, name))
    return out


def court_of(headings: Sequence[tuple[int, str]], courts: Sequence[Court]) -> Court | None:
    """The court the document's heading names: a court mention in a heading passage, or a
    heading line that is the name of a court the document mentions elsewhere ("COUR DE
    CASSATION" above a body that names the "Cour de cassation")."""
    heading_seqs = {seq for seq, _ in headings}
    for court in courts:
        if court[0] in heading_seqs:
            return court
    for _, text in headings:
        line = " ".join(fold(text).split())
        for court in courts:
            if court[2] == line:
                return court
    return None


def bench_candidates(
    headings: Sequence[tuple[int, str]],
    courts: Sequence[Court],
    roles: Sequence[tuple[int, BenchRole]],
) -> list[tuple[int, RelationCandidate]]:
    """holds_role from each person of the bench to the court of the heading, if one is named."""
    court = court_of(headings, courts) if roles else None
    if court is None:
        return []
    seq_court, span, _ = court
    return [
        (
            seq,
            RelationCandidate(
                source=r.source,
                target=span,
                type="holds_role",
                rule="role_bench",
                confidence=_CONFIDENCE,
                evidence=r.evidence,
                role=r.role,
                trigger=r.role,
                target_seq=seq_court,
                more_evidence=((seq_court, *span),),
            ),
        )
        for seq, r in roles
    ]
