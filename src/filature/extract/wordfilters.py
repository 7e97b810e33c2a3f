"""Word-level evidence the mention filters use: the document's common words, all-caps runs,
loose words at a span's end, and people nouns taken for places."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from filature.extract.bodies import governs, load_body_words
from filature.extract.countries import known_place
from filature.extract.lexicon import Lexicon
from filature.extract.spans import Trimmed
from filature.extract.textnorm import collapse, fold
from filature.models import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ADDRESS = re.compile(r"(?<!\S)\S*(?:/|www|@|\.\w)\S*")  # from word starts only: linear
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zà-öø-ÿ][\w-]*")
_MID_CAPITAL = re.compile(r"(?<=[a-zà-öø-ÿ,]\s)(?:l['’])?([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ][\w-]*)")
_COMPLEMENT = re.compile(r"(?:\b(?:de|du|des|et)\s+|\bd['’])$")


def lowercase_words(text: str) -> frozenset[str]:
    """Words a text uses as common words, addresses left out (common nouns, verbs...): written
    in lowercase more often than capitalised inside a sentence ("la Suisse" twice and "suisse"
    once is a name). A capital after "de", "d'", "et" is not counted: it may be a common word
    inside an institution's name ("Cellule d'Urgence")."""
    text = _ADDRESS.sub(" ", text)
    lower = Counter(m.group() for m in _LOWER_WORD.finditer(text))
    capital = Counter(
        m.group(1).lower()
        for m in _MID_CAPITAL.finditer(text)
        if not _COMPLEMENT.search(text[max(0, m.start() - 5) : m.start()])
    )
    return frozenset(w for w, n in lower.items() if n > capital[w])


def in_caps_run(text: str, start: int, end: int, name: str) -> bool:
    """An all-caps word joined by spaces, dots or a hyphen to another all-caps word (credits,
    headings, "SOC. ELECT."): not an acronym. A list ("LHCR, UNPO et ONU") is not a run."""
    if not name.isupper() or " " in name:
        return False
    before = re.search(r"([^\W\d_]+)[ \t./-]+$", text[max(0, start - 30) : start])
    after = re.match(r"[ \t./-]+([^\W\d_]+)", text[end : end + 30])
    near = [m.group(1) for m in (before, after) if m]
    return any(w.isupper() and len(w) >= 3 for w in near)


_VERBS = frozenset({"VERB", "AUX"})
_LOOSE_POS = frozenset({"PRON", "ADV", "DET", "SCONJ", "CCONJ"})


def _loose(tok: Token) -> bool:
    """A pronoun, adverb, finite verb, or adjective complementing a verb: not part of a name.
    Participles stay ("Nations unies")."""
    if tok.pos_ in _LOOSE_POS:
        return True
    if tok.pos_ in _VERBS:
        return "Fin" in tok.morph.get("VerbForm", [])
    return tok.pos_ == "ADJ" and tok.dep_ != "amod" and tok.head.pos_ in _VERBS


_OF = frozenset({"de", "d'", "d’", "du", "des"})


def _qualifying(doc: Doc, tok: Token) -> bool:
    """ "Conseil d'Etat telle", "Union européenne doté (de la personnalité juridique)": a
    qualifying adjective, or a participle opening its own "de" complement, ends no name."""
    if tok.pos_ not in {"ADJ", "VERB"}:
        return False
    if tok.lower_ in load_body_words().qualifying or governs(doc, tok.i):
        return True
    participle = "Part" in tok.morph.get("VerbForm", []) or tok.lower_.endswith(("é", "ée"))
    if not participle or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ not in _OF:
        return False
    return doc[tok.i + 1].head.head.i == tok.i  # its complement, not the name's ("unies de 2015")


