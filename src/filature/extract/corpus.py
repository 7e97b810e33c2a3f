"""Step 2a, corpus level: acronym table, bare acronym uses, the keys that group names."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence

from filature.extract.lexicon import Lexicon
from filature.extract.mentions import DocumentAnalysis, RawMention
from filature.extract.persons import Located
from filature.extract.rules import head_type
from filature.extract.textnorm import is_acronym, norm_key
from filature.models import Document, EntityType, Passage


def acronym_table(analyses: Sequence[DocumentAnalysis]) -> dict[str, str]:
    """Acronym -> its most often defined long form, over the whole corpus."""
    seen: dict[str, Counter[str]] = {}
    for analysis in analyses:
        for a in analysis.acronyms:
            seen.setdefault(a.definition.acronym, Counter())[a.definition.long_form] += 1
    return {acr: forms.most_common(1)[0][0] for acr, forms in seen.items()}


def _pattern(form: str, *, lowered: bool) -> re.Pattern[str]:
    """The form as whole words, any run of spaces between them. The first word comes first in
    the pattern (the word-start check follows it) so that the regex engine can scan for it as
    a literal; ``lowered`` forms are searched in lowercased text, case-sensitively, for the
    same reason."""
    words = [re.escape(_lower(w) if lowered else w) for w in form.split()]
    start = rf"(?<![\w-]{words[0]})"
    return re.compile(words[0] + start + "".join(rf"\s+{w}" for w in words[1:]) + r"(?![\w-])")


def _lower(text: str) -> str:
    """Lowercase, keeping every offset: the few letters that lowercase to two characters
    ("İ") stay as they are."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    del lower
    # Runs between those letters (and "Σ", whose lowercase depends on its neighbours) are
    # lowercased whole: one character at a time costs ~60 bytes a character of the corpus.
    odd = "".join(sorted(c for c in set(text) if len(c.lower()) != 1 or c == "Σ"))
    pieces: list[str] = []
    position = 0
    for match in re.finditer(f"[{re.escape(odd)}]", text):
        char = match.group()
        pieces.append(text[position : match.start()].lower())
        pieces.append(char if len(char.lower()) != 1 else char.lower())
        position = match.end()
    pieces.append(text[position:].lower())
    return "".join(pieces)


_SEPARATOR = "\n\x00\n"  # no form can match across it: \x00 is neither a word nor a space
_CHUNK_CHARS = 1 << 20
"""About how many characters of passages are joined for one scan: one regex scan per form and
chunk instead of one per passage, without a copy of the whole corpus (and its lowercase)."""

_Chunk = tuple[str, list[int], list[tuple[int, Passage]]]


def _passage_chunks(documents: Sequence[Document]) -> Iterator[_Chunk]:
    """Passages joined by ``_SEPARATOR`` in chunks of about ``_CHUNK_CHARS``, in order: the
    text, each passage's start in it, and which document and passage each start belongs to."""
    texts: list[str] = []
    starts: list[int] = []
    where: list[tuple[int, Passage]] = []
    position = 0
    for i, doc in enumerate(documents):
        for p in doc.passages:
            texts.append(p.text)
            starts.append(position)
            where.append((i, p))
            position += len(p.text) + len(_SEPARATOR)
            if position >= _CHUNK_CHARS:
                yield _SEPARATOR.join(texts), starts, where
                texts, starts, where, position = [], [], [], 0
    if texts:
        yield _SEPARATOR.join(texts), starts, where


def bare_uses(
    documents: Sequence[Document],
    mentions: Sequence[Located],
    acronyms: dict[str, str],
    lex: Lexicon,
) -> list[Located]:
    """Mentions of defined acronyms and long forms that NER missed, in every document."""
    taken: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault((m.doc_index, m.raw.passage_seq), []).append((m.raw.start, m.raw.end))
    if not acronyms:
        return []
    forms: list[tuple[str, EntityType, re.Pattern[str], bool]] = []
    for acronym, long_form in acronyms.items():
        etype: EntityType = head_type(long_form, lex) or "organization"
        for form in (acronym, long_form):
            lowered = not is_acronym(form)
            forms.append((form, etype, _pattern(form, lowered=lowered), lowered))
    found: list[tuple[tuple[int, int, int], Located]] = []  # (form, passage, start): the order
    seen = 0
    for text, starts, where in _passage_chunks(documents):
        lower = _lower(text) if any(f[3] for f in forms) else text
        for rank, (form, etype, pattern, lowered) in enumerate(forms):
            for hit in pattern.finditer(lower if lowered else text):
                k = bisect_right(starts, hit.start()) - 1
                i, p = where[k]
                s, e = hit.start() - starts[k], hit.end() - starts[k]
                spans = taken.setdefault((i, p.seq), [])
                if any(s < b and a < e for a, b in spans):
                    continue
                spans.append((s, e))
                raw = RawMention(p.seq, s, e, p.text[s:e], form, etype, "ACRONYM-USE", None, p.zone)
                found.append(((rank, seen + k, s), Located(i, raw)))
        seen += len(starts)
    found.sort(key=lambda f: f[0])
    return [m for _, m in found]


def name_key(name: str, etype: EntityType, lex: Lexicon, *, operation_head: bool = False) -> str:
    """The grouping key of a name: word order ignored for people; function words ignored for
    the other types (demonyms are kept: "ministère kirghize" and "ministère ouzbek" are two
    actors; ``demonym_free`` joins a name to its variant without one); ``operation_head`` drops
    "opération" ("opération « Fox Hunt »")."""
    memo = lex.name_keys
    known = memo.get((name, etype, operation_head))
    if known is not None:
        return known
    normed = norm_key(name)
    if etype == "person":
        key = " ".join(sorted(normed.split()))
    else:
        ignore = lex.operation_ignored if operation_head else lex.stopwords
        key = " ".join(w for w in normed.split() if w not in ignore) or normed
    memo[name, etype, operation_head] = key
    return key


def demonym_free(key: str, name: str, lex: Lexicon) -> tuple[str, frozenset[str]] | None:
    """(``key`` without its nationality adjectives, those adjectives) when ``name`` has some
    and another of its words is a proper name ("ministère chinois de la Sécurité publique");
    None otherwise."""
    if not any(w[:1].isupper() for w in name.split()[1:]):
        return None
    words = key.split()
    found = frozenset(w for w in words if w in lex.demonyms)
    rest = [w for w in words if w not in lex.demonyms]
    return (" ".join(rest), found) if found and rest else None


OPERATION_RULES = frozenset({"quoted-operation", "named-operation"})


def mention_key(raw: RawMention, lex: Lexicon) -> str:
    """``name_key`` of a mention's name and type."""
    return name_key(raw.name, raw.type, lex, operation_head=raw.label in OPERATION_RULES)
