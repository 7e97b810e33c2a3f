"""Mention filters and span boundaries: a filter drops what raw NER found only for a stated
reason, and the build can list every drop with its rule (``--explain-drops``).

Every document here is written for the test from public facts, in our own words; the names
the filters keep are cases in tests/cases/entity_filters.toml.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casekit import rows
from docfactory import write_corpus, write_documents
from filature.extract.drops import CorpusDrop
from filature.extract.lexicon import load_lexicon
from filature.extract.noise import NOISE_RULES, noise_rule
from filature.extract.run import extract_all
from filature.extract.spans import prepare_text
from filature.models import Extraction


def _extract(nlp: Any, folder: Path, text: str) -> tuple[Extraction, list[CorpusDrop]]:
    documents = write_documents(folder, {"doc.txt": text})
    drops: list[CorpusDrop] = []
    return extract_all(documents, nlp=nlp, drops=drops), drops


def _entities(extraction: Extraction) -> set[tuple[str, str]]:
    return {(e.type, e.name) for e in extraction.entities}


Found = Callable[[str], set[tuple[str, str]]]


@pytest.fixture()
def found(nlp: Any, tmp_path: Path) -> Found:
    """Extract a one-document corpus of the given text: its (type, name) entities."""

    def run(text: str) -> set[tuple[str, str]]:
        extraction, _ = _extract(nlp, tmp_path, text)
        return _entities(extraction)

    return run


@pytest.mark.parametrize(("text", "kept"), rows("entity_filters.toml", "kept", "text", "entities"))
def test_names_are_kept_with_their_type(found: Found, text: str, kept: list[list[str]]) -> None:
    assert {(etype, name) for etype, name in kept} <= found(text)


def test_names_with_lowercase_particles(found: Found) -> None:
    entities = found(
        "Le président syrien Bachar el-Assad a reçu des émissaires. "
        "Abou Mohammed al-Joulani dirigeait alors le Front al-Nosra.\n"
    )
    assert ("person", "Bachar el-Assad") in entities
    assert ("person", "Abou Mohammed al-Joulani") in entities
    assert any(name.endswith("al-Nosra") for _, name in entities)


def test_capitalised_noun_with_lowercase_words(found: Found) -> None:
    entities = found(
        "Au XVIe siècle, la région passa sous le contrôle de l'Empire ottoman. "
        "La chute de l'Empire ottoman suivit la guerre. Certains réclament un État kurde. "
        "Le député von Bötticher a pris la parole.\n"
    )
    names = {name for _, name in entities}
    assert "Empire ottoman" in names
    assert any("Bötticher" in name for name in names)
    assert "État kurde" not in names


def test_new_york_datelines_and_glued_numbers(found: Found) -> None:
    entities = found(
        "PARIS, 14 mars. Le gouvernement a annoncé une réforme.\n\n"
        "L'organisation siège à New York depuis 1946.\n\n"
        "Le président est arrivé à Washington.16 Il a rencontré des élus.\n"
    )
    places = {name for etype, name in entities if etype == "place"}
    assert {"Paris", "New York", "Washington"} <= places
    assert "Washington.16" not in prepare_text("à Washington.16 Il")


def test_capitals_in_headings_and_signatures(found: Found) -> None:
    entities = found(
        "COUR DE CASSATION\n\nLa Cour a rejeté le pourvoi.\n\n"
        "Signé : Monsieur JEAN-PIERRE DUVAL, ministre\n"
    )
    assert ("organization", "COUR DE CASSATION") in entities or any(
        etype == "organization" and name.lower() == "cour de cassation" for etype, name in entities
    )
    assert any(etype == "person" and "duval" in name.lower() for etype, name in entities)


def test_acronyms_after_elision_and_in_lists(found: Found) -> None:
    entities = found(
        "Les demandes passent par les services d'EUROJUST. Eurojust coordonne les enquêtes.\n\n"
        "L'association a saisi le LHCR, UNPO, ONU et d'autres instances.\n"
    )
    names = {name for etype, name in entities if etype == "organization"}
    assert {"LHCR", "UNPO", "ONU"} <= names
    assert any(name.lower() == "eurojust" for name in names)


def test_peoples_centuries_and_eras_are_not_places(nlp: Any, tmp_path: Path) -> None:
    extraction, drops = _extract(
        nlp,
        tmp_path,
        "Les Allemands et les Haïtiens ont voté. Les Kurdes vivent dans les régions kurdes. "
        "Les Mèdes régnaient sur l'Iran au VIIe siècle av. J.-C. Un Tanzanien a gagné. "
        "Au XIIe siècle, la ville grandit.\n",
    )
    entities = _entities(extraction)
    names = {name for _, name in entities}
    assert ("place", "Iran") in entities
    assert not names & {"Allemands", "Haïtiens", "Kurdes", "Tanzanien", "VIIe", "XIIe", "J.-C"}
    rules = {d.dropped.surface: d.dropped.rule for d in drops}
    assert rules.get("Allemands") == "people noun"
    assert rules.get("XIIe") == "roman numeral"


def test_plural_honorifics_are_trimmed(found: Found) -> None:
    entities = found(
        "Étaient présents Mmes Ott et Lanoue, conseillers, et M. Cathala, président.\n\n"
        "Merci, Madame Ludford Monsieur le Président, je conclus.\n"
    )
    names = {name for _, name in entities}
    assert {"Ott", "Lanoue", "Cathala", "Ludford"} <= names
    assert not any(name.startswith("Mmes") or "Monsieur" in name for name in names)


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("XIIe", "roman numeral"),
        ("J.-C", "era"),
        ("Messieurs", "title"),
        ("REVUE ANNUELLE", "all caps heading"),
        ("Jean-", "truncated"),
        ("Téléphone", "contact label"),
        ("Courriel", "contact label"),
        ("Chapitre IV", "section label"),
        ("Titre 2", "section label"),
        ("Parties", "common noun"),
        ("Chinoises", "nationality"),
        ("Belge", "nationality"),
        ("COVID", "common noun"),
        ("Ebola", "common noun"),
    ],
)
def test_noise_rules_are_named(name: str, rule: str) -> None:
    found = noise_rule(name, load_lexicon())
    assert found is not None and found.name == rule and found.reason


@pytest.mark.parametrize("name", ["al-Nosra", "COUR DE CASSATION", "86e Assemblée", "ONU"])
def test_names_no_noise_rule_rejects(name: str) -> None:
    assert noise_rule(name, load_lexicon()) is None


def test_noise_rule_names_are_unique() -> None:
    names = [r.name for r in NOISE_RULES]
    assert len(names) == len(set(names)) and all(r.reason for r in NOISE_RULES)


def test_build_lists_what_each_filter_dropped(tmp_path: Path) -> None:
    from filature.build import build

    text = (
        "Les Allemands ont voté au XIIe siècle. La Cour des comptes a publié un rapport à Lyon.\n"
    )
    folder = write_corpus(tmp_path / "corpus", {"a.txt": text})
    out = tmp_path / "drops.tsv"
    (tmp_path / "none.toml").write_bytes(b"")
    build(folder, tmp_path / "f.db", curation=tmp_path / "none.toml", explain_drops=out)
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert rows and all(r["rule"] and r["reason"] and r["document"] for r in rows)
    by_text = {r["text"]: r for r in rows}
    assert by_text["Allemands"]["rule"] == "people noun"
    assert by_text["Allemands"]["label"] == "LOC"


def test_cli_explain_drops(tmp_path: Path) -> None:
    text = "Les Haïtiens ont voté au XIIe siècle. Le Congrès siège à Washington.\n"
    folder = write_corpus(tmp_path / "corpus", {"a.txt": text})
    out = tmp_path / "drops.tsv"
    command = [sys.executable, "-m", "filature", "build", str(folder), "--db"]
    done = subprocess.run(
        [*command, str(tmp_path / "f.db"), "--explain-drops", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    header = out.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header[-2:] == ["rule", "reason"]
    assert "Haïtiens" in out.read_text(encoding="utf-8")
    missing = tmp_path / "nowhere" / "drops.tsv"
    done = subprocess.run(
        [*command, str(tmp_path / "g.db"), "--explain-drops", str(missing)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert str(missing) in done.stderr and not (tmp_path / "g.db").exists()
