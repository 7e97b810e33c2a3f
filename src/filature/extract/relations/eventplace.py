"""An event or operation followed by the place it happened in: "l'opération Anfal en Irak",
"la conférence X à Genève" give located_in from the event to the place."""

from __future__ import annotations

from filature.extract.relations.emit import Emitter
from filature.extract.relations.lexicon import fold

_CONFIDENCE = 0.75
_PLACE_PREPS = frozenset({"a", "en", "au", "aux", "dans"})
_ARTICLES = frozenset({"la", "le", "les", "l'"})
_SOURCES = frozenset({"event", "operation"})


def apply_event_place_rule(emitter: Emitter) -> None:
    """Emit located_in from each event or operation mention to a place mention that follows it
    after a locative preposition (and an article)."""
    index = emitter.index
    doc = index.doc
    for i, mention in enumerate(index.mentions):
        if mention.type not in _SOURCES or i not in index.tokens:
            continue
        end = index.tokens[i][1]
        if end + 1 >= len(doc) or fold(doc[end].text) not in _PLACE_PREPS:
            continue
        k = end + 1 if fold(doc[end + 1].text) not in _ARTICLES else end + 2
        place = index.at(doc[k]) if k < len(doc) else None
        if place is None or index.type_of(place) != "place" or index.tokens[place][0] != k:
            continue
        emitter.add(i, place, "located_in", "event_place", _CONFIDENCE, doc[end].sent, doc[end])
