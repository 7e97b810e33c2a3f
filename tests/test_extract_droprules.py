"""One mechanism names every drop: each filter is a rule of ``extract/droprules.py`` (the noise
rules of a name alone, the passage filters, the document's kinds, the corpus filters) with its
name and reason, and every drop the build lists names one of them.

The sentences are written for the test, in our own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docfactory import write_documents
from filature.extract.droprules import CORPUS_RULES, DROP_RULES, PASSAGE_RULES
from filature.extract.drops import CorpusDrop
from filature.extract.noise import NOISE_RULES
from filature.extract.run import extract_all


def test_every_rule_has_a_name_and_a_reason() -> None:
    names = [r.name for r in DROP_RULES]
    assert len(names) == len(set(names))
    assert all(r.name.strip() and r.reason.strip() for r in DROP_RULES)
    assert set(NOISE_RULES) | set(PASSAGE_RULES) | set(CORPUS_RULES) <= set(DROP_RULES)


def test_each_drop_names_its_rule(nlp: Any, tmp_path: Path) -> None:
    documents = write_documents(
        tmp_path,
        {
            "a.txt": "Les Norvégiens ont fêté le XIVe siècle à Bergen. "
            "Au XIXe siècle, les Allemands ont bâti un port à Hambourg.\n\n"
            "Les ONG (organisations non gouvernementales) aident les villages.\n"
        },
    )
    drops: list[CorpusDrop] = []
    extract_all(documents, nlp=nlp, drops=drops)
    rules = {(r.name, r.reason) for r in DROP_RULES}
    listed = [(d.dropped.rule, d.dropped.reason) for d in drops]
    assert listed and set(listed) <= rules
    by_text = {d.dropped.surface: d.dropped.rule for d in drops}
    assert by_text.get("Allemands") == "people noun"
    assert by_text.get("XIXe") == "roman numeral"
