"""Lemmas for the relation rules, computed only for the tokens the rules read.

The pipeline is loaded without its lemmatizer (``extract.nlp.NOT_LOADED``): lemmatising every
token of every passage costs more than the rest of the relation step, while the rules read the
lemma of a few verbs and nouns. ``lemma`` gives exactly what the French rule lemmatizer would
have written on that token, memoised by (word, part of speech), all the lemmatizer reads.

The lemmatizer is made here, on first use, from the model's own tables, kept as plain
dictionaries: spaCy's ``Table`` hashes and orders its 216,849 lookup forms one by one, most
of a second at every model load, for the few lookups the rules make.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MEMO: dict[tuple[int, int], str] = {}
LOOKUPS = Path("lemmatizer", "lookups", "lookups.bin")
"""Where a packaged model keeps its lemmatizer's tables."""


def _hashed(key: object) -> int:
    from spacy.strings import get_string_id

    return key if isinstance(key, int) else int(get_string_id(str(key)))


class HashedTable(dict[int, Any]):
    """A lemmatizer table read-only, keyed as ``spacy.lookups.Table`` is (strings by their
    hash in the string store), without its per-key insertion and bloom filter."""

    def get(self, key: object, default: Any = None) -> Any:
        return dict.get(self, _hashed(key), default)

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, _hashed(key))

    def __getitem__(self, key: object) -> Any:
        return dict.__getitem__(self, _hashed(key))


def load_lookups(path: Path) -> Any:
    """The lemmatizer tables written at ``path`` (``spacy.lookups.Lookups.to_disk``), each a
    ``HashedTable``."""
    import srsly
    from spacy.lookups import Lookups

    lookups = Lookups()
    for name, data in srsly.msgpack_loads(path.read_bytes()).items():
        lookups._tables[name] = HashedTable(data)  # type: ignore[assignment]  # read as a Table
    return lookups


@cache
def _lemmatizer() -> Any:
    from spacy.lang.fr.lemmatizer import FrenchLemmatizer
    from spacy.util import load_config

    from filature.extract.nlp import load_nlp

    nlp = load_nlp()
    if nlp.path is None or not (Path(nlp.path) / LOOKUPS).exists():
        return None  # no lemmatizer at all: rules fall back on the token text
    path = Path(nlp.path)
    settings = load_config(path / "config.cfg")["components"].get("lemmatizer", {})
    if settings.get("factory") != "lemmatizer":
        return None
    mode = str(settings.get("mode", "rule"))
    lemmatizer = FrenchLemmatizer(nlp.vocab, None, mode=mode, overwrite=False)
    lemmatizer.lookups = load_lookups(path / LOOKUPS)
    lemmatizer._validate_tables()
    index = lemmatizer.lookups.get_table("lemma_index", {})
    for pos, forms in list(index.items()):  # lists of up to 66,000 forms, searched one by one
        if isinstance(forms, list):
            dict.__setitem__(index, pos, frozenset(forms))
    return lemmatizer


def lemma(token: Token) -> str:
    """The token's lemma ("" if none), as if the lemmatizer had run over its whole doc."""
    if token.lemma != 0 or token.doc.has_annotation("LEMMA"):
        return str(token.lemma_)
    key = (token.orth, token.pos)
    found = _MEMO.get(key)
    if found is None:
        lemmatizer = _lemmatizer()
        found = "" if lemmatizer is None else str(lemmatizer.lemmatize(token)[0])
        _MEMO[key] = found
    return found


def ensure_lemmas(doc: Doc) -> None:
    """Lemmatise ``doc`` in place if the pipeline that parsed it had its lemmatizer disabled."""
    if doc.has_annotation("LEMMA") or len(doc) == 0:
        return
    lemmatizer = _lemmatizer()
    if lemmatizer is not None:
        lemmatizer(doc)
