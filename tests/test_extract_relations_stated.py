"""Relations between persons, organisations and places stated by apposition, examples, seats,
presence and joint work (issue 13), on sentences written for these tests from public facts."""

from __future__ import annotations

from typing import Any

import pytest

from filature.extract.relations import MentionSpan, find_candidates
from relkit import candidates_between, sides

ORG, PER, LOC = "organization", "person", "place"

Got = set[tuple[str, str, str, Any, Any]]


def found(nlp: Any, text: str, *names: tuple[str, str]) -> Got:
    """(source, target, type, role, date) of every candidate of ``text``."""
    return {(*sides(text, c), c.role, c.date) for c in candidates_between(nlp, text, *names)}


def pairs(got: Got) -> set[tuple[str, str, str]]:
    return {(s, t, r) for s, t, r, _, _ in got}


@pytest.mark.slow
def test_an_organ_or_agency_in_apposition_is_a_member(nlp: Any) -> None:
    text = "Europol, agence de l'Union européenne, aide les polices nationales."
    got = found(nlp, text, ("Europol", ORG), ("Union européenne", ORG))
    assert pairs(got) == {("Europol", "Union européenne", "member_of")}
    text = "L'OMS, une institution spécialisée des Nations unies, suit les épidémies."
    got = found(nlp, text, ("OMS", ORG), ("Nations unies", ORG))
    assert pairs(got) == {("OMS", "Nations unies", "member_of")}


@pytest.mark.slow
def test_a_unit_phrase_may_name_its_organisation_in_parentheses(nlp: Any) -> None:
    text = "Les Jeunes avec Macron, mouvement de jeunesse du parti présidentiel (LREM), votent."
    got = found(nlp, text, ("Jeunes avec Macron", ORG), ("LREM", ORG))
    assert pairs(got) == {("Jeunes avec Macron", "LREM", "member_of")}


@pytest.mark.slow
def test_examples_of_units_of_an_organisation_are_members(nlp: Any) -> None:
    text = "Le rapport a été relu par des agences dépendant de l'ONU comme le HCR et l'UNICEF."
    got = found(nlp, text, ("ONU", ORG), ("HCR", ORG), ("UNICEF", ORG))
    assert pairs(got) == {("HCR", "ONU", "member_of"), ("UNICEF", "ONU", "member_of")}


@pytest.mark.slow
def test_one_and_the_other_members_of_an_organisation(nlp: Any) -> None:
    text = "La convention lie l'Espagne et les autres États membres du Conseil de l'Europe."
    got = found(nlp, text, ("Espagne", LOC), ("Conseil de l'Europe", ORG))
    assert pairs(got) == {("Espagne", "Conseil de l'Europe", "member_of")}


@pytest.mark.slow
def test_a_unit_word_is_never_a_persons_role(nlp: Any) -> None:
    text = "Marie Curie et les autres membres de l'Académie des sciences ont voté."
    assert found(nlp, text, ("Marie Curie", PER), ("Académie des sciences", ORG)) == set()


@pytest.mark.slow
def test_a_denied_membership_is_no_relation(nlp: Any) -> None:
    text = "Le Hamas n'est pas une branche du Fatah."
    assert found(nlp, text, ("Hamas", ORG), ("Fatah", ORG)) == set()


@pytest.mark.slow
def test_a_place_called_the_seat_or_stronghold_of_an_organisation(nlp: Any) -> None:
    text = "L'armée irakienne a repris Mossoul, fief de l'État islamique depuis 2014."
    got = found(nlp, text, ("Mossoul", LOC), ("État islamique", ORG))
    assert pairs(got) == {("État islamique", "Mossoul", "located_in")}
    text = "Le président a quitté Paris, capitale de la France, hier."
    assert found(nlp, text, ("Paris", LOC), ("France", LOC)) == set()


@pytest.mark.slow
def test_a_group_formed_or_active_somewhere_is_located_there(nlp: Any) -> None:
    text = "Le Hezbollah s'est formé en 1982 au Liban."
    got = found(nlp, text, ("Hezbollah", ORG), ("Liban", LOC))
    assert got == {("Hezbollah", "Liban", "located_in", None, "1982")}
    text = "Boko Haram, actif au Nigeria, a enlevé des lycéennes."
    got = found(nlp, text, ("Boko Haram", ORG), ("Nigeria", LOC))
    assert pairs(got) == {("Boko Haram", "Nigeria", "located_in")}


