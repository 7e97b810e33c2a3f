"""Which mentions a token stands for: the bridge between the parse and the entity mentions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from filature.extract.acronyms import MIN_COVERAGE, coverage
from filature.extract.relations.connectives import LIST_GAP, described, has_dont
from filature.extract.relations.lexicon import fold
from filature.extract.relations.types import MentionSpan
from filature.extract.textnorm import is_acronym

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_DESCEND = {"nmod", "appos", "flat:name", "flat", "compound", "fixed", "obl:arg", "obl", "obl:mod"}
_SUCH = {"tel", "tels", "telle", "telles"}
_PRONOUNS = {"il", "elle", "ils", "elles"}
_DEMONSTRATIVES = {"ce", "cet", "cette", "ces"}


class MentionIndex:
    """The mentions of one parsed passage, located on its tokens."""

    def __init__(self, doc: Doc, mentions: Sequence[MentionSpan], text: str | None = None) -> None:
        self.doc = doc
        self.text: str = doc.text if text is None else text
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

    def full_name(self, index: int) -> int:
        """ "Le Front al-Nosra s'est formé ... Le Front est membre de Y": a one-word name after
        a definite article, the first word of exactly one longer organisation name given
        earlier in the passage, stands for that organisation (the longer mention is returned;
        otherwise ``index`` itself)."""
        m = self.mentions[index]
        word = self.text[m.start : m.end]
        if m.type != "organization" or " " in word or not word[:1].isupper():
            return index
        before = self.text[max(0, m.start - 4) : m.start]
        if not re.search(r"(?:^|\s)(?:le|la|les|l['’])\s*$", before, re.IGNORECASE):
            return index
        names: dict[str, int] = {}
        for j, other in enumerate(self.mentions):
            if other.start >= m.start or other.type != "organization":
                continue
            name = self.text[other.start : other.end]
            if name.split(" ", 1)[0] == word and " " in name:
                names[name] = j
        return next(iter(names.values())) if len(names) == 1 else index

    def at(self, token: Token) -> int | None:
        """The mention covering ``token``, if any."""
        return self.by_token.get(token.i)

    def token_of(self, index: int) -> Token | None:
        """The syntactic head of mention ``index``'s tokens, if it lies on any."""
        span = self.tokens.get(index)
        return None if span is None else self.doc[span[0] : span[1]].root

    def apposed_name(self, noun: Token) -> int | None:
        """ "Frontex, l'agence européenne des frontières, a son siège à Y": the name that opens
        the sentence right before a described subject the parse took for the subject itself."""
        doc = noun.doc
        k = noun.left_edge.i - 1
        if noun.pos_ != "NOUN" or k < 1 or doc[k].text != "," or doc[k + 1].pos_ != "DET":
            return None
        m = self.at(doc[k - 1])
        first = self.tokens.get(m, (k, k))[0] if m is not None else k
        if m is None or any(t.pos_ != "DET" for t in doc[noun.sent.start : first]):
            return None
        return m

    def starting_at(self, offset: int) -> int | None:
        """The mention that starts at character ``offset``, if any."""
        return next((i for i, m in enumerate(self.mentions) if m.start == offset), None)

    def type_of(self, index: int) -> str:
        return self.mentions[index].type

    def phrase(self, token: Token, depth: int = 3) -> int | None:
        """The mention a noun phrase headed by ``token`` names: itself or a nearest complement.

        "une délégation du ministère X" -> the mention of "ministère X"; an apposition names
        the phrase itself and comes first ("le vice-ministre de X, Y" -> Y).
        """
        found = self.at(token)
        if found is None and depth == 3:
            found = self._named_after(token)
        if found is None:
            found = self._demonstrative(token)
        if found is not None or depth == 0:
            return found
        kids = sorted(
            (c for c in token.children if c.dep_ in _DESCEND and c.pos_ in {"NOUN", "PROPN", "X"}),
            key=lambda c: (c.dep_ != "appos", abs(c.i - token.i)),
        )
        for child in kids:
            hit = self.phrase(child, depth - 1)
            if hit is not None:
                return self._named_by_acronym(child, hit)
        return None

    def _demonstrative(self, token: Token) -> int | None:
        """ "le Comité des droits de l'enfant ... les dépenses de ce comité": a common noun
        after a demonstrative stands for the one organisation named earlier in the passage
        whose name begins with that noun."""
        if token.pos_ != "NOUN" or not any(
            c.dep_ == "det" and fold(c.text) in _DEMONSTRATIVES for c in token.children
        ):
            return None
        word = fold(token.text)
        names: dict[str, int] = {}
        for j, m in enumerate(self.mentions):
            if m.start >= token.idx or m.type != "organization":
                continue
            name = fold(self.text[m.start : m.end])
            if name.split(" ", 1)[0] == word and " " in name:
                names[name] = j
        return next(iter(names.values())) if len(names) == 1 else None

    def _named_by_acronym(self, token: Token, hit: int) -> int:
        """ "le mécanisme de coopération de l'Union africaine (AFRIPOL)": an acronym in
        apposition that does not abbreviate the complement names the whole phrase."""
        name = self.text[self.mentions[hit].start : self.mentions[hit].end]
        for c in token.children:
            other = self.at(c) if c.dep_ == "appos" else None
            if other is None or other == hit:
                continue
            m = self.mentions[other]
            acronym = self.text[m.start : m.end]
            if is_acronym(acronym) and coverage(acronym, name) < MIN_COVERAGE:
                return other
        return hit

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
        dont = [c for c in token.children if c.dep_.startswith("acl") and has_dont(c)]
        found: list[int] = []
        if dont:
            for c in dont:
                found.extend(self.group(c))
        else:
            hit = self.phrase(token)
            if hit is not None:
                found.append(hit)
            else:
                found.extend(self._such_as(token))
        conjuncts = [c for c in token.children if c.dep_ == "conj"]
        for appos in (c for c in token.children if c.dep_ == "appos"):
            conjuncts.extend(
                c for c in appos.children if c.dep_ == "conj" and self.at(c) is not None
            )
        for c in conjuncts:
            if c.pos_ in {"NOUN", "PROPN", "X"} or self.at(c) is not None:  # "le Portugal": ADJ
                found.extend(m for m in self.group(c) if m not in found)
        if lists and found:
            for start in (found[0], found[-1]):
                found.extend(m for m in self.list_after(start) if m not in found)
        return found

    def _such_as(self, token: Token) -> list[int]:
        """ "des officiers de 122 pays tels que la Malaisie, la Birmanie et le Pakistan": the
        examples listed after "tels que" in the phrase of ``token``."""
        doc = self.doc
        for t in token.subtree:
            if fold(t.text) not in _SUCH or t.i + 1 >= len(doc):
                continue
            if fold(doc[t.i + 1].text) not in {"que", "qu'"}:
                continue
            for k in range(t.i + 2, min(t.i + 5, len(doc))):
                hit = self.at(doc[k])
                if hit is not None:
                    return [hit, *self.list_after(hit)]
        return []

    def list_after(self, index: int, *, subjects: bool = False) -> list[int]:
        """Mentions listed after mention ``index`` (separated by commas, "et", "ou", articles).

        A subject of a clause ends the list unless ``subjects`` ("entre X et Y": the parse may
        take Y for the subject of the verb that follows)."""
        out: list[int] = []
        current = self.mentions[index]
        text = self.text
        for j, m in sorted(enumerate(self.mentions), key=lambda p: p[1].start):
            if m.start < current.end:
                continue
            gap = text[current.end : m.start]
            if not (LIST_GAP.match(gap) or described(gap)) or (
                not subjects and self._is_subject(j)
            ):
                break
            out.append(j)
            current = m
        return out

    def _is_subject(self, index: int) -> bool:
        """True if mention ``index`` is the subject of a clause (it starts a new one)."""
        span = self.tokens.get(index)
        return span is not None and any(
            self.doc[k].dep_ in {"nsubj", "nsubj:pass"} for k in range(*span)
        )

    def list_before(self, index: int) -> list[int]:
        """Mentions listed just before mention ``index`` ("les États-Unis et la Chine")."""
        out: list[int] = []
        current = self.mentions[index]
        text = self.text
        for j, m in sorted(enumerate(self.mentions), key=lambda p: -p[1].end):
            if m.end > current.start:
                continue
            if not LIST_GAP.match(text[m.end : current.start]):
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
        return self.previous_subject(token) if best is None else best

    def previous_subject(self, token: Token) -> int | None:
        """ "Le Front a une position ambiguë. Il s'est allié avec Y": a pronoun (or "le
        groupe") that opens its sentence stands for the named subject of the main clause of the
        sentence before."""
        sent = token.sent
        if any(
            t.pos_ not in {"ADV", "PUNCT", "CCONJ", "DET"} for t in self.doc[sent.start : token.i]
        ):
            return None
        if sent.start == 0:
            return None
        before = self.doc[sent.start - 1].sent
        for c in before.root.children:
            if c.dep_ in {"nsubj", "nsubj:pass"}:
                return self.at(c) if c.pos_ != "PRON" else None
        return None
