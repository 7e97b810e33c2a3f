"""Who or what else a role or unit word is said of: the person right before or after it, the
organisation a possessive role noun or a "dont" clause belongs to, the subject of the copula it
completes, the organisation a generic noun refers back to ("le chef de l'organisation, X"), the
names given as examples of a unit ("des organismes de l'ONU comme l'UNICEF"), and "A et les
autres États membres de Y"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.extract.relations.actors import MentionIndex
from filature.extract.relations.connectives import case_words
from filature.extract.relations.lemmas import lemma
from filature.extract.relations.lexicon import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_TITLES = {"m.", "mme", "mlle", "m", "mr", "dr", "pr", "general", "monsieur", "madame"}
_SIGNED = {"signe", "signee", ":"}  # folded: "le ministre de X, Signé : Y"
_ON_BEHALF = {"pour", "au nom de", "au nom du", "au nom des"}  # folded
_POSSESSIVES = {"son", "sa", "leur"}


def possessor(index: MentionIndex, head: Token) -> int | None:
    """ "Le Sénat, par la voix de son président X": the organisation a possessive role noun
    belongs to is the nearest organisation its phrase hangs on in the parse (the role then
    needs its person right after it)."""
    if not any(c.dep_ == "det" and fold(c.text) in _POSSESSIVES for c in head.children):
        return None
    if person_after(index, head.doc, head.i + 1) is None:
        return None
    for anc in head.ancestors:
        m = index.at(anc)
        if m is not None and index.type_of(m) == "organization":
            return m
    doc = head.doc  # the parse may miss it: the organisation right before, in the same phrase
    for k in range(head.i - 2, max(head.sent.start, head.i - 8) - 1, -1):
        m = index.at(doc[k])
        if m is not None:
            return m if index.type_of(m) == "organization" else None
        if doc[k].pos_ not in {"ADP", "DET", "NOUN", "ADJ"}:
            return None
    return None


def relative_owner(index: MentionIndex, head: Token) -> int | None:
    """ "Y, dont le président est X", "Y, dont X est le président": the organisation named
    right before the "dont" that opens the role's clause."""
    doc = head.doc
    for k in range(head.i - 1, max(head.sent.start, head.i - 7) - 1, -1):
        if fold(doc[k].text) == "dont":
            before = k - 1
            while before >= 0 and doc[before].text == ",":
                before -= 1
            m = index.at(doc[before]) if before >= 0 else None
            return m if m is not None and index.type_of(m) == "organization" else None
        if doc[k].pos_ not in {"DET", "PROPN", "AUX", "NOUN", "ADJ"}:
            return None
    return None


def phrase_end(index: MentionIndex, doc: Doc, org: int | None, end: int) -> int:
    """The token after the organisation ``org`` a role's phrase names (``end`` without one)."""
    if org is None:
        return end
    return index.tokens.get(org, (end, end))[1]


def person_after(index: MentionIndex, doc: Doc, k: int) -> int | None:
    """A person mention right after token ``k`` (after a comma, an adjective, a title or a
    time adverb: "le ministre de X d'alors, Y")."""
    while k < len(doc) and (
        doc[k].text in {",", "l'", "l’"}
        or fold(doc[k].text) in _TITLES
        or fold(doc[k].text) in _SIGNED
        or doc[k].pos_ in {"ADJ", "ADV"}
        or (fold(doc[k].text) == "d'" and k + 1 < len(doc) and doc[k + 1].pos_ == "ADV")
    ):
        k += 1
    if k < len(doc):
        m = index.at(doc[k])
        if m is not None and index.type_of(m) == "person":
            return m
    return None


def holder_before(index: MentionIndex, doc: Doc, i: int) -> int | None:
    """The mention right before the role at token ``i``: "Wang Shiquan, directeur", "la
    Norvège, membre de l'OTAN" (a person holds a role; a place or organisation is a member)."""
    k = i - 1
    if k >= 0 and (m := index.at(doc[k])) is not None and index.type_of(m) == "person":
        return m  # "Anschaire Nikoyagize responsable de la ligue Iteka" (no comma)
    while k >= 0 and (
        doc[k].pos_ in {"DET", "ADV"}  # "X, officiellement le mouvement de jeunesse de Y"
        or fold(doc[k].text) in {"ex", "ancien", "ancienne", "nouveau", "nouvelle"}
    ):
        k -= 1
    if k < 0 or doc[k].text != ",":
        return None
    m = index.at(doc[k - 1]) if k > 0 else None
    if m is not None:
        return m
    return appos_holder(index, doc[i])


def appos_holder(index: MentionIndex, head: Token) -> int | None:
    """The mention a role noun is in apposition to (through coordinated roles)."""
    tok = head
    for _ in range(3):
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        if tok.dep_ == "appos":
            return index.at(tok.head)
        return None
    return None


def subject_holder(
    index: MentionIndex, head: Token, verbs: frozenset[str]
) -> tuple[int | None, Token | None]:
    """ "X est élu président": the subject of the copula or role verb the role noun completes;
    the name a relative clause qualifies ("X, qui est membre de Y"); the name a role noun is
    the subject of, after a copula ("le fondateur de Y est X")."""
    copula = any(k.dep_ == "cop" for k in head.children)
    for c in head.children:
        if c.dep_ in {"nsubj", "nsubj:pass"} and copula:
            if "Rel" in c.morph.get("PronType", []) and head.dep_ == "acl:relcl":
                return index.at(head.head), head
            return index.at(c), head
    if head.dep_ == "nsubj" and any(k.dep_ == "cop" for k in head.head.children):
        named = index.at(head.head)
        if named is not None and index.type_of(named) == "person":
            return named, head.head
    bare = head.dep_ == "obl:mod" and not any(c.dep_ == "case" for c in head.children)
    if (head.dep_ in {"xcomp", "obj"} or bare) and fold(
        lemma(head.head) or head.head.text
    ) in verbs:
        verb = head.head
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubj:pass"}:
                return index.at(c), verb
    if fold(case_words(head)).endswith("en tant que") or fold(case_words(head)) == "comme":
        verb = head.head
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubj:pass"}:
                return index.group(c)[0] if index.group(c) else None, verb
    return None, None