def cut_loose_tail(doc: Doc, text: str, span: Trimmed) -> Trimmed:
    """Cut lowercase words at the end of a span that the parse attaches outside it, when they
    are verbs, pronouns, adverbs or depend on a verb: "Conseil d'Etat telle", "... Savoisiennes
    recevable"; "Cour de cassation" and "Assemblée nationale" keep their words."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) < 2:
        return span
    first, end = tokens.start, tokens.end
    while end - first > 1:
        tok = doc[end - 1]
        if not tok.is_alpha or not tok.text.islower():
            break
        inside = first <= tok.head.i < end - 1
        if not _qualifying(doc, tok) and (inside or not _loose(tok)):
            break
        end -= 1
    if end == tokens.end:
        return span
    stop = int(doc[end - 1].idx + len(doc[end - 1].text))
    return replace(span, end=stop, name=collapse(text[span.start : stop]))


_PLURAL_ARTICLES = frozenset({"les", "des", "aux", "ces", "deux", "trois", "plusieurs"})
_SINGULAR_INDEFINITE = frozenset({"un", "une"})


def people_noun(
    doc: Doc,
    start: int,
    end: int,
    etype: EntityType,
    lex: Lexicon,
    written_lower: frozenset[str],
) -> bool:
    """ "les Allemands", "des Kurdes", "un Tanzanien": a capitalised word after an article that
    names a people, not a place or a person: after an indefinite article (no place takes
    "un"), or a plural one or a count ("5 000 Kurdes", "beaucoup de Kurdes") when it has a
    people ending or the document also writes it in lowercase, as an adjective ("les Kurdes"
    and "les régions kurdes"; "ottoman" of "l'Empire ottoman" makes no people of "les
    Ottomans")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if etype not in {"place", "person"} or span is None or len(span) != 1 or span.start == 0:
        return False
    before = doc[span.start - 1].lower_
    word = fold(span.text)
    if before in _SINGULAR_INDEFINITE:
        return True
    if not word.endswith("s") or not (before in _PLURAL_ARTICLES or _counted(doc, span.start)):
        return False
    if word.endswith(lex.demonym_plural_suffixes) or span.text.lower() in written_lower:
        return True
    return _plural_people(doc, span.start, etype, written_lower)


_LOCATIVE = frozenset({"dans", "sur", "vers", "depuis", "en", "à", "a", "outre", "sous"})


def _plural_people(doc: Doc, i: int, etype: EntityType, written_lower: frozenset[str]) -> bool:
    """ "les Tutsis sont ciblés", "les Mèdes conquièrent": a plural name after a plural article
    that world knowledge does not know as a place ("les Ardennes", "les Comores") is a people;
    nobody's own name takes the plural. A place NER found is kept after a locative preposition
    ("dans les Alpes") or when the document writes its singular as an adjective ("les Ottomans"
    and "l'Empire ottoman": the polity)."""
    name = doc[i].text
    if known_place(name) or doc[i - 1].lower_ not in {"les", "des"}:
        return False
    if etype == "person":
        return True
    singular = name[:-1].lower()
    return singular not in written_lower and (i < 2 or doc[i - 2].lower_ not in _LOCATIVE)


_QUANTITIES = frozenset(
    {"beaucoup", "peu", "nombre", "milliers", "millions", "centaines", "dizaines", "plupart"}
)


def _counted(doc: Doc, i: int) -> bool:
    """ "5 000 Kurdes", "beaucoup de Kurdes": token ``i`` is counted like a people."""
    before = doc[i - 1]
    if before.like_num:
        return True
    return before.lower_ in {"de", "d'", "d’"} and i > 1 and doc[i - 2].lower_ in _QUANTITIES


def written_lowercase(text: str) -> frozenset[str]:
    """Every word a text writes in lowercase at least once."""
    return frozenset(m.group() for m in _LOWER_WORD.finditer(text))


def cut_at_title(text: str, span: Trimmed, lex: Lexicon) -> Trimmed:
    """A person's span ends before a title or form of address that follows the name:
    "Ludford Monsieur le Président" -> "Ludford". Initials ("John M. Keynes") are not titles."""
    words = list(re.finditer(r"\S+", text[span.start : span.end]))
    for w in words[1:]:
        word = w.group(0)
        if (
            word[:1].isupper()
            and len(word.rstrip(".")) > 2
            and (fold(word).rstrip(".") in lex.titles_by_first or word in lex.honorifics)
        ):
            stop = span.start + w.start()
            name = collapse(text[span.start : stop])
            return replace(span, end=span.start + len(text[span.start : stop].rstrip()), name=name)
    return span
