"""A meeting's head naming an organisation's standing organ ("Assemblée générale des Nations
unies") is an organisation, not an event (data/events.toml, ``standing_organs``)."""

from __future__ import annotations

import re
from functools import cache

from filature.extract.lexicon import read_data


@cache
def _organ() -> re.Pattern[str]:
    words = read_data("events.toml")["event"]["standing_organs"]
    either = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(
        rf"^\w+\s+(?:{either})\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*(?=[A-ZÀ-Ý])"
    )


def standing_organ(name: str) -> bool:
    """ "Assemblée générale des Nations unies": a head, a standing organ's adjective and
    "de" + a capitalised name (an event head alone stays an event)."""
    return _organ().match(name) is not None
