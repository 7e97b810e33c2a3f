"""Which mentions a token stands for: the bridge between the parse and the entity mentions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from filature.extract.relations.lexicon import fold
from filature.extract.relations.types import MentionSpan

_DESCEND = {"nmod", "appos", "flat:name", "flat", "compound", "fixed", "obl:arg", "obl", "obl:mod"}
_LIST_GAP = re.compile(
    r"^\s*(?:,|;|et|ou|ainsi que|,\s*et|,\s*ou)?\s*"
    r"(?:(?:les?|la|l['’]|des|du|de la|de l['’]|d['’]|aux?|à la|à l['’]|en)\s*)?$",
    re.IGNORECASE,
)
_PRONOUNS = {"il", "elle", "ils", "elles"}
_RELATIVES = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}


def case_words(token: Token) -> str:
    """The folded prepositions (case/mark children) introducing ``token``: "à destination de"."""
    words = [
        c.text for c in token.children if c.dep_ in {"case", "mark", "fixed"} and c.i < token.i
    ]
    return fold(" ".join(words))


class MentionIndex:
    """The mentions of one parsed passage, located on its tokens."""

    def __init__(self, doc: Doc, mentions: Sequence[MentionSpan]) -> None:
        self.doc = doc
        self.mentions = tuple(mentions)
        self.by_token: dict[int, int] = {}
        self.tokens: dict[int, tuple[int, int]] = {}
        for i, m in enumerate(self.mentions):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.tokens[i] = (span.start, span.end)
            for t in span:
                self.by_token.setdefault(t.i, i)

    def at(self, token: Token) -> int | None:
        """The mention covering ``token``, if any."""
        return self.by_token.get(token.i)

    def type_of(self, index: int) -> str:
        return self.mentions[index].type

    def phrase(self, token: Token, depth: int = 3) -> int | None:
        """The mention a noun phrase headed by ``token`` names: itself or a nearest complement.

        "une délégation du ministère X" -> the mention of "ministère X".
        """
        found = self.at(token)
        if found is None and depth == 3:
            found = self._named_after(token)
        if found is not None or depth == 0:
            return found
        kids = sorted(
            (c for c in token.children if c.dep_ in _DESCEND and c.pos_ in {"NOUN", "PROPN", "X"}),
            key=lambda c: abs(c.i - token.i),
        )
        for child in kids:
            hit = self.phrase(child, depth - 1)
            if hit is not None:
                return hit
        return None

    def _named_after(self, token: Token) -> int | None:
        """ "la start-up chinoise CloudWalk": a name right after a common noun and adjectives."""
        doc = self.doc
        for k in range(token.i + 1, min(token.i + 5, len(doc))):
            hit = self.at(doc[k])
            if hit is not None:
                return hit
            if doc[k].pos_ not in {"NOUN", "ADJ", "X", "PROPN"} and doc[k].text != "-":
                return None
        return None

    def subject_before(self, verb: Token) -> int | None:
        """The mention just before ``verb`` (past auxiliaries, adverbs, commas), if any."""
        k = verb.i - 1
        while k >= verb.sent.start and (
            self.doc[k].pos_ in {"AUX", "ADV", "PUNCT"} or self.doc[k].dep_.startswith("expl")
        ):
            k -= 1
        if k < verb.sent.start:
            return None
        return self.at(self.doc[k])

    def group(self, token: Token, *, lists: bool = False) -> list[int]:
        """Mentions named by ``token``'s phrase and the phrases coordinated with it.

        "7 États, dont la France et l'Italie" gives France and Italy; with ``lists`` a surface
        list after the last mention ("avec le Laos, le Myanmar et la Thaïlande") is followed too.
        """
        dont = [c for c in token.children if c.dep_.startswith("acl") and _has_dont(c)]
        found: list[int] = []
        if dont:
            for c in dont:
                found.extend(self.group(c))
        else:
            hit = self.phrase(token)
            if hit is not None:
                found.append(hit)
        conjuncts = [c for c in token.children if c.dep_ == "conj"]
        for appos in (c for c in token.children if c.dep_ == "appos"):
            conjuncts.extend(
                c for c in appos.children if c.dep_ == "conj" and self.at(c) is not None
            )
        for c in conjuncts:
            if c.pos_ in {"NOUN", "PROPN", "X"}:
                found.extend(m for m in self.group(c) if m not in found)
        if lists and found:
            found.extend(m for m in self.list_after(found[-1]) if m not in found)
        return found

    def list_after(self, index: int) -> list[int]:
        """Mentions listed after mention ``index`` (separated by commas, "et", "ou", articles)."""
        out: list[int] = []
        current = self.mentions[index]
        text = self.doc.text
        for j, m in sorted(enumerate(self.mentions), key=lambda p: p[1].start):
            if m.start < current.end:
                continue
            if not _LIST_GAP.match(text[current.end : m.start]):
                break
            out.append(j)
            current = m
        return out

    def list_before(self, index: int) -> list[int]:
        """Mentions listed just before mention ``index`` ("les États-Unis et la Chine")."""
        out: list[int] = []
        current = self.mentions[index]
        text = self.doc.text
        for j, m in sorted(enumerate(self.mentions), key=lambda p: -p[1].end):
            if m.end > current.start:
                continue
            if not _LIST_GAP.match(text[m.end : current.start]):
                break
            out.append(j)
            current = m
        return out

    def resolve_pronoun(self, token: Token) -> int | None:
        """A subject pronoun ("elle") resolved to the subject mention before it in its sentence."""
        if fold(token.text) not in _PRONOUNS:
            return None
        best: int | None = None
        for t in token.sent:
            if t.i >= token.i:
                break
            m = self.at(t)
            if m is not None and t.dep_ in {"nsubj", "nsubj:pass"}:
                best = m
        return best


def _has_dont(token: Token) -> bool:
    return any(fold(c.text) == "dont" for c in token.children)


def is_relative(token: Token) -> bool:
    """True for a relative pronoun subject ("qui")."""
    return fold(token.text) in _RELATIVES
