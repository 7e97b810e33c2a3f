"""A press title keeps its article: "un journaliste du Monde" names "Le Monde" (data/press.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from filature.extract.lexicon import read_data
from filature.extract.textnorm import fold

_ARTICLE_BEFORE = re.compile(r"(?:^|[\s(])(\w+['’]|\w+)\s*$")
_WORDS = re.compile(r"[^\W\d_]+")
_CUE_REACH = 2
_CUE_SEPARATORS = re.compile(r"[.;:!?»«]")


@dataclass(frozen=True)
class PressWords:
    """The press cue words (folded) and the article each article form stands for."""

    cues: frozenset[str]
    articles: dict[str, str]


@cache
def load_press_words() -> PressWords:
    """Read ``data/press.toml`` (cached)."""
    data = read_data("press.toml")
    return PressWords(
        cues=frozenset(fold(w) for w in data["cue_words"]),
        articles={k: str(v) for k, v in data["articles"].items()},
    )


def press_title(text: str, start: int, name: str) -> str | None:
    """The title with its article when the name at ``start`` follows a (contracted) article
    that a press word governs a few words before ("journaliste du Monde" -> "Le Monde");
    None otherwise or when the name already opens with an article."""
    words = load_press_words()
    if not name[:1].isupper() or fold(name.split()[0]) in words.articles:
        return None
    window = max(0, start - 12)
    m = _ARTICLE_BEFORE.search(text[window:start])
    if m is None or m.group(1) not in words.articles:
        return None
    article = words.articles[m.group(1)]
    article_start = window + m.start(1)
    before = _CUE_SEPARATORS.split(text[max(0, article_start - 80) : article_start])[-1]
    preceding = [fold(w) for w in _WORDS.findall(before)][-_CUE_REACH:]
    if not any(w in words.cues for w in preceding):
        return None
    return f"{article}{name}" if article.endswith("'") else f"{article} {name}"
