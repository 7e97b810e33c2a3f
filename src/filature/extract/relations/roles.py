"""Roles (holds_role) and memberships stated by a role noun next to a person or a country.

"François Haut, Directeur du MCC"; "le ministre de la Sécurité publique, Wang Xiaohong";
"Meng Hongwei ... est élu président d'Interpol"; "La Chine, membre actif de l'ONU".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from filature.extract.phrases import folded_token_texts, phrase_index, phrase_starts
from filature.extract.relations.actors import MentionIndex
from filature.extract.relations.clausedates import clause_date, role_date
from filature.extract.relations.emit import Emitter
from filature.extract.relations.holders import (
    appointing_body,
    appos_holder,
    examples_after,
    holder_before,
    named_before,
    other_member_before,
    person_after,
    phrase_end,
    possessor,
    relative_owner,
    signed_for,
    subject_holder,
)
from filature.extract.relations.lemmas import lemma
from filature.extract.relations.lexicon import RelationLexicon, fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PHRASE_POS = {"ADP", "DET", "ADJ", "NOUN", "PROPN", "X", "CCONJ"}
_WINDOW = 14
_LOCATIVE = {"en", "au", "aux", "dans"}
_COURT_PREPS = {"pres"}  # folded


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
            if kind == "place" and ((k > end and doc[k - 1].pos_ == "NOUN") or _qualifies(doc, k)):
                k = index.tokens.get(m, (k, k + 1))[1]
                continue
            if kind == "place" and located is None and fold(doc[k - 1].text) in _LOCATIVE:
                located = m
                k = index.tokens.get(m, (k, k + 1))[1]
                continue
            if kind not in {"organization", "place"} or not passed or (through and kind == "place"):
                return located
            return m
        if k == end and (_qualifier(tok) or (tok.pos_ == "PROPN" and _qualifies(doc, k))):
            k += 1
            continue
        if fold(tok.text) in _COURT_PREPS:  # "procureur général près la cour d'appel de X"
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


def _qualifies(doc: Doc, k: int) -> bool:
    """ "directeur Afrique de la FIDH": a one-word name right after the role word, followed by
    "de", qualifies the role (a region, a desk); the institution comes after it."""
    return (
        k + 1 < len(doc)
        and doc[k - 1].pos_ == "NOUN"
        and fold(doc[k + 1].text) in {"de", "du", "des", "d'"}
    )


def _qualifier(tok: Token) -> bool:
    """ "avocat plaidant au barreau": a present participle qualifying the role word."""
    return (
        tok.pos_ == "VERB"
        and tok.morph.get("VerbForm", []) == ["Part"]
        and (tok.morph.get("Tense", []) == ["Pres"])
    )


def _addressed(doc: Doc, i: int, salutations: frozenset[str]) -> bool:
    """ "Madame la Directrice de X, ...": a role named in a salutation is the addressee's, never
    the role of a name that follows."""
    k = i - 1
    while k >= 0 and doc[k].pos_ == "DET":
        k -= 1
    return k >= 0 and fold(doc[k].text) in salutations


def _unnamed_institution(index: MentionIndex, lex: RelationLexicon, i: int) -> int | None:
    """The institution of a role at token ``i`` that names none after it: the party a
    signature block opens with, or the body that appoints the person before the role."""
    found = signed_for(index, index.doc, i)
    return appointing_body(index, index.doc, i, lex.appointers) if found is None else found


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
        org = _unnamed_institution(index, lex, i) if org is None else org
        if org is None:
            continue
        if _addressed(doc, i, lex.salutations):
            continue
        clause: Token | None = None
        holder = appos_holder(index, head)
        rule = "role_apposition"
        if holder is None:
            after = j if owner is not None else phrase_end(index, doc, org, j)
            after = after if named_end is None else named_end
            if after < len(doc) and owner is not None and fold(lemma(doc[after]) or "") == "etre":
                after += 1  # "X, dont le président est Y"
            holder = person_after(index, doc, after)
            rule = "role_before_name"
        if holder is None:
            holder = holder_before(index, doc, i)
            rule = "role_after_name"
        if holder is None:
            holder, clause = subject_holder(index, head, lex.role_verbs)
            rule = "role_predicate"
        unit = fold(role) in lex.unit_words
        holders = [] if holder is None else [holder]
        if holder is None and unit:
            other = other_member_before(index, doc, i)
            holders = [other] if other is not None else []
            holders = holders or examples_after(index, doc, phrase_end(index, doc, org, j))
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
