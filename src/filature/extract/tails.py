"""Where a span NER ran on past a name ends, and the captions it took for names
(``data/tails.toml``).

- a lowercase complement of a one-word head that the parse attaches outside the span is
  not the name's ("une stratégie de l'Union pour la prévention de la fraude": "pour la
  prévention" depends on "stratégie") (``cut_outside_complement``);
- after the object of a verb built "V quelqu'un de quelque chose", "de" opens the verb's
  complement ("Dotez la Commission européenne des moyens nécessaires") (``cut_outside_complement``);
- a place adjunct repeated for a second place ("en Irak et en Syrie") is not part of the
  name before it (``cut_outside_complement``);
- in a caption (a short verbless line), a common noun phrase opening the line is no name:
  "Fillettes de Lima." names only Lima (``caption_name``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from filature.extract.countries import load_countries
from filature.extract.lexicon import Lexicon, read_data
from filature.extract.mentions import RawMention
from filature.extract.rules import head_type
from filature.extract.shapes import polity_plural
from filature.extract.spans import Trimmed
from filature.extract.textnorm import collapse, fold, norm_key
from filature.models import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


FIRM_LABEL = "FIRM"


@dataclass(frozen=True)
class TailWords:
    """The folded entries of ``data/tails.toml``."""

    verb_stems: tuple[str, ...]
    openers: frozenset[str]
    adjunct_prepositions: frozenset[str]
    caption_words: int
    firm_forms: tuple[str, ...]
    eponym_heads: frozenset[str]


@cache
def load_tail_words() -> TailWords:
    """Read ``data/tails.toml`` (cached)."""
    data = read_data("tails.toml")
    return TailWords(
        verb_stems=tuple(fold(w)[:-2] for w in data["verb_complements"]["lemmas"]),
        openers=frozenset(fold(w) for w in data["verb_complements"]["openers"]),
        adjunct_prepositions=frozenset(
            fold(w) for w in data["coordinated_adjuncts"]["prepositions"]
        ),
        caption_words=int(data["captions"]["max_words"]),
        firm_forms=tuple(data["firms"]["forms"]),
        eponym_heads=frozenset(fold(w) for w in data["eponyms"]["heads"]),
    )


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _lowercase_run(span: Span, i: int) -> bool:
    """Every word from ``span[i]`` to the end is lowercase."""
    return not any(_capitalised(t) for t in span[i:])


def _cut(text: str, span: Trimmed, tok: Token) -> Trimmed:
    stop = tok.idx
    while stop > span.start and text[stop - 1].isspace():
        stop -= 1
    return replace(span, end=stop, name=collapse(text[span.start : stop]))


def _complement_outside(span: Span, i: int) -> bool:
    """ "pour la prévention" of "l'Union pour la prévention" attached to a noun before it."""
    tok = span[i]
    if tok.pos_ != "ADP" or tok.dep_ != "case":
        return False
    noun = tok.head
    return span.start <= noun.i < span.end and noun.head.i < span.start


def _verb_complement(span: Span, i: int, words: TailWords) -> bool:
    """ "des moyens" after the object of "doter" (the pipeline has no lemmatizer: the verb
    is known by its stem)."""
    root = span.root
    return (
        fold(span[i].text) in words.openers
        and root.dep_ == "obj"
        and root.head.pos_ == "VERB"
        and fold(root.head.text).startswith(words.verb_stems)
    )


_AND_AGAIN = re.compile(r"\s*,?\s*(?:et|ou)\s+(\w+)\b")


def _coordinated_adjunct(span: Span, i: int, text: str, end: int, words: TailWords) -> bool:
    """ "en Irak" of "l'État islamique en Irak et en Syrie"."""
    prep = fold(span[i].text)
    if prep not in words.adjunct_prepositions or _lowercase_run(span, i + 1):
        return False
    again = _AND_AGAIN.match(text, end)
    return again is not None and fold(again.group(1)) in words.adjunct_prepositions


def cut_outside_complement(doc: Doc, text: str, span: Trimmed) -> Trimmed:
    """``span`` ended before a complement that belongs to a word outside it (see the module)."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) < 3:
        return span
    words = load_tail_words()
    for i in range(1, len(tokens) - 1):
        if not tokens[i].text.islower():
            continue
        bare_head = i == 1 and _complement_outside(tokens, i)
        if _lowercase_run(tokens, i) and (bare_head or _verb_complement(tokens, i, words)):
            return _cut(text, span, tokens[i])
        if _coordinated_adjunct(tokens, i, text, span.end, words):
            return _cut(text, span, tokens[i])
    return span


