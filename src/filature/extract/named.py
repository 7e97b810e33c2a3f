"""Other names a text gives right after a name, with a word saying so (``data/aliases.toml``):

- in brackets: "Halabja (en kurde : Helepçe)", "Parti des travailleurs du Kurdistan (en kurde :
  Partiya Karkerên Kurdistan, abrégé PKK)", "Secteur des Télécommunications d'Urgence (ETC,
  pour son sigle en anglais)", "Ali Hassan al-Majid (surnommé Ali le chimique)";
- in apposition: "le Front al-Nosra, rebaptisé Front Fatah al-Cham", "Ilich Ramírez Sánchez,
  surnommé « Carlos »".

A bracket "appelé X" names the thing the bracket describes, not the name before it: its other
names join X. Unlabelled brackets are left to ``aliases.bracket_aliases``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from filature.extract.lexicon import load_lexicon, read_data
from filature.extract.mentions import RawMention
from filature.extract.persons import Located
from filature.extract.textnorm import collapse, fold, is_acronym
from filature.models import Document, EntityType
from filature.text import folded

MAX_NAME_WORDS = 8
MAX_BRACKET = 200


@dataclass(frozen=True)
class Named:
    """A name found in a passage (offsets into its text) and whether it is an anchor."""

    start: int
    end: int
    anchor: bool = False


@dataclass(frozen=True)
class _Labels:
    naming: re.Pattern[str]
    anchors: re.Pattern[str]
    tail: re.Pattern[str]
    dynasty_heads: frozenset[str]


def _alternation(words: list[str]) -> str:
    ordered = sorted({fold(w) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)


@cache
def labels() -> _Labels:
    """The label patterns of ``data/aliases.toml`` (matched on folded text)."""
    data = read_data("aliases.toml")
    lab = data["labels"]
    not_languages = _alternation(lab["not_languages"])
    language = rf"en\s+(?!(?:{not_languages})\b)[a-z]+(?:\s+[a-z]+)?\s*[:,]"
    naming = rf"(?:{language}|(?:{_alternation(lab['naming'])})(?![\w-])\s*:?)\s*"
    anchors = rf"(?:{_alternation(lab['anchors'])})(?![\w-])\s*:?\s*"
    tail = rf"\s*,\s*(?:pour\s+)?(?:son|sa|leur|le|la)?\s*(?:{_alternation(lab['tails'])})\b.*$"
    return _Labels(
        re.compile(naming),
        re.compile(anchors),
        re.compile(tail),
        folded(data["dynasties"]["heads"]),
    )


_SPLIT = re.compile(r"\s*(?:,|\bou\b|\bor\b)\s*")
_QUOTES = "«»“”\"'‹›\u200e\u200f "


def _other_script(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" not in unicodedata.name(c, "") for c in letters)


def _name_like(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_NAME_WORDS or len(text) < 2:
        return False
    if any(c.isdigit() for c in text) or not any(c.isalpha() for c in text):
        return False
    return text[:1].isupper() or _other_script(text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _QUOTES:
        start += 1
    while end > start and text[end - 1] in _QUOTES + ".":
        end -= 1
    return start, end


def _pieces(text: str, start: int, end: int, folded: str) -> list[Named]:
    """The labelled names of one ``;``-separated segment ``text[start:end]``."""
    lab = labels()
    anchor = lab.anchors.match(folded, start)
    label = anchor or lab.naming.match(folded, start)
    tail = lab.tail.search(folded, start, end)
    if label is None and tail is None:
        return []
    if label is not None:
        start = label.end()
    if tail is not None:
        end = tail.start()
    out: list[Named] = []
    pos = start
    for sep in [*_SPLIT.finditer(folded, start, end), None]:
        stop = sep.start() if sep is not None else end
        rest = lab.naming.match(folded, pos)
        s, e = _trim(text, rest.end() if rest else pos, stop)
        if _name_like(text[s:e]):
            out.append(Named(s, e, anchor=anchor is not None and not out))
        pos = sep.end() if sep is not None else end
    return out


_OPENING = re.compile(r"\s*\(")
_COMMA = re.compile(r"\s*,\s*")
_CLAUSE = re.compile(r"[^,.;:()!?\n]*")


def bracket_names(text: str, after: int) -> list[Named]:
    """The names a bracket opening right after ``after`` (a name's end) gives, labelled."""
    opened = _OPENING.match(text, after)
    if opened is None:
        return []
    close = text.find(")", opened.end())
    if close < 0 or close - opened.end() > MAX_BRACKET:
        return []
    folded = _fold_keep(text)
    out: list[Named] = []
    pos = opened.end()
    for part in [*re.finditer(";", text[:close]), None]:
        if part is not None and part.start() < pos:
            continue
        stop = part.start() if part is not None else close
        seg_start = pos + len(text[pos:stop]) - len(text[pos:stop].lstrip())
        out += _pieces(text, seg_start, stop, folded)
        pos = stop + 1
    return out


def apposition_names(text: str, after: int) -> list[Named]:
    """The name an apposition right after ``after`` gives with a label (", surnommé X")."""
    comma = _COMMA.match(text, after)
    if comma is None:
        return []
    lexicon = load_lexicon()
    folded = _fold_keep(text)
    lab = labels().naming.match(folded, comma.end())
    if lab is None or folded.startswith(("en ", "dit"), comma.end()):
        return []
    end = _CLAUSE.match(text, lab.end())
    stop = end.end() if end is not None else lab.end()
    if "«" in text[lab.end() : lab.end() + 2]:
        close = text.find("»", lab.end())
        stop = close + 1 if close > 0 else stop
    s, e = _trim(text, lab.end(), stop)
    words = text[s:e].split()
    small = lexicon.stopwords | lexicon.determiners
    while words and not any(c.isupper() or c in "«»" for c in words[-1]):
        last = words[-1]
        if not (any(c.isdigit() for c in last) or fold(last) in small or len(words) > 4):
            break
        words.pop()
    e = s + len(" ".join(words)) if words else s
    return [Named(s, e)] if _name_like(text[s:e]) and " ".join(words) == text[s:e] else []


@lru_cache(maxsize=64)
def _fold_keep(text: str) -> str:
    """``fold`` with every offset kept (a character folding to several keeps its first)."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded
    return "".join((fold(c) or c)[:1] for c in text)


LABEL = "ALIAS"
"""The rule label of a mention made from a name the text gives as another name."""
_QUOTE_GAP = re.compile(r"\s*[»”\"]")
_GAP = re.compile(r"(?:\s+[a-zà-öø-ÿ]+){1,2}")


def _piece_type(m: Located, surface: str) -> EntityType:
    """The type of a name given after ``m``: ``m``'s, but an acronym names no person."""
    if m.raw.type == "person" and is_acronym(surface):
        return "organization"
    return m.raw.type


def labelled_aliases(
    documents: Sequence[Document], mentions: Sequence[Located]
) -> tuple[list[Located], list[Located], list[tuple[Located, Located]]]:
    """(mentions to add, mentions to remove, pairs of mentions naming one actor) for the names a
    text gives, with a label, right after a mention (see the module docstring). A new name takes
    the type of the mention it names; a mention inside it ("Federaliya Demokratîk" in
    "Federaliya Demokratîk a Bakûrê Sûriyê") gives way; one crossing its bounds stops it."""
    passages = {(i, p.seq): p for i, d in enumerate(documents) for p in d.passages}
    spans: dict[tuple[int, int], list[Located]] = {}
    for m in mentions:
        spans.setdefault((m.doc_index, m.raw.passage_seq), []).append(m)
    added: list[Located] = []
    removed: list[Located] = []
    pairs: list[tuple[Located, Located]] = []
    for m in mentions:
        where = (m.doc_index, m.raw.passage_seq)
        passage = passages.get(where)
        if passage is None:
            continue
        text = passage.text
        quote = _QUOTE_GAP.match(text, m.raw.end)
        after = quote.end() if quote is not None else m.raw.end
        found = bracket_names(text, after) or apposition_names(text, m.raw.end)
        target: Located | None = m
        if not found:
            gap = _GAP.match(text, after)
            found = bracket_names(text, gap.end()) if gap is not None else []
            target = None  # "le Kurdistan irakien (en kurde : …)" does not name "Kurdistan"
        for named in found:
            here = spans[where]
            inside = [o for o in here if named.start <= o.raw.start and o.raw.end <= named.end]
            crossing = [
                o
                for o in here
                if o.raw.start < named.end and named.start < o.raw.end and o not in inside
            ]
            if crossing:
                continue
            exact = [o for o in inside if (o.raw.start, o.raw.end) == (named.start, named.end)]
            if named.anchor and not exact:
                break
            if exact and (exact[0].raw.label == LABEL or named.anchor):
                new = exact[0]
            elif exact:  # another name of m's actor: m's type ("Heremê Kurdistanê" NER's PER)
                kind = _piece_type(m, exact[0].raw.surface)
                new = Located(m.doc_index, replace(exact[0].raw, label=LABEL, type=kind))
                removed.append(exact[0])
                here[here.index(exact[0])] = new
                added.append(new)
            else:
                surface = text[named.start : named.end]
                raw = RawMention(
                    m.raw.passage_seq,
                    named.start,
                    named.end,
                    surface,
                    collapse(surface),
                    _piece_type(m, surface),
                    LABEL,
                    None,
                    passage.zone,
                    quoted=m.raw.quoted,
                )
                new = Located(m.doc_index, raw)
                removed += inside
                for o in inside:
                    here.remove(o)
                here.append(new)
                added.append(new)
            if named.anchor or target is None:
                target = new
            elif target is not new:
                pairs.append((target, new))
    return added, removed, pairs
