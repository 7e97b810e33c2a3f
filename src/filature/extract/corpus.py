"""Step 2a, corpus level: acronym table, bare acronym uses, footnote and person filters."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

from filature.extract.bodies import LABEL as BODY_LABEL
from filature.extract.institutions import LABEL as INSTITUTION_LABEL
from filature.extract.lexicon import Lexicon
from filature.extract.mentions import PUBLISHER_LABEL, DocumentAnalysis, RawMention
from filature.extract.persons import Located
from filature.extract.rules import PERSON_PARTICLES, head_type
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
    if etype == "person":
        return " ".join(sorted(norm_key(name).split()))
    ignore = set(lex.stopwords)
    if operation_head:
        ignore |= lex.operation_heads | {h + "s" for h in lex.operation_heads}
    words = [w for w in norm_key(name).split() if w not in ignore]
    return " ".join(words) or norm_key(name)


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


def filter_footnotes(mentions: Sequence[Located], lex: Lexicon) -> list[Located]:
    """Drop bibliographic noise from footnotes, keep their actors.

    A footnote mention is kept if it names something also named outside quotes in the body,
    or is a person or a one-word place, or opens the note (its author), or is headed by an
    organisation/agreement/event word. Inside quotes (a cited title) it needs the body.
    """
    confirmed = {
        mention_key(m.raw, lex) for m in mentions if m.raw.zone != "footnote" and not m.raw.quoted
    }
    kept = []
    for m in mentions:
        raw = m.raw
        key = mention_key(raw, lex)
        if raw.zone != "footnote" or key in confirmed:
            kept.append(m)
        elif raw.quoted:
            continue
        elif (
            raw.type == "person"
            or (raw.type == "place" and " " not in raw.name)
            or raw.lead
            or raw.label.startswith("ACRONYM")
            or head_type(raw.name, lex) is not None
        ):
            kept.append(m)
    return kept


def filter_people(mentions: Sequence[Located]) -> list[Located]:
    """Drop "people" whose name holds a word that NER, in the same document, used alone as a
    place ("Lankang Mékong"). A person with a title ("M. Paris") or a word after a name
    particle ("Thomas de la Morlais", where "Morlais" alone was taken for a place) stays."""
    places = {
        (m.doc_index, norm_key(m.name))
        for m in mentions
        if m.raw.type == "place" and len(norm_key(m.name)) >= 4 and m.raw.label == "LOC"
    }
    return [m for m in mentions if m.raw.type != "person" or not _place_in_name(m, places)]


def _place_in_name(m: Located, places: set[tuple[int, str]]) -> bool:
    if m.raw.role:
        return False
    words = norm_key(m.name).split()
    return any(
        (m.doc_index, w) in places and (i == 0 or words[i - 1] not in PERSON_PARTICLES)
        for i, w in enumerate(words)
    )


def filter_shouting(
    mentions: Sequence[Located], acronyms: dict[str, str], documents: Sequence[Document] = ()
) -> list[Located]:
    """Drop long all-caps single words never written otherwise (in a mention or anywhere in the
    documents) nor defined: OCR, headings. "EUROJUST" stays where "Eurojust" is written."""
    mixed = {norm_key(m.name) for m in mentions if not m.name.isupper()}
    long = [m for m in mentions if m.name.isupper() and " " not in m.name and len(m.name) >= 8]
    if long and documents:
        mixed |= {
            norm_key(w)
            for d in documents
            for w in map(re.Match.group, _LONG_WORD.finditer(d.text))
            if not w.isupper() and w[:1].isupper()
        }
    return [
        m
        for m in mentions
        if not (
            m.name.isupper()
            and " " not in m.name
            and len(m.name) >= 8
            and m.name not in acronyms
            and norm_key(m.name) not in mixed
        )
    ]


_LONG_WORD = re.compile(r"[^\W\d_][\w-]{7,}")


def fix_acronym_names(
    mentions: Sequence[Located], acronyms: dict[str, str], lex: Lexicon
) -> list[Located]:
    """Rename "Police SARPCCO" to "SARPCCO": a defined acronym with only head words around."""
    out = []
    for m in mentions:
        words = m.name.split()
        hits = [w for w in words if w in acronyms]
        rest = [w for w in words if w not in acronyms]
        if (
            len(words) > 1
            and len(hits) == 1
            and all(norm_key(w) in lex.organization_heads or w.islower() for w in rest)
        ):
            m = Located(m.doc_index, replace(m.raw, name=hits[0]))
        out.append(m)
    return out


def filter_pairs(mentions: Sequence[Located]) -> list[Located]:
    """Drop "Chine-ASEAN"-like names: two known entities joined by a hyphen (a pair)."""
    names = {norm_key(m.name) for m in mentions if "-" not in m.name}
    kept = []
    for m in mentions:
        parts = m.name.split("-")
        if len(parts) == 2 and all(norm_key(p) in names for p in parts):
            continue
        kept.append(m)
    return kept


def _loose_key(name: str, lex: Lexicon) -> str:
    """A name's key without function words and demonyms ("Parti communiste chinois")."""
    ignore = lex.stopwords | lex.demonyms
    return " ".join(w for w in norm_key(name).split() if w not in ignore)


def confirm_institutions(mentions: Sequence[Located], lex: Lexicon) -> list[Located]:
    """Keep an institution named in a title only if its document names it too; it then takes
    that name (so it joins that entity). The document is the unit where "le ministre de
    l'Intérieur" names one country's ministry."""
    names: dict[tuple[int, str], Counter[str]] = {}
    for m in mentions:
        if m.raw.label == BODY_LABEL and m.name.islower():
            continue  # "le ministère de la justice" in lowercase is no name a title refers to
        if m.raw.label != INSTITUTION_LABEL and m.raw.type == "organization":
            key = (m.doc_index, _loose_key(m.name, lex))
            names.setdefault(key, Counter())[m.name] += 1
    kept = []
    for m in mentions:
        if m.raw.label == INSTITUTION_LABEL:
            seen = names.get((m.doc_index, _loose_key(m.name, lex)))
            if not seen:
                continue
            m = Located(m.doc_index, replace(m.raw, name=seen.most_common(1)[0][0]))
        kept.append(m)
    return kept


def retype_publishers(mentions: Sequence[Located], lex: Lexicon) -> list[Located]:
    """A "place" seen only in the publisher slot of citations ("Paris, Ellipses, 2012") is a
    publisher, an organisation; one also named as a place elsewhere ("Lyon, France, 2019")
    stays a place."""
    places = {
        mention_key(m.raw, lex)
        for m in mentions
        if m.raw.type == "place" and m.raw.label != PUBLISHER_LABEL
    }
    out = []
    for m in mentions:
        if m.raw.label == PUBLISHER_LABEL and mention_key(m.raw, lex) not in places:
            m = Located(m.doc_index, replace(m.raw, type="organization"))
        out.append(m)
    return out