def caption_name(
    doc: Doc, text: str, span: Trimmed, lex: Lexicon, written_lower: frozenset[str]
) -> Trimmed | None:
    """The name a caption's span holds: "Fillettes de Lima." -> "Lima"; None when the span
    is only the caption's common noun, in the plural or written in lowercase elsewhere in the
    document ("Écoliers en Bolivie." -> "Écoliers"). A span that does not open a caption is
    returned as it is."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or not _short_verbless_line(tokens):
        return span
    if len(tokens) == 1:
        tok = tokens[0]
        if polity_plural(tok.text) or load_countries().state_of(tok.text) is not None:
            return span
        plural = "Plur" in tok.morph.get("Number", []) and tok.pos_ in {"NOUN", "ADJ"}
        common = plural or tok.text.lower() in written_lower or _plural_before_place(tok)
        return None if common else span
    if not _caption(tokens, lex):
        return span
    for i in range(1, len(tokens)):
        if tokens[i].pos_ == "ADP" and _capitalised(tokens[min(i + 1, len(tokens) - 1)]):
            rest = [t for t in tokens[i + 1 :] if t.pos_ != "DET"]
            if rest and _capitalised(rest[0]):
                start = rest[0].idx
                return replace(span, start=start, name=collapse(text[start : span.end]))
        if _capitalised(tokens[i]):
            return span  # "Mosquée Bleue": capitalised words after the first are a name
    return None


def _short_verbless_line(tokens: Span) -> bool:
    """The span opens a sentence of a few words, not in capitals, with no verb."""
    first = tokens[0]
    sentence = first.sent
    if first.i != sentence.start or first.is_upper:
        return False
    words = [t for t in sentence if not t.is_punct]
    return len(words) <= load_tail_words().caption_words and not any(
        t.pos_ in {"VERB", "AUX"} for t in sentence
    )


def _plural_before_place(tok: Token) -> bool:
    """ "Écolières en Thaïlande": a word with a plural ending before a place adjunct (NER
    may tag the word a proper noun)."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or not fold(tok.text).endswith(("s", "x")):
        return False
    prep, name = doc[tok.i + 1], doc[tok.i + 2]
    return fold(prep.text) in load_tail_words().adjunct_prepositions and _capitalised(name)


def _caption(tokens: Span, lex: Lexicon) -> bool:
    """A common noun or adjective opens the span (not a proper noun nor an organisation's or
    agreement's head)."""
    first = tokens[0]
    if first.pos_ not in {"NOUN", "ADJ"} or head_type(tokens.text, lex) is not None:
        return False
    return not (len(tokens) > 1 and tokens[1].pos_ == "PROPN")


_SURNAME = r"[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)*"


@cache
def _firm_pattern() -> re.Pattern[str]:
    forms = "|".join(re.escape(f) for f in load_tail_words().firm_forms)
    return re.compile(rf"\b(?:{forms})\s+{_SURNAME}(?:\s*(?:,|\bet\b|&)\s*{_SURNAME})*(?![\w'’-])")


def firm_spans(text: str) -> list[tuple[int, int]]:
    """ "SCP Martin, Dubois et Leroy": a partnership's legal form and its partners' surnames,
    one firm (``data/tails.toml`` [firms])."""
    return [m.span() for m in _firm_pattern().finditer(text)]


Candidate = tuple[int, int, str, EntityType | None]


_NAME_WORDS = re.compile(r" ([A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+){0,3})")


def join_eponyms(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """An organisation's name NER closed before the person's name it bears ("Association
    française | Louise Michel"): one name, when the organisation's head takes a person's name
    (``data/tails.toml`` [eponyms]), only a space separates them and the capitalised words
    after it are a person's name NER found (or two words or more ending at a name NER found:
    "Jean | Jaurès"). The order is kept; the candidates inside the joined name are dropped."""
    heads = load_tail_words().eponym_heads
    ends = {c[1]: c for c in candidates}
    joined: dict[int, int] = {}
    for k, (start, end, label, forced) in enumerate(candidates):
        if label != "ORG" or forced is not None:
            continue
        if fold(text[start:end].split(" ", 1)[0]) not in heads:
            continue
        run = _NAME_WORDS.match(text, end)
        if run is None:
            continue
        inner = [c for c in candidates if end < c[0] and c[1] <= run.end()]
        last = ends.get(run.end())
        if last is None or last not in inner:
            continue
        if any(len(w) > 1 and w.isupper() for w in run.group(1).split()):
            continue  # "Association DIRECTION AUX AFFAIRES": its own name in capitals
        if last[2] == "PER" or " " in run.group(1):
            joined[k] = run.end()
    gone = {
        i
        for k, stop in joined.items()
        for i, c in enumerate(candidates)
        if candidates[k][1] < c[0] and c[1] <= stop
    }
    return [
        (c[0], joined[k], c[2], c[3]) if k in joined else c
        for k, c in enumerate(candidates)
        if k not in gone
    ]


def complete_generic_names(
    mentions: Sequence[RawMention],
    lex: Lexicon,
    written_lower: frozenset[str],
    defined: frozenset[str] = frozenset(),
) -> list[RawMention]:
    """A body named only by its generic words ("PRES LA COUR D'APPEL", "la Cour d'appel") is
    the one body of the document whose fuller name starts with them ("COUR D'APPEL de
    CHAMBÉRY"), when there is exactly one and its further words hold a name (not "... de la
    femme syriennes"); otherwise it stays as it is. A name an acronym stands for (in
    ``defined``) is a name, not generic words: "École supérieure de Police criminelle
    (ESPCC) de Shenyang" keeps its long form for ESPCC."""
    longer: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "organization" and len(norm_key(m.name).split()) > 1:
            longer.setdefault(norm_key(m.name), set()).add(m.name)
    lower = frozenset(fold(w) for w in written_lower)
    kept = frozenset(norm_key(name) for name in defined)
    out = []
    for m in mentions:
        key = norm_key(m.name)
        words = key.split()
        if (
            m.type == "organization"
            and len(words) > 1
            and key not in kept
            and _generic(words, lex, lower)
        ):
            fuller = {
                k for k in longer if k.startswith(key + " ") and not _generic(k.split(), lex, lower)
            }
            if len(fuller) == 1:
                m = replace(m, name=min(longer[fuller.pop()]))
        out.append(m)
    return out


def _generic(words: list[str], lex: Lexicon, written_lower: frozenset[str]) -> bool:
    """An organisation's head and words the document writes in lowercase or that never name
    anything ("cour d appel"), no proper name."""
    return words[0] in lex.organization_heads and all(
        w in lex.stopwords or w in written_lower or w in lex.organization_heads or len(w) < 2
        for w in words[1:]
    )