def named_before(
    index: MentionIndex, doc: Doc, k: int, nouns: frozenset[str]
) -> tuple[int | None, int | None]:
    """ "le chef de l'organisation, Ayman al-Zawahiri": a role's institution given as "de" +
    definite article + a generic noun with no name of its own is an organisation named in
    its sentence or the one before (the one the same noun named, or the only one named
    there); also the token after the generic noun."""
    if k + 2 >= len(doc) or fold(doc[k].text) not in {"de", "du", "d'"}:
        return None, None
    n = k + 1 if fold(doc[k].text) == "du" else k + 2
    if fold(doc[n - 1].text) not in {"du", "l'", "la", "le"} or fold(doc[n].text) not in nouns:
        return None, None
    own = index.at(doc[n + 1]) if n + 1 < len(doc) else None
    if own is not None and index.type_of(own) != "person":
        return None, None
    if n + 1 < len(doc) and doc[n + 1].pos_ in {"ADJ", "ADP"}:
        return None, None  # "du groupe islamiste", "du groupe de Lima": a phrase of its own
    sent = doc[k].sent
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    named: dict[str, int] = {}
    for t in range(k - 1, first - 1, -1):
        m = index.at(doc[t])
        if m is None or index.type_of(m) != "organization":
            continue
        if t > 0 and fold(doc[t - 1].text) == fold(doc[n].text):
            return m, n + 1  # "le groupe Total ... le président du groupe"
        span = index.mentions[m]
        named.setdefault(fold(index.text[span.start : span.end]), m)
    if len(named) == 1:  # one organisation named before: no ambiguity
        return next(iter(named.values())), n + 1
    return None, None


_EXAMPLES = {"comme", "notamment", "dont", "tel", "tels", "telle", "telles", "que", "qu'", ":"}


def examples_after(index: MentionIndex, doc: Doc, k: int) -> list[int]:
    """ "des organismes dépendant de l'ONU comme l'UNICEF et la Commission X": the names
    given as examples right after a plural unit phrase that ends at token ``k``."""
    start = k
    while k < min(start + 4, len(doc)) and (
        fold(doc[k].text) in _EXAMPLES or doc[k].text == "," or doc[k].pos_ == "DET"
    ):
        k += 1
    if k == start or k >= len(doc) or not any(fold(t.text) in _EXAMPLES for t in doc[start:k]):
        return []
    first = index.at(doc[k])
    return [] if first is None else [first, *index.list_after(first)]


def other_member_before(index: MentionIndex, doc: Doc, i: int) -> int | None:
    """ "entre la France et les autres États membres de l'UE": "A et les autres N de Y" says
    that A is an N of Y too."""
    k = i - 1
    if k < 1 or fold(doc[k].text) != "autres":
        return None
    k -= 1
    while k >= 0 and doc[k].pos_ == "DET":
        k -= 1
    if k < 1 or fold(doc[k].text) not in {"et", ","}:
        return None
    return index.at(doc[k - 1])


def signed_for(index: MentionIndex, doc: Doc, i: int) -> int | None:
    """ "Pour le Gouvernement de X, Jean Dupont, ministre des Affaires étrangères": in a
    signature block, a role with no institution of its own is held in the state or
    organisation the block opens with ("Pour", "Au nom de"), when a person is named between."""
    sent = doc[i].sent
    if any(t.pos_ in {"VERB", "AUX"} and fold(t.text) not in _SIGNED for t in sent):
        return None  # a block names, it does not narrate: "Pour X, Y a insisté, comme ministre"
    start = sent.start
    words = fold(" ".join(t.text for t in doc[start : start + 3]))
    lead = next((w for w in sorted(_ON_BEHALF, key=len, reverse=True) if words.startswith(w)), "")
    if not lead:
        return None
    k = start + len(lead.split())
    while k < i and doc[k].pos_ == "DET":
        k += 1
    org = index.at(doc[k]) if k < i else None
    if org is None or index.type_of(org) not in {"organization", "place"}:
        return None
    between = {index.at(t) for t in doc[k:i]} - {None, org}
    return org if any(index.type_of(m or 0) == "person" for m in between) else None


def appointing_body(index: MentionIndex, doc: Doc, i: int, verbs: frozenset[str]) -> int | None:
    """ "La Commission a nommé M. X rapporteur": a role with no institution of its own, right
    after the person a verb of appointing has for object, is held in the organisation that is
    that verb's subject (a body names its own rapporteur, president or members)."""
    person = index.at(doc[i - 1]) if i > 0 else None
    if person is None or index.type_of(person) != "person":
        return None
    first = index.tokens.get(person, (i - 1, i))[0]
    k = first - 1
    while k >= doc[i].sent.start and (fold(doc[k].text) in _TITLES or doc[k].pos_ == "DET"):
        k -= 1
    if k < 0 or doc[k].pos_ != "VERB" or fold(lemma(doc[k]) or doc[k].text) not in verbs:
        return None
    for c in doc[k].children:
        if c.dep_ == "nsubj":
            body = index.phrase(c)
            if body is not None and index.type_of(body) == "organization":
                return body
    return None
