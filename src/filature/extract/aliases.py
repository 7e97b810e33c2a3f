"""Names a text gives as another name of the same actor, found at corpus level:

- a name in another script in brackets right after a name is its alias: "Fox Hunt (猎狐)";
- a name in brackets right after an organisation's name, alone or with its acronym, is that
  organisation's other name (often a translation): "Bureau de la sécurité intérieure
  (Internal Security Bureau ou ISB)";
- the bare name of a named operation or programme ("First Light" after "Projet « First
  Light »") is that operation wherever its document uses it (``bare_operations``);
- an acronym made of the initials of an organisation's words, where no definition says
  otherwise: "AFP" for "Agence France-Presse" (``initials_pairs``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import replace

from filature.extract.corpus import OPERATION_RULES
from filature.extract.lexicon import Lexicon
from filature.extract.persons import Located
from filature.extract.textnorm import is_acronym, norm_key
from filature.models import Document

NAMED_TYPES = frozenset({"organization", "agreement", "operation", "event"})
_AFTER = re.compile(r"\s*\(\s*")
_REST = re.compile(r"\s*(?:(?:ou|or|,)\s*[A-Z][A-Z0-9&.-]{1,9}\s*)?\)")
INITIALS_MIN = 3


def _other_script(text: str) -> bool:
    """True for a text whose letters are all outside the Latin script ("猎狐", "Кремль")."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" not in unicodedata.name(c, "") for c in letters)


def bracket_aliases(
    documents: Sequence[Document], mentions: Sequence[Located]
) -> tuple[list[Located], list[tuple[Located, Located]]]:
    """(new mentions: names in another script, carrying the name and label of the one they
    follow, so that they join it; pairs of
    mentions naming the same organisation, the second in brackets after the first)."""
    passages = {(i, p.seq): p.text for i, d in enumerate(documents) for p in d.passages}
    by_start = {(m.doc_index, m.raw.passage_seq, m.raw.start): m for m in mentions}
    added: list[Located] = []
    pairs: list[tuple[Located, Located]] = []
    for m in mentions:
        text = passages.get((m.doc_index, m.raw.passage_seq), "")
        opened = _AFTER.match(text, m.raw.end)
        if opened is None or "(" not in opened.group(0):
            continue
        start = opened.end()
        close = text.find(")", start)
        if close < 0 or close - start > 80:
            continue
        inner = text[start:close].strip()
        if _other_script(inner):
            raw = replace(m.raw, start=start, end=start + len(inner), surface=inner)
            added.append(Located(m.doc_index, raw))
            continue
        other = by_start.get((m.doc_index, m.raw.passage_seq, start))
        if (
            other is not None
            and m.raw.type in NAMED_TYPES
            and other.raw.type == m.raw.type
            and not is_acronym(other.name)
            and _REST.match(text, other.raw.end)
        ):
            pairs.append((m, other))
    return added, pairs


def _initials(name: str, lex: Lexicon) -> str:
    words = [w for w in norm_key(name).split() if w not in lex.stopwords]
    return "".join(w[0] for w in words)


def initials_pairs(
    mentions: Sequence[Located], defined: Collection[str], lex: Lexicon
) -> list[tuple[Located, Located]]:
    """An organisation acronym of at least ``INITIALS_MIN`` letters that no text defines
    (``defined``) and the one organisation name of the corpus whose words' initials spell it
    ("AFP", "Agence France-Presse")."""
    taken = {norm_key(a) for a in defined}
    acronyms = {
        norm_key(m.name): m
        for m in mentions
        if m.raw.type == "organization"
        and is_acronym(m.name)
        and len(m.name) >= INITIALS_MIN
        and norm_key(m.name) not in taken
    }
    spelled: dict[str, dict[str, Located]] = {}
    for m in mentions:
        if m.raw.type != "organization" or is_acronym(m.name) or " " not in norm_key(m.name):
            continue
        letters = _initials(m.name, lex)
        if letters in acronyms:
            spelled.setdefault(letters, {})[norm_key(m.name)] = m
    return [
        (acronyms[letters], next(iter(names.values())))
        for letters, names in spelled.items()
        if len(names) == 1
    ]


_QUOTES = '«»“”"'


def _bare_name(name: str, lex: Lexicon) -> str:
    """ "Projet « First Light »" -> "First Light"; "" when nothing is left."""
    words = name.split()
    if words and norm_key(words[0]).rstrip("s") in {norm_key(h) for h in lex.operation_heads}:
        words = words[1:]
    return " ".join(w.strip(_QUOTES) for w in words if w.strip(_QUOTES))


def bare_operations(
    documents: Sequence[Document], mentions: Sequence[Located], lex: Lexicon
) -> list[Located]:
    """Mentions of a named operation by its bare name in the same document ("First Light a
    formé quarante enquêteurs"), carrying the operation's name and rule so that they join it;
    a name other mentions already cover is left to them (they join by key)."""
    taken: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault((m.doc_index, m.raw.passage_seq), []).append((m.raw.start, m.raw.end))
    added: list[Located] = []
    names = {
        (m.doc_index, _bare_name(m.name, lex)): m
        for m in mentions
        if m.raw.label in OPERATION_RULES
    }
    for (doc_index, bare), m in names.items():
        if len(bare) < 3 or not bare[:1].isupper():
            continue
        pattern = re.compile(rf"(?<![\w-]){re.escape(bare)}(?![\w-])")
        for p in documents[doc_index].passages:
            if bare not in p.text:  # most passages: no need to run the pattern
                continue
            spans = taken.setdefault((doc_index, p.seq), [])
            for found in pattern.finditer(p.text):
                s, e = found.span()
                if any(s < b and a < e for a, b in spans):
                    continue
                spans.append((s, e))
                raw = replace(m.raw, passage_seq=p.seq, start=s, end=e, surface=bare, zone=p.zone)
                added.append(Located(doc_index, raw))
    return added
