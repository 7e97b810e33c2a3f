"""Roles (holds_role) and memberships stated by a role noun next to a person or a country.

"François Haut, Directeur du MCC"; "le ministre de la Sécurité publique, Wang Xiaohong";
"Meng Hongwei ... est élu président d'Interpol"; "La Chine, membre actif de l'ONU".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.extract.phrases import folded_token_texts, phrase_index, phrase_starts
from filature.extract.relations.actors import MentionIndex, case_words
from filature.extract.relations.clauses import clause_date, role_date
from filature.extract.relations.emit import Emitter
from filature.extract.relations.holders import examples_after, named_before, other_member_before
from filature.extract.relations.lemmas import lemma
from filature.extract.relations.lexicon import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PHRASE_POS = {"ADP", "DET", "ADJ", "NOUN", "PROPN", "X", "CCONJ"}
_WINDOW = 14
_LOCATIVE = {"en", "au", "aux", "dans"}
_TITLES = {"m.", "mme", "mlle", "m", "mr", "dr", "pr", "general", "monsieur", "madame"}


def role_matches(doc: Doc, roles: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """Token ranges ``[i, j)`` of role words ("vice-ministre", "directeur général")."""
    words = folded_token_texts(doc, fold)
    index = phrase_index(roles)
    out: list[tuple[int, int]] = []
    after = 0  # a role's words are not searched for another role
    for i in phrase_starts(words, index):
        if i < after:
            continue
        n = index.match(words, i)
        if n:
            out.append((i, i + n))
            after = i + n
    return out


def institution_after(
    index: MentionIndex, doc: Doc, end: int, through: frozenset[str] = frozenset()
) -> int | None:
    """The first organisation or place named in the role phrase that starts at token ``end``.

    A place right after a common noun qualifies that noun ("directeur du bureau Afrique de X"):
    the institution is the organisation named after it. With ``through``, the phrase must pass
    one of those nouns first ("avocat au barreau de X", not "avocat de la société X").
    """
    passed = not through
    located: int | None = None  # "branche en Syrie de X": a place after "en" locates the role
    k = end
    while k < min(end + _WINDOW, len(doc)):
        tok = doc[k]
        m = index.at(tok)
        passed = passed or fold(tok.text) in through
        if m is not None:
            kind = index.type_of(m)
            if kind == "place" and k > end and doc[k - 1].pos_ == "NOUN":
                k = index.tokens.get(m, (k, k + 1))[1]
                continue
            if kind == "place" and located is None and fold(doc[k - 1].text) in _LOCATIVE:
                located = m
                k = index.tokens.get(m, (k, k + 1))[1]
                continue
            if kind not in {"organization", "place"} or not passed or (through and kind == "place"):
                return located
            return m
        if k == end and _qualifier(tok):
            k += 1
            continue
        if tok.text == "(" and k > end and k + 1 < len(doc):
            named = index.at(doc[k + 1])  # "du parti au pouvoir (CNDD-FDD)"
            if named is not None and index.type_of(named) == "organization" and passed:
                return named
        if tok.pos_ not in _PHRASE_POS and tok.text not in {"-", "'", "’"}:
            return located
        coordinated = tok.pos_ == "CCONJ" and k + 1 < len(doc) and doc[k + 1].pos_ == "ADP"
        if (tok.pos_ == "CCONJ" and not coordinated) or (
            k == end and tok.pos_ not in {"ADP", "ADJ", "DET"}
        ):
            return located
        k += 1
    return located


_POSSESSIVES = {"son", "sa", "leur"}


def possessor(index: MentionIndex, head: Token) -> int | None:
    """ "Le Sénat, par la voix de son président X": the organisation a possessive role noun
    belongs to is the nearest organisation its phrase hangs on in the parse (the role then
    needs its person right after it)."""
    if not any(c.dep_ == "det" and fold(c.text) in _POSSESSIVES for c in head.children):
        return None
    if _person_after(index, head.doc, head.i + 1) is None:
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


def _qualifier(tok: Token) -> bool:
    """ "avocat plaidant au barreau": a present participle qualifying the role word."""
    return (
        tok.pos_ == "VERB"
        and tok.morph.get("VerbForm", []) == ["Part"]
        and (tok.morph.get("Tense", []) == ["Pres"])
    )


def _phrase_end(index: MentionIndex, doc: Doc, org: int | None, end: int) -> int:
    if org is None:
        return end
    return index.tokens.get(org, (end, end))[1]


def _person_after(index: MentionIndex, doc: Doc, k: int) -> int | None:
    """A person mention right after token ``k`` (after a comma, an adjective, a title or a
    time adverb: "le ministre de X d'alors, Y")."""
    while k < len(doc) and (
        doc[k].text in {",", "l'", "l’"}
        or fold(doc[k].text) in _TITLES
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
    return _appos_holder(index, doc[i])


def _appos_holder(index: MentionIndex, head: Token) -> int | None:
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


def _subject_holder(
    index: MentionIndex, head: Token, verbs: frozenset[str]
) -> tuple[int | None, Token | None]:
    """ "X est élu président": the subject of the copula or role verb the role noun completes."""
    for c in head.children:
        if c.dep_ in {"nsubj", "nsubj:pass"} and any(k.dep_ == "cop" for k in head.children):
            return index.at(c), head
    if head.dep_ in {"xcomp", "obj"} and fold(lemma(head.head) or head.head.text) in verbs:
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


def _addressed(doc: Doc, i: int, salutations: frozenset[str]) -> bool:
    """ "Madame la Directrice de X, ...": a role named in a salutation is the addressee's, never
    the role of a name that follows."""
    k = i - 1
    while k >= 0 and doc[k].pos_ == "DET":
        k -= 1
    return k >= 0 and fold(doc[k].text) in salutations


def apply_role_rules(emitter: Emitter) -> None:
    """Emit holds_role (persons) and member_of (places, organisations) from role nouns."""
    index, lex = emitter.index, emitter.lexicon
    doc = index.doc
    matches = role_matches(doc, lex.roles_and_units)
    starts = [i for i, _ in matches]
    for i, j in matches:
        head = doc[i]
        if index.at(head) is not None and index.type_of(index.at(head) or 0) == "person":
            continue
        role = " ".join(t.text for t in doc[i:j]).lower()
        org = institution_after(index, doc, j, lex.role_institutions.get(fold(role), frozenset()))
        owner = None
        if org is None:
            owner = possessor(index, head)
            owner = relative_owner(index, head) if owner is None else owner
        org = owner if org is None else org
        named_end: int | None = None
        if org is None:
            org, named_end = named_before(index, doc, j, lex.anaphor_nouns)
        if org is None:
            continue
        if _addressed(doc, i, lex.salutations):
            continue
        clause: Token | None = None
        holder = _appos_holder(index, head)
        rule = "role_apposition"
        if holder is None:
            after = j if owner is not None else _phrase_end(index, doc, org, j)
            after = after if named_end is None else named_end
            if after < len(doc) and owner is not None and fold(lemma(doc[after]) or "") == "etre":
                after += 1  # "X, dont le président est Y"
            holder = _person_after(index, doc, after)
            rule = "role_before_name"
        if holder is None:
            holder = holder_before(index, doc, i)
            rule = "role_after_name"
        if holder is None:
            holder, clause = _subject_holder(index, head, lex.role_verbs)
            rule = "role_predicate"
        unit = fold(role) in lex.unit_words
        holders = [] if holder is None else [holder]
        if holder is None and unit:
            other = other_member_before(index, doc, i)
            holders = [other] if other is not None else []
            holders = holders or examples_after(index, doc, _phrase_end(index, doc, org, j))
            rule = "role_other" if other is not None else "role_examples"
        for who in holders:
            if unit and index.type_of(who) == "person":
                continue  # a unit word says what an organisation is, never a person's role
            _emit_role(emitter, who, org, rule, head, role, clause, starts, unit)


def _emit_role(
    emitter: Emitter,
    holder: int,
    org: int,
    rule: str,
    head: Token,
    role: str,
    clause: Token | None,
    starts: list[int],
    unit: bool,
) -> None:
    """holds_role for a person; member_of for a place or an organisation given a member or
    unit word."""
    index, lex = emitter.index, emitter.lexicon
    conf = 0.85
    date = role_date(head, starts, emitter.dates)
    if date is None and clause is not None and clause is not head:
        date = clause_date(
            clause,
            emitter.dates,
            avoid=[c for c in clause.children if c.dep_.startswith("nsubj")],
        )
    holder_type = index.type_of(holder)
    if holder_type == "person":
        emitter.add(holder, org, "holds_role", rule, conf, head.sent, head, role=role, date=date)
    elif unit or fold(head.text) in lex.member_words:
        emitter.add(
            holder,
            org,
            "member_of",
            rule.replace("role", "member"),
            conf,
            head.sent,
            head,
            date=date,
        )
