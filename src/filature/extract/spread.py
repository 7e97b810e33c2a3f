"""One name, one actor, in a document: a name found once is found wherever its document writes
it again, in another case ("Tribunal de Grande Instance de BONNEVILLE" after "tribunal de grande
instance de Bonneville", "Mosquée Jalil Khayat" and "mosquée Jalil Khayat"), and a defined
acronym's long form wins over the pieces NER cut it into ("Association Française" + "Janusz
Korczak" inside "Association Française Janusz Korczak (AFJK)")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from filature.extract.lexicon import Lexicon
from filature.extract.mentions import RawMention
from filature.extract.namesearch import NameSearch
from filature.extract.persons import Located
from filature.extract.rules import head_type
from filature.extract.stepmemo import StepMemo
from filature.extract.textnorm import fold
from filature.models import Document, EntityType, Passage

LABEL = "SAME-NAME"
_JOINED = re.compile(r"\s(?:et|and|ou|or)\s", re.IGNORECASE)
MIN_LENGTH = 8


def _lower(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _worth(name: str) -> bool:
    """A name searched again: long enough not to be a common word's twin (see ``_single``)."""
    return len(name) >= MIN_LENGTH


def _gives_way(text: str, inner: Located, span: tuple[int, int], etype: EntityType) -> bool:
    """True for a mention that is the cut head of a longer name ("Association Française" in
    "Association Française Janusz Korczak"), one that runs one word into it, or a person NER
    saw in a place's or an organisation's name ("Jalil Khayat" in "mosquée Jalil Khayat"); a
    name inside another
    ("Nations unies" in "police des Nations unies") is a mention of its own and stays."""
    start, end = span
    if inner.raw.start == start:
        return True
    if inner.raw.start < start:
        return inner.raw.end < end and len(text[inner.raw.start : start].split()) == 1
    return inner.raw.type == "person" and etype != "person"


def _single(key: str) -> bool:
    """A one-word name ("Omeyyades") is found again only where written in capitals (a heading,
    "OMEYYADES"); a hyphenated name ("al-Joulani") or a web address ("humanium.org") in any
    case."""
    return not any(c in key for c in " -.")


def _covered(o: Located, start: int, end: int) -> bool:
    """True for a mention inside ``[start, end)`` or one cut inside it ("Association DIRECTION"
    in "Association DIRECTION AUX AFFAIRES SAVOISIENNES")."""
    return o.raw.start < end and start < o.raw.end <= end


def _occurrence(
    passage: Passage,
    lowered: str,
    hit: tuple[int, int],
    sources: dict[str, RawMention],
    defined: set[str],
    here: list[Located],
    doc_index: int,
) -> Located | None:
    """The mention an occurrence makes (``hit`` in the ``lowered`` passage text), or None
    when it is lowercase, taken or blocked."""
    s, e = hit
    surface = passage.text[s:e]
    key = " ".join(lowered[s:e].split())
    source = sources.get(key)
    if source is None or (surface.islower() and "." not in surface):
        return None
    if _single(key) and not surface.isupper():
        return None
    inside = [o for o in here if _covered(o, s, e)]
    if any(o.raw.start < e and s < o.raw.end for o in here if o not in inside):
        return None
    if any((o.raw.start, o.raw.end) == (s, e) for o in inside):
        return None
    if len(inside) > 1 and key not in defined:
        return None
    if not all(_gives_way(passage.text, o, (s, e), source.type) for o in inside):
        return None
    raw = RawMention(
        passage.seq, s, e, surface, source.name, source.type, LABEL, None, passage.zone
    )
    return Located(doc_index, raw)


def same_names(
    documents: Sequence[Document],
    mentions: Sequence[Located],
    acronyms: dict[str, str],
    lex: Lexicon,
    memo: StepMemo | None = None,
) -> tuple[list[Located], list[Located]]:
    """(mentions to add, mentions they replace): every occurrence, in any case, of a name of
    the same document (or a defined long form) that no mention covers yet. An occurrence
    written all in lowercase is a common phrase unless the name is a web address; the mention
    inside an occurrence gives way to it (several only to a defined long form); one that
    crosses or holds it stops it. A name joining two ("Europol et d'Eurojust") is not spread.
    Each document's result depends on it alone (and on the long forms): with a ``memo``, a
    document seen with the same mentions by an earlier build is not searched again."""
    by_doc: dict[int, list[Located]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_index, []).append(m)
    firsts = [(f, _lower(f).split()[:1]) for f in sorted(set(acronyms.values())) if _worth(f)]
    written: dict[int, list[str]] = {}

    def forms(i: int) -> list[str]:
        """The long forms whose first word the document writes (in any case): no other can
        be found in it, so the others never change its result. They come sorted, not in the
        order the corpus defines them: a document added or removed elsewhere changes that
        order, and it must not change this document's result (nor its remembered step)."""
        if i not in written:
            text = "\n".join(_lower(p.text) for p in documents[i].passages)
            written[i] = [f for f, first in firsts if not first or first[0] in text]
        return written[i]

    def compute(i: int, found: list[Located]) -> tuple[list[Located], list[Located]]:
        return _same_names_in(i, documents[i], found, forms(i), lex)

    memo = memo or StepMemo(None, "")
    return memo.per_document("same_names", documents, by_doc, lambda i: repr(forms(i)), compute)


def _same_names_in(
    i: int, document: Document, found: list[Located], long_forms: list[str], lex: Lexicon
) -> tuple[list[Located], list[Located]]:
    """``same_names`` in document ``i``, whose mentions are ``found``."""
    added: list[Located] = []
    removed: list[Located] = []
    sources: dict[str, RawMention] = {}
    for m in found:
        first = m.name.split()[0]
        if fold(first) in lex.determiners or first in lex.elisions:
            continue
        if _worth(m.name) and not _JOINED.search(m.name):
            sources.setdefault(_lower(m.name), m.raw)
    defined: set[str] = set()
    for long_form in long_forms:
        etype: EntityType = head_type(long_form, lex) or "organization"
        if not _worth(long_form):
            continue
        defined.add(_lower(long_form))
        if _lower(long_form) not in sources:
            raw = RawMention(0, 0, 0, long_form, long_form, etype, LABEL, None, "body")
            sources[_lower(long_form)] = raw
    if not sources:
        return added, removed
    names = NameSearch(sorted(sources, key=len, reverse=True))
    spans: dict[int, list[Located]] = {}
    for m in found:
        spans.setdefault(m.raw.passage_seq, []).append(m)
    for passage in document.passages:
        here = spans.setdefault(passage.seq, [])
        lowered = _lower(passage.text)
        hit = names.search(lowered)
        while hit is not None:
            new = _occurrence(passage, lowered, hit, sources, defined, here, i)
            if new is not None:
                inside = [o for o in here if _covered(o, new.raw.start, new.raw.end)]
                removed += inside
                here[:] = [o for o in here if o not in inside] + [new]
                added.append(new)
            hit = names.search(lowered, hit[1] if new is not None else hit[0] + 1)
    return added, removed
