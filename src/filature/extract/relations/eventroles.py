"""Persons and organisations given a part in a named event or operation by a noun: "les
responsables de l'opération X, dont Y", "Y, l'organisateur de l'attentat de Z", "l'auteur de
l'attentat de Z, Y" (participates_in)."""

from __future__ import annotations

from filature.extract.relations.emit import Emitter
from filature.extract.relations.holders import examples_after, holder_before, person_after
from filature.extract.relations.lexicon import fold
from filature.extract.relations.roles import role_matches

_CONFIDENCE = 0.75
_OF = {"de", "du", "des", "d'", "d’"}
_ACTORS = {"person", "organization"}


def apply_event_role_rule(emitter: Emitter) -> None:
    """Emit participates_in from the actors a part noun is said of to the event after it."""
    index, lex = emitter.index, emitter.lexicon
    doc = index.doc
    for i, j in role_matches(doc, lex.event_parts):
        k = j
        if k >= len(doc) or fold(doc[k].text) not in _OF:
            continue
        k += 1
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        event = index.at(doc[k]) if k < len(doc) else None
        if event is None or index.type_of(event) not in {"event", "operation"}:
            continue
        end = index.tokens.get(event, (k, k + 1))[1]
        actors = examples_after(index, doc, end)
        if not actors:
            named = (
                person_after(index, doc, end) if end < len(doc) and doc[end].text == "," else None
            )
            named = holder_before(index, doc, i) if named is None else named
            actors = [] if named is None else [named]
        for actor in actors:
            if index.type_of(actor) in _ACTORS:
                emitter.add(
                    actor, event, "participates_in", "event_part", _CONFIDENCE, doc[i].sent, doc[i]
                )
