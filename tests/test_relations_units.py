"""Relation finding on small texts: patterns, dates and amounts, the table reader, resolution
(more single sentences are cases in tests/cases/relations_units.toml, run by
tests/test_relation_cases.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from docfactory import write_documents
from filature.extract.institutions import institution_spans
from filature.extract.lexicon import load_lexicon
from filature.extract.nlp import SENTENCE_GUARD, sentence_guard
from filature.extract.relations import (
    MentionSpan,
    RelationCandidate,
    cooccurrences,
    find_table_candidates,
    resolve,
)
from filature.extract.relations.lexicon import load_relation_lexicon
from filature.extract.relations.quantities import find_amounts, find_dates, find_periods
from filature.extract.run import extract_all
from filature.models import Entity, Mention
from relkit import candidates_between, sides

ORG, PER = "organization", "person"


def found(nlp: Any, text: str, *names: tuple[str, str]) -> set[tuple[str, str, str, Any]]:
    return {(*sides(text, c), c.role or c.date) for c in candidates_between(nlp, text, *names)}


def test_dates_amounts_and_periods_are_normalised() -> None:
    assert [
        d.value for d in find_dates("signé le 18 avril 2005, puis en mars 2022 et en 1984")
    ] == [
        "2005-04-18",
        "2022-03",
        "1984",
    ]
    money = find_amounts("EUR 2 047 000 puis 3,5 milliards de dollars US et 30 millions de yuans")
    assert [(m.amount, m.currency) for m in money] == [
        (2047000.0, "EUR"),
        (3.5e9, "USD"),
        (3e7, "CNY"),
    ]
    assert [p.value for p in find_periods("01/01/2021 – 31/12/2021")] == ["2021-01-01/2021-12-31"]


@pytest.mark.slow
def test_agreement_with_a_list_of_partners_and_its_date(nlp: Any) -> None:
    text = "En mai 2019, le Chili a signé un accord avec le Pérou, la Bolivie et l'Équateur."
    got = found(
        nlp, text, *((country, "place") for country in ("Chili", "Pérou", "Bolivie", "Équateur"))
    )
    assert {(s, t, typ) for s, t, typ, _ in got} == {
        ("Chili", "Pérou", "agreement_with"),
        ("Chili", "Bolivie", "agreement_with"),
        ("Chili", "Équateur", "agreement_with"),
    }
    assert {extra for *_, extra in got} == {"2019-05"}


@pytest.mark.slow
def test_roles_from_appositions_on_either_side(nlp: Any) -> None:
    text = (
        "Le directeur de l'Agence spatiale, Paul Martin, a rencontré Anne Roy, présidente de Nova."
    )
    names = (("Agence spatiale", ORG), ("Paul Martin", PER), ("Anne Roy", PER), ("Nova", ORG))
    got = found(nlp, text, *names)
    assert ("Paul Martin", "Agence spatiale", "holds_role", "directeur") in got
    assert ("Anne Roy", "Nova", "holds_role", "présidente") in got
    assert not any(t == "Nova" and s == "Paul Martin" for s, t, *_ in got)


@pytest.mark.slow
def test_membership_cooperation_and_no_relation_without_trigger(nlp: Any) -> None:
    text = "Le Chili a rejoint l'OCDE en 2010. Le Pérou et la Bolivie ont décidé de coopérer."
    names = (("Chili", "place"), ("OCDE", ORG), ("Pérou", "place"), ("Bolivie", "place"))
    got = found(nlp, text, *names)
    assert ("Chili", "OCDE", "member_of", "2010") in got
    assert ("Pérou", "Bolivie", "cooperates_with", None) in got
    quiet = "Le Chili et l'OCDE sont cités dans le rapport."
    assert not found(nlp, quiet, ("Chili", "place"), ("OCDE", "organization"))


def test_table_in_one_passage_with_columns() -> None:
    text = (
        "Donateur\tProjet\tMontant\tPériode\n"
        "Fondation Alpha\tProgramme eau potable\tEUR 120 000\t2020\n"
        "Banque Beta\tProjet routes rurales\tUS$ 75 000\t01/01/2021 – 31/12/2021\n"
    )
    result = find_table_candidates([(0, text, [])])
    rows = {
        (text[slice(*c.source)], text[slice(*c.target)], c.amount, c.currency, c.period)
        for _, c in result.candidates
    }
    assert rows == {
        ("Fondation Alpha", "Programme eau potable", 120000.0, "EUR", "2020"),
        ("Banque Beta", "Projet routes rurales", 75000.0, "USD", "2021-01-01/2021-12-31"),
    }
    assert {text[m.start : m.end] for _, m in result.new_mentions} >= {
        "Fondation Alpha",
        "Banque Beta",
    }


def test_table_cut_into_passages_with_bullets_and_a_shared_amount() -> None:
    cells = [
        "Fonds Gamma",
        "• Projet A",
        "• Projet B (2015-2019)",
        "EUR 10 000 Dons 2018",
        "Fonds Delta • Projet C",
        "US$ 5 000",
        "2019",
    ]
    passages: list[tuple[int, str, list[MentionSpan]]] = [(i, t, []) for i, t in enumerate(cells)]
    result = find_table_candidates(passages)
    got = {
        (
            cells[seq if c.source_seq is None else c.source_seq][slice(*c.source)],
            cells[seq][slice(*c.target)],
            c.amount,
            c.period,
        )
        for seq, c in result.candidates
    }
    # one amount for two programmes is the row's total: it is not copied onto each (issue 13)
    assert got == {
        ("Fonds Gamma", "Projet A", None, "2018"),
        ("Fonds Gamma", "Projet B", None, "2018"),
        ("Fonds Delta", "Projet C", 5000.0, "2019"),
    }


def cand(
    source: tuple[int, int], target: tuple[int, int], rel_type: str, **kw: Any
) -> RelationCandidate:
    return RelationCandidate(source, target, rel_type, "test", 0.8, (0, 50), **kw)


def test_resolve_merges_normalises_and_drops() -> None:
    keys = {(0, 0): 5, (10, 15): 2, (20, 25): 5, (30, 35): None}
    triples = [
        (0, 1, cand((0, 4), (10, 15), "agreement_with", date="2005")),
        (0, 2, cand((10, 15), (0, 4), "agreement_with")),
        (0, 3, cand((0, 4), (20, 25), "cooperates_with")),
        (0, 3, cand((0, 4), (30, 35), "supplies")),
    ]
    rels = resolve(triples, lambda d, s, a, b: keys.get((a, b), 5 if a == 0 else None))
    assert len(rels) == 1
    only = rels[0]
    assert (only.source_key, only.target_key, only.type, only.date) == (
        2,
        5,
        "agreement_with",
        "2005",
    )
    assert len(only.evidence) == 2 and only.weight == 2 and only.confidence > 0.8


def test_candidates_round_trip_through_json() -> None:
    c = cand((0, 4), (10, 15), "funds", amount=1.5, currency="EUR", more_evidence=((3, 0, 9),))
    assert RelationCandidate.from_dict(json.loads(json.dumps(c.to_dict()))) == c


def test_cooccurrences_weight_and_cap() -> None:
    def ent(key: int, seqs: range) -> Entity:
        return Entity(
            key, f"e{key}", "organization", (), tuple(Mention(0, s, 0, 3, "abc") for s in seqs)
        )

    rels = cooccurrences(
        [ent(0, range(30)), ent(1, range(25)), ent(2, range(40, 41))],
        {(0, s): 99 for s in range(50)},
    )
    assert [(r.source_key, r.target_key, r.weight, len(r.evidence)) for r in rels] == [
        (0, 1, 25, 20)
    ]
    assert rels[0].type == "mentioned_with" and rels[0].rule == "cooccurrence"


@pytest.mark.slow
def test_role_phrase_prefers_the_apposition_and_skips_time_adverbs(nlp: Any) -> None:
    text = "En 2019, le vice-ministre de l'Énergie, Marc Lenoir, a signé un accord avec le Maroc."
    got = found(
        nlp, text, ("Énergie", "organization"), ("Marc Lenoir", "person"), ("Maroc", "place")
    )
    assert ("Marc Lenoir", "Maroc", "agreement_with", "2019") in got
    assert ("Marc Lenoir", "Énergie", "holds_role", "vice-ministre") in got
    assert not any(s == "Énergie" for s, *_ in got)


@pytest.mark.slow
def test_no_sentence_starts_on_a_lowercase_word_after_a_name(nlp: Any) -> None:
    text = "Le Chili signe des accords. Lima en aurait conclu avec la Bolivie et le Paraguay."
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = True
    doc = sentence_guard(doc)
    starts = {t.text for t in doc if t.is_sent_start}
    assert {"Le", "Lima", "Bolivie", "Paraguay"} <= starts
    assert not starts & {"en", "aurait", "conclu", "avec", "la", "signe", "des", "accords"}
    assert SENTENCE_GUARD in nlp.pipe_names
    got = found(nlp, text, ("Lima", "place"), ("Bolivie", "place"), ("Paraguay", "place"))
    assert {(s, t) for s, t, *_ in got} == {("Lima", "Bolivie"), ("Lima", "Paraguay")}


@pytest.mark.slow
def test_a_title_names_an_institution_only_if_its_document_names_it(
    nlp: Any, tmp_path: Path
) -> None:
    doc = nlp(
        "Hier, le ministre chinois de la Santé publique Li Wei et un membre du parti radical."
    )
    spans = {s.name for s in institution_spans(doc, load_lexicon(), load_relation_lexicon().roles)}
    assert spans == {"ministère de la Santé publique", "parti radical"}
    documents = write_documents(
        tmp_path,
        {
            "a.txt": (
                "Le ministère de la Santé publique a publié un rapport sur la grippe à Lyon. "
                "La ministre de la santé publique, Claire Morel, a visité Lyon.\n"
            ),
            "b.txt": (
                "Le ministre de la Santé publique, Jean Valade, a visité Nantes. "
                "Le ministre des Sports, Paul Roux, était absent.\n"
            ),
        },
    )
    extraction = extract_all(documents, nlp=nlp)
    names = {e.key: e.name for e in extraction.entities}
    ministry = next(e for e in extraction.entities if e.name == "Ministère de la Santé publique")
    assert len(ministry.mentions) == 2
    assert not any("Sports" in name for name in names.values())
    roles = {
        (names[r.source_key], names[r.target_key], r.role)
        for r in extraction.relations
        if r.type == "holds_role"
    }
    assert roles == {("Claire Morel", "Ministère de la Santé publique", "ministre")}


@pytest.mark.slow
def test_joining_needs_the_name_itself_not_a_complement(nlp: Any) -> None:
    text = "La Suède a rejoint Eurojust en 2001. La Finlande a rejoint une enquête d'Europol."
    got = found(
        nlp,
        text,
        ("Suède", "place"),
        ("Eurojust", "organization"),
        ("Finlande", "place"),
        ("Europol", "organization"),
    )
    assert got == {("Suède", "Eurojust", "member_of", "2001")}
