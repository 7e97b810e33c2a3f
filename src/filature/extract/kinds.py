"""An acronym glossed by a common noun phrase ("le PNR (données des dossiers passagers)",
"la TVA (taxe sur la valeur ajoutée)") names a kind of thing, not an actor; glossed by the
name of a body in lowercase ("la DGSI (direction générale de la sécurité intérieure)") it
stays an organisation's."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from filature.extract.cues import CueWords
from filature.extract.lexicon import Lexicon
from filature.extract.textnorm import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

_GLOSSED = re.compile(r"\b([A-Z][A-Z0-9&]{1,9})\s*\(\s*([a-zà-öø-ÿ][^()A-Z\d]{3,120})\)")
_FIRST = re.compile(r"[^\W\d_][\w-]*")


def glossed_kinds(doc: Doc, lex: Lexicon) -> list[str]:
    """The acronyms a passage (its parse) glosses in brackets by a lowercase phrase that opens
    on a common noun (not "(en arabe)", "(voir plus bas)") other than a body's noun (an
    organisation head, or a noun that governs an organisation's name)."""
    bodies = lex.organization_heads | CueWords.load().organization_nouns
    kinds = []
    for m in _GLOSSED.finditer(doc.text):
        first = _FIRST.match(m.group(2))
        token = doc.char_span(m.start(2), m.start(2) + len(first.group(0))) if first else None
        if first is None or token is None or token[0].pos_ != "NOUN" or ":" in m.group(2):
            continue
        word = fold(first.group(0))
        if word not in bodies and word.rstrip("s") not in bodies:
            kinds.append(m.group(1))
    return kinds