@pytest.mark.slow
def test_training_or_mere_presence_is_not_a_location(nlp: Any) -> None:
    text = "L'ENA forme des diplomates en France."
    assert found(nlp, text, ("ENA", ORG), ("France", LOC)) == set()
    text = "La MINUSMA est présente au Mali depuis 2013."
    assert found(nlp, text, ("MINUSMA", ORG), ("Mali", LOC)) == set()
    text = "Al-Chabab n'est pas actif en Europe."
    assert found(nlp, text, ("Al-Chabab", ORG), ("Europe", LOC)) == set()


@pytest.mark.slow
def test_joint_work_states_cooperation(nlp: Any) -> None:
    text = "Ces projets sont portés par l'Espagne, souvent en liaison avec le Portugal."
    got = found(nlp, text, ("Espagne", LOC), ("Portugal", LOC))
    assert pairs(got) == {("Espagne", "Portugal", "cooperates_with")}
    text = "La France a combattu les djihadistes aux côtés du Tchad."
    got = found(nlp, text, ("France", LOC), ("Tchad", LOC))
    assert pairs(got) == {("France", "Tchad", "cooperates_with")}
    text = "Jean Dupont habite à côté de Lyon."
    assert found(nlp, text, ("Jean Dupont", PER), ("Lyon", LOC)) == set()


@pytest.mark.slow
def test_between_after_an_inserted_phrase(nlp: Any) -> None:
    text = (
        "Les ministres ont adopté un plan d'action commun, encore provisoire, entre "
        "l'Union africaine et l'Union européenne."
    )
    got = found(nlp, text, ("Union africaine", ORG), ("Union européenne", ORG))
    assert pairs(got) == {("Union africaine", "Union européenne", "cooperates_with")}


@pytest.mark.slow
def test_heads_of_churches_and_kingdoms_hold_roles(nlp: Any) -> None:
    text = "Le patriarche de l'Église orthodoxe russe, Kirill, a reçu le pape."
    got = found(nlp, text, ("Église orthodoxe russe", ORG), ("Kirill", PER))
    assert pairs(got) == {("Kirill", "Église orthodoxe russe", "holds_role")}
    text = "Mohammed VI, roi du Maroc, a inauguré le port."
    got = found(nlp, text, ("Mohammed VI", PER), ("Maroc", LOC))
    assert got == {("Mohammed VI", "Maroc", "holds_role", "roi", None)}


@pytest.mark.slow
def test_a_pronoun_opening_a_sentence_stands_for_the_subject_before(nlp: Any) -> None:
    text = "Le Hamas a gagné les élections. Il s'est ensuite allié avec le Jihad islamique."
    got = found(nlp, text, ("Hamas", ORG), ("Jihad islamique", ORG))
    assert pairs(got) == {("Hamas", "Jihad islamique", "cooperates_with")}
    text = "Les élections ont été gagnées. Il s'est ensuite allié avec le Jihad islamique."
    assert found(nlp, text, ("Jihad islamique", ORG)) == set()


@pytest.mark.slow
def test_the_organisation_named_before_holds_the_role_of_a_generic_noun(nlp: Any) -> None:
    text = (
        "Le texte a été diffusé par Al-Qaïda. Il a été lu par le chef de l'organisation "
        "Oussama ben Laden, selon la presse."
    )
    got = found(nlp, text, ("Al-Qaïda", ORG), ("Oussama ben Laden", PER))
    assert pairs(got) == {("Oussama ben Laden", "Al-Qaïda", "holds_role")}
    text = "Le groupe Total a racheté Elf. Le président du groupe, Thierry Desmarest, a parlé."
    got = found(nlp, text, ("Total", ORG), ("Elf", ORG), ("Thierry Desmarest", PER))
    assert pairs(got) == {("Thierry Desmarest", "Total", "holds_role")}


@pytest.mark.slow
def test_a_generic_noun_is_no_antecedent_when_two_organisations_compete(nlp: Any) -> None:
    text = "L'OTAN et l'ONU ont publié un rapport. Le porte-parole du groupe, Jean Dupont, a parlé."
    got = found(nlp, text, ("OTAN", ORG), ("ONU", ORG), ("Jean Dupont", PER))
    assert got == set()


