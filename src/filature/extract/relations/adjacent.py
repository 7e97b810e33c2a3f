"""Relations stated by what follows a name at once, whatever the parse made of it.

- "le Bureau des affaires juridiques (OLA) de l'ONU": an organisation whose name starts with a
  unit noun (``[units].heads``), followed by an optional parenthesis (its acronym or a
  translation) and "de" + another organisation, is a unit of it (member_of);
- "la guerre d'indépendance face à la Grèce et à l'Arménie", "la guerre du Golfe contre l'Irak":
  the actors listed after a war or battle's name and "contre"/"face à" take part in it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from filature.extract.relations.emit import Emitter
from filature.extract.relations.lexicon import fold

if TYPE_CHECKING:
    from spacy.tokens import Span

_UNIT_OF = re.compile(
    r"\s*(?:\([^()\n]{1,120}\)\s*,?\s*)?(?:de\s+la\s|de\s+l['’]|du\s|des\s|de\s|d['’])\s*"
)
_UNIT_CONFIDENCE = 0.8
_WAR_CONFIDENCE = 0.7
_FIRST_ITEM = re.compile(  # "face aux occidentaux, à la Grèce": one common noun may come first
    r"^\s*(?:[a-zà-öø-ÿ'’-]+\s*)?(?:,\s*)?"
    r"(?:les?|la|l['’]|des|du|de la|de l['’]|d['’]|aux?|à la|à l['’])?\s*$"
)
_WINDOW = 200


def _span(emitter: Emitter, m: int) -> Span | None:
    mention = emitter.index.mentions[m]
    span = emitter.index.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span


def _next_mention(emitter: Emitter, m: int, types: set[str]) -> int | None:
    """The first mention of one of ``types`` starting after mention ``m`` within a window."""
    end = emitter.index.mentions[m].end
    best: int | None = None
    for j, other in enumerate(emitter.index.mentions):
        if (
            other.start >= end
            and other.start - end <= _WINDOW
            and other.type in types
            and (best is None or other.start < emitter.index.mentions[best].start)
        ):
            best = j
    return best


def apply_unit_of_rule(emitter: Emitter) -> None:
    """Emit member_of from each unit named just before "de <organisation>" to that
    organisation."""
    index, heads = emitter.index, emitter.lexicon.unit_heads
    text = index.text
    for m, mention in enumerate(index.mentions):
        if mention.type != "organization":
            continue
        if fold(text[mention.start : mention.end].split(" ", 1)[0]) not in heads:
            continue
        of = _UNIT_OF.match(text, mention.end)
        parent = None if of is None else index.starting_at(of.end())
        span = _span(emitter, m)
        if span is None or parent is None or index.type_of(parent) != "organization":
            continue
        emitter.add(m, parent, "member_of", "unit_of", _UNIT_CONFIDENCE, span.sent, span[0])


def _against(emitter: Emitter, end: int) -> int | None:
    """The offset just after "contre"/"face à" when the text at ``end`` starts with one."""
    raw = emitter.index.text[end : end + 24]
    folded = fold(raw)
    if len(folded) != len(raw):  # offsets in the folded text must be those of the text
        return None
    for prep in emitter.lexicon.opponent_preps:
        found = re.match(r"\s*" + r"\s+".join(map(re.escape, prep)) + r"\b", folded)
        if found is not None:
            return end + found.end()
    return None


def apply_war_side_rule(emitter: Emitter) -> None:
    """Emit participates_in from each actor listed after "<war> contre/face à" to the war."""
    index, heads = emitter.index, emitter.lexicon.war_heads
    actors = {"person", "organization", "place"}
    for m, mention in enumerate(index.mentions):
        if mention.type not in {"event", "operation"}:
            continue
        name = index.text[mention.start : mention.end]
        if fold(name.split(" ", 1)[0]) not in heads:
            continue
        after = _against(emitter, mention.end)
        first = _next_mention(emitter, m, actors) if after is not None else None
        if first is None or after is None:
            continue
        start = index.mentions[first].start
        if start < after or not _FIRST_ITEM.match(index.text[after:start]):
            continue
        span = _span(emitter, m)
        if span is None:
            continue
        for side in (first, *index.list_after(first, subjects=True)):
            if index.type_of(side) in actors:
                emitter.add(
                    side, m, "participates_in", "war_side", _WAR_CONFIDENCE, span.sent, span[0]
                )
