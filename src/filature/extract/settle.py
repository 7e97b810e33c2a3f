"""One name is one actor in a document: the type its cues give (by majority) holds for all its
mentions there (``settle_document``), its occurrences NER missed are mentions too
(``propagate_names``), and the names listed after a place are places (``listed_places``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from filature.extract.lexicon import Lexicon
from filature.extract.mentions import RawMention
from filature.extract.rules import PERSON_PARTICLES
from filature.extract.shapes import polity_plural
from filature.extract.textnorm import fold, is_acronym
from filature.models import EntityType, Passage

PROPAGATED_LABEL = "SAME-NAME"
SHORT_LABEL = "SHORT-NAME"
_SCORED = frozenset({"person", "organization", "place"})
_LIST_GAP = re.compile(r"\s*(?:,|\bet\b)\s*")


def listed_places(
    mentions: Sequence[RawMention], text: str, places: set[tuple[int, int]]
) -> list[RawMention]:
    """Names listed right after a place given by "à" ("à Marcel, Lucien et Hinche")
    that were typed person without a title are places too."""
    out = list(mentions)
    chain = False
    previous_end = -1
    for i, m in enumerate(out):
        gap = text[previous_end : m.start] if previous_end >= 0 else ""
        listed = chain and bool(_LIST_GAP.fullmatch(gap))
        if (m.start, m.end) in places:
            chain = True
        elif listed and m.type == "person" and m.role is None and " " not in m.name:
            out[i] = replace(m, type="place")
        else:
            chain = listed and m.type == "place"
        previous_end = m.end
    return out


_POLITY_GAP = re.compile(r"\s*(?:,|\bet\b|\bou\b)\s*(?:\b(?:les|des|aux)\b\s*)?")


def listed_polities(mentions: Sequence[RawMention], text: str) -> list[RawMention]:
    """ "les Chaddadites, les Hassanwahides et les Merwanides": a one-word plural name listed
    next to a dynasty's plural ("-ides", ``shapes.polity_plural``) is a polity too, typed
    place, whatever NER guessed for it."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.type not in {"organization", "person"} or m.role is not None:
            continue
        if " " in m.name or not m.name.endswith("s") or not m.name[:1].isupper():
            continue
        around = [out[j] for j in (i - 1, i + 1) if 0 <= j < len(out)]
        if any(
            n.type == "place"
            and polity_plural(n.name)
            and _POLITY_GAP.fullmatch(text[min(m.end, n.end) : max(m.start, n.start)])
            for n in around
        ):
            out[i] = replace(m, type="place")
    return out


def settle_document(
    mentions: Sequence[RawMention], cues: Sequence[tuple[str, EntityType]], lex: Lexicon
) -> list[RawMention]:
    """Give every mention of a name the type its context cues give it in the document (by
    majority), except a person's surname ("Mandela" of "Nelson Mandela"). A body's short
    name ("le Conseil") takes the one full name the document gives a body with that head
    ("Conseil européen"), when there is only one. A person's name that is a place of the
    document followed by lowercase words ("le Kurdistan iranien") is a place. A name that
    an organisation's name holds after its head ("al-Chabab" in "Front al-Chabab") is that
    organisation's. A surname NER took for a place is a person's
    (``_disputed_surnames``). A name NER took for an organisation's or a person's that an
    agreement of the document is named after ("Schengen" and "l'accord de Schengen") is that
    instrument's short name (a name NER took for a place stays one: "à Amsterdam")."""
    votes: dict[str, Counter[EntityType]] = {}
    for name, etype in cues:
        votes.setdefault(name, Counter())[etype] += 1
    decided = {name: c.most_common(1)[0][0] for name, c in votes.items()}
    longer: dict[str, set[str]] = {}
    for m in mentions:
        words = m.name.split()
        if m.type == "organization" and len(words) > 1 and m.label != SHORT_LABEL:
            longer.setdefault(words[0], set()).add(m.name)
    places = {m.name for m in mentions if m.type == "place" and m.label == "LOC"}
    named = {_bare_name(m.name, lex) for m in mentions if m.type == "organization"} - {None}
    surnames = _disputed_surnames(mentions)
    instruments = {_instrument_place(m.name) for m in mentions if m.type == "agreement"}
    full_names = {m.name.split()[-1] for m in mentions if m.type == "person" and " " in m.name}
    out = []
    for m in mentions:
        cued = decided.get(m.name)
        if m.label == SHORT_LABEL and len(longer.get(m.name, ())) == 1:
            m = replace(m, name=next(iter(longer[m.name])))
        elif (
            cued is not None
            and m.type in _SCORED
            and m.type != cued
            and m.role is None
            and not (m.type == "person" and m.name in full_names)
        ):
            m = replace(m, type=cued)
        elif m.type in {"organization", "person"} and m.role is None and m.name in instruments:
            m = replace(m, type="agreement")
        elif m.type == "place" and m.name in surnames and cued is None:
            m = replace(m, type="person")
        elif m.type in {"person", "place"} and m.role is None and m.name in named:
            m = replace(m, type="organization")
        elif m.type == "person" and m.role is None:
            first, *rest = m.name.split()
            if rest and first in places and all(w.islower() for w in rest):
                m = replace(m, type="place")
        out.append(m)
    return out


