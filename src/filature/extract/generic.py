"""Names headed by a generic noun that NER cuts or keeps alone (``data/generic.toml``).

- The parse extends a capitalised generic head over the name-forming adjectives that follow it:
  "l'État islamique" (NER: "État", a place), "le Front populaire", "le Parti communiste
  chinois" (``adjective_end``).
- The document's own definitions resolve the head alone: "le Front" is the "Front populaire"
  the document named before; with no such name before it names no body (``refer_bare_heads``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from filature.extract.bodies import load_body_words
from filature.extract.countries import load_countries
from filature.extract.droprules import BARE_HEAD
from filature.extract.drops import Dropped
from filature.extract.mentions import RawMention
from filature.extract.textnorm import fold, norm_key
from filature.extract.wordlists import WordLists, listed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_STATE = "etat"


@dataclass(frozen=True)
class GenericHeads(WordLists):
    """The folded words of ``data/generic.toml``."""

    FILE = "generic.toml"
    by_adjective: frozenset[str] = listed("named_by_adjective", "heads")
    suffixes: tuple[str, ...] = listed("named_by_adjective", "suffixes", "tuple")
    state_forms: frozenset[str] = listed("named_by_adjective", "state_forms")
    alone: frozenset[str] = listed("alone", "heads")


def _name_forming(tok: Token, heads: GenericHeads) -> bool:
    """A lowercase adjective that can be part of a name: relational ("islamique", "pénale"),
    political ("communiste") or of a nationality ("chinois"), not qualifying nor opening a
    complement of its own ("relatif à")."""
    words = load_body_words()
    if words.classifying(tok):
        return True
    word = fold(tok.text)
    return (
        tok.pos_ == "ADJ"
        and tok.text.islower()
        and tok.is_alpha
        and word.endswith(heads.suffixes)
        and word not in words.qualifying
    )


def adjective_end(doc: Doc, i: int) -> int:
    """Token end of the name a capitalised generic head at token ``i`` makes with the
    name-forming adjectives right after it; ``i + 1`` when none follows. "État" takes no
    adjective of nationality ("l'État français" is a state) nor of a state's form ("l'État
    fédéral")."""
    heads = GenericHeads.load()
    head = doc[i]
    if not head.text[:1].isupper() or fold(head.text) not in heads.by_adjective:
        return i + 1
    end = i + 1
    while end < len(doc) and _name_forming(doc[end], heads) and head.whitespace_:
        state = end == i + 1 and fold(head.text) == _STATE
        word = fold(doc[end].text)
        if state and (word in heads.state_forms or word in load_body_words().nationalities):
            break
        end += 1
    return end


def refer_bare_heads(mentions: Sequence[RawMention], dropped: list[Dropped]) -> list[RawMention]:
    """Each mention of a generic head alone ("le Front", "la Cour") named as the nearest
    fuller name with that head the document gave before it ("Front populaire"); one with no
    such name before is dropped (recorded in ``dropped``). ``mentions`` are in document
    order."""
    alone = GenericHeads.load().alone
    last: dict[str, RawMention] = {}
    out = []
    for m in mentions:
        words = norm_key(m.name).split()
        if not words:
            out.append(m)
            continue
        if len(words) > 1 and words[0] in alone and m.type == "organization":
            last[words[0]] = m
        if len(words) > 1 or words[0] not in alone or m.surface.islower():
            out.append(m)
            continue
        fuller = last.get(words[0])
        if fuller is None:
            drop = BARE_HEAD.dropped(m.passage_seq, m.start, m.end, m.surface, m.label, m.type)
            dropped.append(drop)
            continue
        out.append(replace(m, name=fuller.name, type=fuller.type))
    return out


def generic_name_end(doc: Doc, start: int, end: int) -> int | None:
    """Token end of the name a NER span ``start:end`` opened by a generic head makes, when NER
    cut it at the head ("État" of "l'État islamique": the head and its adjectives) or ran on
    past an adjective into a lowercase noun or verb, which no French name puts right after an
    adjective ("Cour pénale internationale siège à La Haye"); None otherwise."""
    if start > 0 and fold(doc[start - 1].text) in _INDEFINITE:
        return None
    stop = adjective_end(doc, start)
    if end == start + 1 and stop > end:
        return None if _names_a_state(doc, start, stop) else stop
    if fold(doc[start].text) not in GenericHeads.load().by_adjective:
        return None
    for k in range(start + 2, end):
        before, tok = doc[k - 1], doc[k]
        if before.pos_ == "ADJ" and before.text.islower() and _runs_on(tok):
            return k
    return None


def _names_a_state(doc: Doc, start: int, stop: int) -> bool:
    """True if the words name a state ("Gouvernement italien" is Italy's): the state rules
    (``countries``) read them, not this module."""
    return load_countries().state_of(doc[start:stop].text) is not None


def _runs_on(tok: Token) -> bool:
    """A lowercase noun or finite verb (not a participle, "Forces armées")."""
    participle = "Part" in tok.morph.get("VerbForm", [])
    return tok.text.islower() and tok.pos_ in _RUN_ON and not participle


_RUN_ON = frozenset({"NOUN", "VERB", "AUX"})
_INDEFINITE = frozenset({"un", "une", "tout", "toute", "chaque", "aucun", "aucune", "nul", "nulle"})


def untagged_generic_names(doc: Doc) -> Iterator[tuple[int, int]]:
    """Token spans of the names generic heads make with their adjectives where NER tagged
    nothing ("l'organisation État islamique"); a head after an indefinite determiner names a
    kind, not a body ("un État islamique")."""
    for tok in doc:
        if tok.ent_iob_ != "O" or tok.is_sent_start:
            continue
        if tok.i > 0 and fold(doc[tok.i - 1].text) in _INDEFINITE:
            continue
        stop = adjective_end(doc, tok.i)
        if stop > tok.i + 1 and not _names_a_state(doc, tok.i, stop):
            yield tok.i, stop
