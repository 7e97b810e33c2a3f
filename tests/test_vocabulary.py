"""One relation vocabulary (``filature/vocabulary.toml``): every type has its labels there, and
the app, the command line, the dossier and the exports all read them from it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dbfactory import DbBuilder
from filature import vocabulary
from filature.cli import app as cli
from filature.export import export_database
from filature.extract.relations.lexicon import load_relation_lexicon
from filature.store.connect import open_readonly
from filature.tui.app import make_app
from filature.tui.widgets.relations_tree import RelationsTree
from pilotkit import jump, settle

SRC = Path(vocabulary.__file__).parent


def test_every_type_has_a_label_from_each_end() -> None:
    for name, rtype in vocabulary.RELATION_TYPES.items():
        assert rtype.label and rtype.inverse, name
        if rtype.symmetric:
            assert rtype.inverse == rtype.label, name
        else:
            assert rtype.inverse != rtype.label, name
    assert vocabulary.CO_OCCURRENCE in vocabulary.SYMMETRIC_TYPES
    assert vocabulary.CO_OCCURRENCE not in vocabulary.STATED_TYPES


def test_the_extraction_reads_its_types_and_symmetry_from_the_vocabulary() -> None:
    lexicon = load_relation_lexicon()
    assert set(lexicon.allowed) == set(vocabulary.STATED_TYPES)
    assert lexicon.symmetric == vocabulary.SYMMETRIC_TYPES - {vocabulary.CO_OCCURRENCE}
    for name in vocabulary.STATED_TYPES:
        rtype = vocabulary.RELATION_TYPES[name]
        assert lexicon.allowed[name] == (rtype.sources, rtype.targets)


def test_a_malformed_vocabulary_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "vocabulary.toml"
    bad.write_text('[funds]\nlabel = "funds"\nsource = ["person"]\ntarget = ["event"]\n')
    with pytest.raises(vocabulary.VocabularyError, match=r"vocabulary\.toml: \[funds\] .*inverse"):
        vocabulary.load_vocabulary(bad)


def _python_sources() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts]


def test_labels_and_the_co_occurrence_type_are_written_nowhere_else() -> None:
    words = {vocabulary.CO_OCCURRENCE}
    for name, rtype in vocabulary.RELATION_TYPES.items():
        words |= {w for w in (rtype.label, rtype.inverse) if w != name.replace("_", " ")}
    found = [
        f"{path.relative_to(SRC)}: {word!r}"
        for path in _python_sources()
        for word in sorted(words)
        if re.search(rf"[\"']{re.escape(word)}[\"']", path.read_text(encoding="utf-8"))
    ]
    assert found == []


def _db(tmp_path: Path) -> Path:
    b = DbBuilder()
    ids = b.document(
        "note.txt",
        "Note",
        [("body", "Alice Martin dirige Acme. Acme est membre de Union. Fonds Bleu finance Acme.")],
    )
    alice = b.entity("Alice Martin", "person")
    acme = b.entity("Acme", "organization")
    union = b.entity("Union", "organization")
    fund = b.entity("Fonds Bleu", "organization")
    b.relation(alice, acme, "holds_role", role="directrice", evidence=((ids[0], "dirige"),))
    b.relation(acme, union, "member_of", evidence=((ids[0], "est membre de"),))
    b.relation(fund, acme, "funds", evidence=((ids[0], "finance"),))
    b.relation(alice, fund, vocabulary.CO_OCCURRENCE)
    return b.write(tmp_path / "filature.db")


EXPECTED = {  # Acme's relations, seen from Acme
    ("holds_role", "in"),
    ("member_of", "out"),
    ("funds", "in"),
}


def test_cli_dossier_and_exports_use_the_vocabulary_labels(tmp_path: Path) -> None:
    db = _db(tmp_path)
    labels = {vocabulary.relation_label(t, side) for t, side in EXPECTED}
    shown = CliRunner().invoke(cli, ["show", "Acme", "--json", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert {g["label"] for g in json.loads(shown.output)["relations"]} == labels
    table = CliRunner().invoke(cli, ["show", "Acme", "--db", str(db)], terminal_width=200)
    assert all(label in table.output for label in labels)
    out = tmp_path / "dossier.md"
    done = CliRunner().invoke(cli, ["dossier", "Acme", "--out", str(out), "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert set(re.findall(r"^### (.+)$", out.read_text(), re.M)) == labels
    with open_readonly(db) as conn:
        data = json.loads(export_database(conn, "json", tmp_path / "x.json").paths[0].read_text())
    assert {(r["type"], r["label"]) for r in data["relations"]} == {
        (t, vocabulary.relation_label(t)) for t in ("holds_role", "member_of", "funds")
    } | {(vocabulary.CO_OCCURRENCE, vocabulary.relation_label(vocabulary.CO_OCCURRENCE))}


@pytest.mark.anyio
async def test_the_app_heads_relations_with_the_label_seen_from_the_entity(tmp_path: Path) -> None:
    app = make_app(_db(tmp_path), system_clipboard=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await jump(pilot, "Acme")
        tree = app.screen.query_one(RelationsTree)
        headings = {str(node.label).rsplit("  ", 1)[0] for node in tree.root.children}
    assert headings == {vocabulary.relation_heading(t, side) for t, side in EXPECTED}
