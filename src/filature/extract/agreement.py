"""An adjective at the end of a name that agrees with a noun outside it (``data/agreement.toml``):
"la province du Kurdistan iranienne" names "Kurdistan"; "iranienne" goes with "province".

The adjective is cut when it is feminine only (by its ending and the parse) while the noun it
is attached to is governed by a masculine singular article ("du", "au", "le").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from filature.extract.lexicon import read_data
from filature.extract.spans import Trimmed
from filature.extract.textnorm import collapse, fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class AgreementWords:
    """The folded entries of ``data/agreement.toml``."""

    masculine_articles: frozenset[str]
    feminine_endings: tuple[str, ...]


@cache
def load_agreement_words() -> AgreementWords:
    """Read ``data/agreement.toml`` (cached)."""
    data = read_data("agreement.toml")
    return AgreementWords(
        masculine_articles=frozenset(fold(w) for w in data["masculine_articles"]["words"]),
        feminine_endings=tuple(fold(w) for w in data["feminine_endings"]["endings"]),
    )


def _feminine_only(tok: Token, words: AgreementWords) -> bool:
    return (
        tok.pos_ == "ADJ"
        and tok.text.islower()
        and "Fem" in tok.morph.get("Gender", [])
        and fold(tok.text).endswith(words.feminine_endings)
    )


def _masculine(noun: Token, words: AgreementWords) -> bool:
    """``noun`` is governed by a masculine singular article ("du Kurdistan")."""
    return any(
        child.dep_ in ("case", "det") and fold(child.text) in words.masculine_articles
        for child in noun.children
        if child.i < noun.i
    )


def cut_disagreeing_adjective(doc: Doc, text: str, span: Trimmed) -> Trimmed:
    """``span`` ended before a feminine adjective attached to a masculine noun of it."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) < 2:
        return span
    words = load_agreement_words()
    for tok in tokens[1:]:
        noun = tok.head
        if (
            _feminine_only(tok, words)
            and tokens.start <= noun.i < tok.i
            and noun.pos_ in ("NOUN", "PROPN")
            and _masculine(noun, words)
        ):
            stop = tok.idx
            while stop > span.start and text[stop - 1].isspace():
                stop -= 1
            return replace(span, end=stop, name=collapse(text[span.start : stop]))
    return span
