"""Step 2a, corpus level: the filters that drop mentions with what the whole corpus says
(footnote noise, places inside person names, shouting, hyphenated pairs, institutions named only
in job titles), and the fixes of acronym names and publishers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from filature.extract.bodies import LABEL as BODY_LABEL
from filature.extract.corpus import mention_key
from filature.extract.institutions import LABEL as INSTITUTION_LABEL
from filature.extract.lexicon import Lexicon
from filature.extract.mentions import PUBLISHER_LABEL
from filature.extract.persons import Located
from filature.extract.rules import PERSON_PARTICLES, head_type
from filature.extract.textnorm import norm_key


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


def capitalised_words(text: str) -> tuple[str, ...]:
    """The keys of the long words ``text`` writes capitalised and not all in capitals
    ("Eurojust"): what ``filter_shouting`` asks of every document, found with its analysis."""
    written = set(_LONG_WORD.findall(text))  # each word once: a text repeats its words
    return tuple(sorted({norm_key(w) for w in written if not w.isupper() and w[:1].isupper()}))


def filter_shouting(
    mentions: Sequence[Located], acronyms: dict[str, str], written: Iterable[str] = ()
) -> list[Located]:
    """Drop long all-caps single words never written otherwise (in a mention, or anywhere in
    the documents: ``written``, their ``capitalised_words``) nor defined: OCR, headings.
    "EUROJUST" stays where "Eurojust" is written."""
    mixed = {norm_key(name) for name in {m.name for m in mentions if not m.name.isupper()}}
    mixed.update(written)
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


class _LooseKeys(dict[str, str]):
    """A name's key without function words and demonyms ("Parti communiste chinois"), each
    name's worked out once."""

    def __init__(self, lex: Lexicon) -> None:
        super().__init__()
        self.ignore = lex.stopwords | lex.demonyms

    def __missing__(self, name: str) -> str:
        key = " ".join(w for w in norm_key(name).split() if w not in self.ignore)
        self[name] = key
        return key


def confirm_institutions(mentions: Sequence[Located], lex: Lexicon) -> list[Located]:
    """Keep an institution named in a title only if its document names it too; it then takes
    that name (so it joins that entity). The document is the unit where "le ministre de
    l'Intérieur" names one country's ministry."""
    loose = _LooseKeys(lex)
    names: dict[tuple[int, str], Counter[str]] = {}
    for m in mentions:
        if m.raw.label == BODY_LABEL and m.name.islower():
            continue  # "le ministère de la justice" in lowercase is no name a title refers to
        if m.raw.label != INSTITUTION_LABEL and m.raw.type == "organization":
            key = (m.doc_index, loose[m.name])
            counts = names.get(key)
            if counts is None:
                names[key] = counts = Counter()
            counts[m.name] += 1
    kept = []
    for m in mentions:
        if m.raw.label == INSTITUTION_LABEL:
            seen = names.get((m.doc_index, loose[m.name]))
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