@pytest.mark.slow
def test_being_part_of_or_under_an_organisation_is_membership(nlp: Any) -> None:
    text = "Le Bundesrat fait partie du Parlement allemand."
    got = found(nlp, text, ("Bundesrat", ORG), ("Parlement allemand", ORG))
    assert pairs(got) == {("Bundesrat", "Parlement allemand", "member_of")}
    text = "La DGSI est rattachée au ministère de l'Intérieur."
    got = found(nlp, text, ("DGSI", ORG), ("ministère de l'Intérieur", ORG))
    assert pairs(got) == {("DGSI", "ministère de l'Intérieur", "member_of")}
    text = "Le Liechtenstein n'appartient pas à l'Union européenne."
    assert found(nlp, text, ("Liechtenstein", LOC), ("Union européenne", ORG)) == set()
    text = "L'Italie dépend du gaz de la Russie."
    assert found(nlp, text, ("Italie", LOC), ("Russie", LOC)) == set()


@pytest.mark.slow
def test_paying_the_costs_of_an_organisation_funds_it(nlp: Any) -> None:
    text = "Les dépenses de fonctionnement d'Europol sont payées par l'Union européenne."
    got = found(nlp, text, ("Europol", ORG), ("Union européenne", ORG))
    assert pairs(got) == {("Union européenne", "Europol", "funds")}


@pytest.mark.slow
def test_a_role_right_after_a_name_without_a_comma(nlp: Any) -> None:
    text = "Selon Christine Lagarde présidente de la BCE, les taux resteront bas."
    got = found(nlp, text, ("Christine Lagarde", PER), ("BCE", ORG))
    assert got == {("Christine Lagarde", "BCE", "holds_role", "présidente", None)}


@pytest.mark.slow
def test_an_adverb_may_open_the_apposition(nlp: Any) -> None:
    text = "Les Jeunes communistes, officiellement l'organisation de jeunesse du PCF, défilent."
    got = found(nlp, text, ("Jeunes communistes", ORG), ("PCF", ORG))
    assert pairs(got) == {("Jeunes communistes", "PCF", "member_of")}


def candidates(nlp: Any, text: str, *spans: tuple[int, int]) -> set[tuple[str, str, str]]:
    """(source, target, type) of the candidates of ``text`` with organisation ``spans``."""
    mentions = [MentionSpan(a, b, ORG) for a, b in spans]
    return {sides(text, c) for c in find_candidates(nlp(text), mentions)}


def span(text: str, name: str, after: int = 0) -> tuple[int, int]:
    start = text.index(name, after)
    return start, start + len(name)


@pytest.mark.slow
def test_a_bare_first_word_stands_for_the_organisation_named_before(nlp: Any) -> None:
    text = "Le Front Polisario est né en 1973. Le Front est membre de l'Internationale socialiste."
    short = span(text, "Front", text.index("Le Front est"))
    got = candidates(
        nlp, text, span(text, "Front Polisario"), short, span(text, "Internationale socialiste")
    )
    assert got == {("Front Polisario", "Internationale socialiste", "member_of")}
    text = "Le Front national a perdu. Le Front de gauche aussi. Le Front est membre de l'Alliance."
    short = span(text, "Front", text.index("Le Front est"))
    named = (span(text, "Front national"), span(text, "Front de gauche"), span(text, "Alliance"))
    assert candidates(nlp, text, *named, short) == {("Front", "Alliance", "member_of")}


@pytest.mark.slow
def test_a_demonstrative_noun_stands_for_the_one_organisation_it_began(nlp: Any) -> None:
    text = (
        "Le traité crée le Comité contre la torture. Les frais de fonctionnement de ce comité "
        "sont payés par l'ONU."
    )
    got = found(nlp, text, ("Comité contre la torture", ORG), ("ONU", ORG))
    assert pairs(got) == {("ONU", "Comité contre la torture", "funds")}
    text = (
        "Le Conseil de l'Europe et le Conseil nordique siègent. Les frais de ce conseil sont "
        "payés par l'ONU."
    )
    names = (("Conseil de l'Europe", ORG), ("Conseil nordique", ORG), ("ONU", ORG))
    assert found(nlp, text, *names) == set()