_NAMED_AFTER = re.compile(r"\s(?:de|du|d['’])\s*(?P<place>[A-ZÀ-Ý][\w-]+)$")


def _instrument_place(name: str) -> str | None:
    """ "Accord de Schengen" -> "Schengen": the one capitalised word an agreement is named
    after, or None."""
    m = _NAMED_AFTER.search(name)
    return None if m is None or is_acronym(m.group("place")) else m.group("place")


def _disputed_surnames(mentions: Sequence[RawMention]) -> set[str]:
    """One-word "places" that end a fuller person's name in the document and that NER also
    gave as a person's there, or that carry a name particle ("al-Moussaoui" of "Abbas
    al-Moussaoui"): a surname."""
    people = {m.name for m in mentions if m.type == "person"}
    ends = {n.split()[-1] for n in people if len(n.split()) > 1}
    return {
        m.name
        for m in mentions
        if m.type == "place" and m.name in ends and (m.name in people or _glued(m.name))
    }


def _glued(word: str) -> bool:
    particle, _, rest = word.partition("-")
    return fold(particle) in PERSON_PARTICLES and rest[:1].isupper()


def _bare_name(name: str, lex: Lexicon) -> str | None:
    """ "al-Chabab" of "Front al-Chabab", "Polisario" of "Front Polisario": the name after an
    organisation head with no "de" between, which names the organisation alone."""
    head, _, rest = name.partition(" ")
    if fold(head) not in lex.organization_heads or not rest or not rest[:1].isalpha():
        return None
    first = rest.split()[0]
    if fold(first) in lex.stopwords or not (first[:1].isupper() or _glued(first)):
        return None
    return rest


def propagate_names(
    mentions: Sequence[RawMention],
    passages: Sequence[Passage],
    lowercase: frozenset[str],
    lex: Lexicon,
) -> list[tuple[Passage, int, int, str, EntityType]]:
    """Occurrences NER missed of an organisation the document names ("Frontex" found three
    times out of fifteen): the exact name, capitalised, between word bounds, outside every
    mention. Names that are common words of the document or lexicon, acronyms NER never
    gave as an organisation's (the defined ones are searched by ``corpus.bare_uses``) and
    names the document also gives a person (a surname) are not searched."""
    by_ner = {m.name for m in mentions if m.label == "ORG"}
    people = {m.name for m in mentions if m.type == "person"}
    people |= {m.name.split()[-1] for m in mentions if m.type == "person"}
    names = {
        m.name
        for m in mentions
        if m.type == "organization"
        and m.name not in people
        and (not is_acronym(m.name) or m.name in by_ner)
        and len(m.name) > 2
        and fold(m.name) not in lex.noise.common_nouns
        and fold(m.name) not in lex.organization_heads
        and m.name.lower() not in lowercase
        and m.name[:1].isupper()
    }
    if not names:
        return []
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.passage_seq, []).append((m.start, m.end))
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len)[::-1])
        + r")(?![\w-])"
    )
    out: list[tuple[Passage, int, int, str, EntityType]] = []
    for p in passages:
        spans = taken.setdefault(p.seq, [])
        for hit in pattern.finditer(p.text):
            s, e = hit.start(), hit.end()
            if any(s < b and a < e for a, b in spans):
                continue
            spans.append((s, e))
            out.append((p, s, e, hit.group(0), "organization"))
    return out
