"""Trimming one candidate span: determiners, titles (kept as a role), footnote numbers, noise."""

from __future__ import annotations

import re
from dataclasses import dataclass

from filature.extract.lexicon import Lexicon
from filature.extract.noise import noise_reason as noise_reason
from filature.extract.textnorm import APOSTROPHES, collapse, fold, is_acronym

_FOOTNOTE_GLUE = re.compile(
    r"(?:(?<=[^\W\d_]{3})|(?<=[^\W\d_]{3}\.)|(?<=[^\W\d_][)»]))\d{1,3}(?=[\s.,;:)»]|$)"
)
_OCR_ELISION = re.compile(r"(?<!\w)[I1](?=['’`][A-ZÀ-ÖØ-Þa-zà-öø-ÿ])")
_CUTS = '«»“”"()[]{}|•;'
_LEAD_ELISION = re.compile(rf"(\w{{1,3}})[{APOSTROPHES}]+")
_WORD = re.compile(r"[\w.&$-]+")
_TRAIL_PUNCT = " \t\n.,;:!?)»«'’-–—…•*/"


def prepare_text(text: str) -> str:
    """Length-preserving clean-up fed to spaCy: OCR elisions, glued footnote numbers, newlines.

    Offsets in the result are offsets in ``text``, so spans map back without a table.
    """
    out = _OCR_ELISION.sub("l", text)
    out = _FOOTNOTE_GLUE.sub(lambda m: " " * len(m.group(0)), out)
    return out.replace("\n", " ").replace("\t", " ")


@dataclass(frozen=True)
class Trimmed:
    """A candidate span after trimming: offsets into the passage text, its name and role."""

    start: int
    end: int
    name: str
    role: str | None


def _first_piece(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep the first piece of the span between quotes/brackets that holds a letter."""
    pos = start
    for i in range(start, end + 1):
        if i == end or text[i] in _CUTS:
            if any(c.isalpha() for c in text[pos:i]):
                return pos, i
            pos = i + 1
    return start, start


def _match_title(words: list[str], lex: Lexicon) -> int:
    """How many leading ``words`` form a title or honorific (0 if none)."""
    if not words:
        return 0
    titles = lex.titles_by_first.get(fold(words[0]).rstrip("."), ())
    folded = [fold(w).rstrip(".") for w in words] if titles else []
    for title in titles:
        if tuple(folded[: len(title)]) == title and len(words) > len(title):
            n = len(title)
            while n < len(words) - 1 and folded[n] in lex.demonyms:
                n += 1
            return n
    if words and words[0] in lex.honorifics and len(words) > 1:
        return 1
    return 0


def _sentence_start(text: str, pos: int) -> bool:
    """True if ``pos`` opens a sentence, a quote or the text (a capital there is not a name's)."""
    before = text[:pos].rstrip()
    return not before or before[-1] in '.!?«“"(:;–—-\n'


def _title_article(text: str, start: int, elision: re.Match[str]) -> bool:
    """ "L'Union" inside a sentence, before a capitalised word in lowercase letters: the
    article belongs to the name (a press title, "L'Haÿ-les-Roses"); in a heading or at a
    sentence's start it is an ordinary article."""
    after = text[start + elision.end() : start + elision.end() + 2]
    return (
        elision.group(1) == "L"
        and len(after) == 2
        and after[0].isupper()
        and after[1].islower()
        and not _sentence_start(text, start)
    )


def _strip_leading(text: str, start: int, end: int, lex: Lexicon) -> tuple[int, list[str]]:
    roles: list[str] = []
    while start < end:
        rest = text[start:end]
        if rest[0].isspace() or rest[0] in APOSTROPHES or rest[0] in "-–—.,:":
            start += 1
            continue
        m = _LEAD_ELISION.match(rest)
        if m and _title_article(text, start, m):
            break  # "selon L'Union": a capital article inside a sentence is the title's
        if m and (m.group(1) in lex.elisions or fold(m.group(1)) in lex.elisions):
            start += m.end()
            continue
        words = [w.group(0) for w in _WORD.finditer(rest)][:6]
        n = _match_title(words, lex)
        if n:
            m_end = 0
            for w in list(_WORD.finditer(rest))[:n]:
                m_end = w.end()
            roles.append(collapse(rest[:m_end]))
            start += m_end
            continue
        first = _WORD.match(rest)
        if (
            first
            and fold(first.group(0)) in lex.determiners
            and first.end() < len(rest)
            and rest[first.end()].isspace()
            and (
                first.group(0).islower()
                or fold(first.group(0)) == "the"
                or _sentence_start(text, start)
            )
        ):
            start += first.end()
            continue
        break
    return start, roles


def _strip_trailing(text: str, start: int, end: int, lex: Lexicon) -> int:
    while end > start:
        if text[end - 1] in "»”" and ("«" in text[start:end] or "“" in text[start:end]):
            break
        if text[end - 1] in _TRAIL_PUNCT:
            end -= 1
            continue
        m = re.search(r"(?:^|[\s'’])([\w]+)$", text[start:end])
        if m and fold(m.group(1)) in lex.stopwords and m.start(1) > 0:
            end = start + m.start(1)
            continue
        break
    return end


def trim_span(
    text: str, prepared: str, start: int, end: int, lex: Lexicon, *, cut_quotes: bool = True
) -> Trimmed | None:
    """Trim a candidate ``[start, end)`` of a passage; None when nothing name-like remains.

    ``prepared`` is ``prepare_text(text)``: words are read there, offsets are shared.
    A word cut by a hyphenated line break at the end of the span is completed.
    """
    if re.search(r"[^\W\d_][\"«»“”|][^\W\d_]", prepared[start:end]):
        return None
    if cut_quotes:
        start, end = _first_piece(prepared, start, end)
    if end > start and text[end - 1] == "-" and text[end : end + 1] == "\n":
        m = re.match(r"\n\s*(\w+)", text[end:])
        if m:
            end += m.end()
    start, roles = _strip_leading(prepared, start, end, lex)
    end = _strip_trailing(prepared, start, end, lex)
    if end <= start:
        return None
    words = prepared[start:end].split()
    if words and is_acronym(words[0]) and all(w.islower() for w in words[1:]):
        end = start + len(words[0])
    name = collapse(prepared[start:end])
    role = " ".join(roles) if roles else _role_before(prepared[:start], lex)
    return Trimmed(start, end, name, role)


def _role_before(before: str, lex: Lexicon) -> str | None:
    """A title written just before a name ("le professeur HE Bingsong")."""
    words = before.rsplit(None, 4)[-4:]
    for k in range(len(words), 0, -1):
        tail = words[-k:]
        if tail[0] in lex.honorifics and k == 1:
            return tail[0]
        folded = tuple(fold(w).rstrip(".") for w in tail)
        if folded in lex.titles:
            return " ".join(tail)
    return None
