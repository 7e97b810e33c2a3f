"""The seat of an organisation: "X, dont le siège est à Y", "le siège de X est à Y", "X a son
siège à Y", "X, dont le siège social est situé à Y" give X located_in Y."""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.extract.relations.connectives import case_words
from filature.extract.relations.emit import Emitter
from filature.extract.relations.lexicon import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

_CONFIDENCE = 0.85
_PLACE_PREPS = {"a", "à", "en", "au", "aux", "dans"}


def _place(emitter: Emitter, tok: Token) -> int | None:
    m = emitter.index.phrase(tok)
    return m if m is not None and emitter.index.type_of(m) == "place" else None


def _seat_place(emitter: Emitter, seat: Token) -> tuple[int | None, Token]:
    """The place the seat is at, and the clause head that states it."""
    head = seat.head
    if seat.dep_.startswith("nsubj"):
        if case_words(head) in _PLACE_PREPS:  # "le siège est à Y": Y is the predicate
            return _place(emitter, head), head
        for c in head.children:  # "le siège est situé à Y"
            if c.dep_.startswith("obl") and case_words(c) in _PLACE_PREPS:
                return _place(emitter, c), head
    for c in seat.children:  # "son siège à Y", "siège social à Y"
        if c.dep_ in {"nmod", "obl", "obl:mod"} and case_words(c) in _PLACE_PREPS:
            return _place(emitter, c), seat
    for c in seat.children:  # "les locaux de X à Y": the parse may hang "à Y" on X
        if c.dep_ == "nmod" and case_words(c) in {"de", "d'", "du", "des"}:
            for g in c.children:
                if g.dep_ == "nmod" and case_words(g) in _PLACE_PREPS and g.i > c.i:
                    return _place(emitter, g), seat
            place = _adjacent_place(emitter, c)
            if place is not None:
                return place, seat
    return None, head


def _adjacent_place(emitter: Emitter, tok: Token) -> int | None:
    """ "les locaux de X à Y" parsed with "à Y" elsewhere: a place right after the name X."""
    index = emitter.index
    m = index.at(tok)
    end = index.tokens.get(m, (0, 0))[1] if m is not None else 0
    doc = tok.doc
    if m is None or end + 1 >= len(doc) or fold(doc[end].text) not in _PLACE_PREPS:
        return None
    return _place(emitter, doc[end + 1])


def _holder(emitter: Emitter, seat: Token, clause: Token) -> int | None:
    """The organisation whose seat it is: "le siège de X", "X, dont le siège", "X a son siège"."""
    index = emitter.index
    for c in seat.children:
        if c.dep_ == "nmod" and case_words(c) in {"de", "d'", "du", "des"}:
            return index.phrase(c)
    dont = next((t for t in clause.subtree if fold(t.text) == "dont"), None)
    if dont is not None:  # "X, dont le siège ...": X is the name right before "dont"
        k = dont.i - 1
        while k >= 0 and dont.doc[k].pos_ == "PUNCT":
            k -= 1
        before = index.at(dont.doc[k]) if k >= 0 else None
        if before is not None:
            return before
        return index.phrase(clause.head) if clause.head is not clause else None
    if seat.dep_ == "obj":
        subj = [c for c in seat.head.children if c.dep_.startswith("nsubj")]
        if subj:
            found = index.phrase(subj[0])
            return index.apposed_name(subj[0]) if found is None else found
    return None


def _apposed_seat(emitter: Emitter, noun: Token) -> None:
    """ "Raqqa, capitale de l'État islamique": a place followed, after a comma, by a seat noun
    whose complement names an organisation is that organisation's seat."""
    index, doc = emitter.index, noun.doc
    k = noun.i - 1
    while k > noun.sent.start and doc[k].pos_ == "DET":
        k -= 1
    if k <= noun.sent.start or doc[k].text != ",":
        return
    place = index.at(doc[k - 1])
    if place is None or index.type_of(place) != "place":
        return
    for c in noun.children:
        if c.dep_ == "nmod" and case_words(c) in {"de", "d'", "du", "des"}:
            holder = index.phrase(c)
            if holder is not None and index.type_of(holder) == "organization":
                emitter.add(holder, place, "located_in", "seat_apposition", 0.8, noun.sent, noun)


def _verb_seat(emitter: Emitter, seat: Token) -> bool:
    """ "X siège à Y": the verb, which the tagger may take for the noun, right after the name
    of an organisation and right before a place."""
    index, doc = emitter.index, seat.doc
    holder = index.at(doc[seat.i - 1]) if seat.i > 0 else None
    if holder is None or index.type_of(holder) != "organization" or index.at(seat) is not None:
        return False
    if seat.i + 1 >= len(doc) or fold(doc[seat.i + 1].text) not in _PLACE_PREPS:
        return False
    k = seat.i + 2
    while k < len(doc) and doc[k].pos_ == "DET":
        k += 1
    place = index.at(doc[k]) if k < len(doc) else None
    if place is None or index.type_of(place) != "place":
        return False
    return emitter.add(holder, place, "located_in", "seat_verb", _CONFIDENCE, seat.sent, seat)


def apply_seat_rule(emitter: Emitter, seat: Token) -> None:
    """Emit located_in from an organisation to the place of its seat."""
    word = fold(seat.text)
    if word in emitter.lexicon.seat_appositions:
        _apposed_seat(emitter, seat)
    if word not in emitter.lexicon.seat_words:
        return
    if _verb_seat(emitter, seat):
        return
    place, clause = _seat_place(emitter, seat)
    if place is None:
        return
    holder = _holder(emitter, seat, clause)
    if holder is not None and emitter.index.type_of(holder) != "place":
        emitter.add(holder, place, "located_in", "seat", _CONFIDENCE, seat.sent, seat)


_EVENTS = {"event", "operation"}


def apply_event_place_rule(emitter: Emitter) -> None:
    """ "l'opération Serval au Mali": a named event or operation whose name starts with one of
    the lexicon's event heads, followed at once by a place introduced by a place preposition,
    happened there (located_in); the head noun is the trigger."""
    index, lex = emitter.index, emitter.lexicon
    doc = index.doc
    for m, mention in enumerate(index.mentions):
        if mention.type not in _EVENTS:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or fold(span[0].text) not in lex.event_place_heads:
            continue
        k = span.end
        if k >= len(doc) or fold(doc[k].text) not in lex.place_preps:
            continue
        k += 1
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        place = index.at(doc[k]) if k < len(doc) else None
        if place is None or index.type_of(place) != "place":
            continue
        if doc[k].head.i not in range(span.start, span.end):
            continue  # the place must complement the name, not a verb further on
        emitter.add(m, place, "located_in", "event_place", _CONFIDENCE, span[0].sent, span[0])
