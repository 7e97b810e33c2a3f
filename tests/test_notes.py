"""Notes (issue 16): ``notes.toml`` beside ``curation.toml``, stars on an entity, a relation
or an excerpt; matched again after a rebuild; written under the curation lock by several
processes at once; an invalid file is one line with its place and fix; listed by the read
model, in the dossier and by ``filature notes``."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from curationkit import curatable_copy
from dbfactory import ELECTION, sample_builder, write_sample
from filature.build import build
from filature.dossier import dossier
from filature.export.files import ExportProblem
from filature.notes.edit import append_note, new_note, note_text
from filature.notes.entries import load_notes, parse_notes
from filature.problems import CurationError
from filature.query.notes import notes_of_entity, read_notes
from filature.query.resolve import resolve_entity
from filature.store.connect import open_readonly
from reliability import filature

WORKER = Path(__file__).with_name("notes_worker.py")
QUOTE = "est élu président d'Interpol"


def _stars(path: Path) -> None:
    append_note(path, new_note("entity", name="meng hongwei", note="Elected in 2016."))
    append_note(
        path,
        new_note("relation", type="president_of", source="Meng Hongwei", target="INTERPOL"),
    )
    append_note(
        path, new_note("excerpt", document="001_chine_interpol.txt", quote=QUOTE, note="«key»")
    )
    append_note(path, new_note("entity", name="Nobody At All", note="gone"))


def test_notes_point_to_entities_relations_and_excerpts(tmp_path: Path) -> None:
    conn = open_readonly(write_sample(tmp_path / "s.db"))
    path = tmp_path / "notes.toml"
    _stars(path)
    records = read_notes(conn, path)
    assert [r.kind for r in records] == ["entity", "relation", "excerpt", "entity"]
    assert records[0].entity is not None and records[0].entity.name == "Meng Hongwei"
    assert records[1].relation is not None and records[1].relation.target.name == "Interpol"
    excerpt = records[2].excerpt
    assert excerpt is not None and excerpt.text == ELECTION
    (span,) = excerpt.spans
    assert excerpt.text[span[0] : span[1]] == QUOTE and records[2].note == "«key»"
    assert not records[3].found and records[3].label == "Nobody At All"
    meng = resolve_entity(conn, "Meng Hongwei")
    assert [r.kind for r in notes_of_entity(conn, meng, path)] == ["entity", "relation", "excerpt"]
    assert notes_of_entity(conn, resolve_entity(conn, "HE Bingsong"), path) == []


def test_hostile_text_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    text = 'a "quote" \\ [/] \x1b[2J\nline two\ttab'
    append_note(path, new_note("entity", name=text, note=text))
    (note,) = load_notes(path)
    assert note.get("name") == text and note.text == text
    assert note_text(note).count("\n") == 4  # one line per key, header included


@pytest.mark.parametrize(
    ("text", "line", "column", "says"),
    [
        ('[[entity]]\nname = "A"\nnote = "x\n', 3, 10, "TOML syntax error"),
        ('[[entity]]\nname = "A"\n\n[[entiti]]\nname = "B"\n', 4, 1, "did you mean 'entity'"),
        ('[[relation]]\ntype = "funds"\nsource = "A"\n', 1, 1, "lacks target"),
        ('[[excerpt]]\ndocument = "a.txt"\nquote = "q"\nline = "12"\n', 4, 1, "line must be"),
        ('[[entity]]\nname = "A"\ncolour = "red"\n', 3, 1, "unknown key 'colour'"),
        ('[[entity]]\nname = "A"\ntype = "persn"\n', 3, 1, "did you mean 'person'"),
    ],
)
def test_invalid_notes_file_names_file_line_column_and_fix(
    tmp_path: Path, text: str, line: int, column: int, says: str
) -> None:
    path = tmp_path / "notes.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CurationError) as caught:
        load_notes(path)
    error = caught.value
    assert (error.path, error.line, error.column) == (path, line, column)
    assert says in error.message and "\n" not in str(error)
    assert error.fix.startswith(f"correct line {line} of {path}")
    with pytest.raises(CurationError):  # a write never replaces a file it cannot read
        append_note(path, new_note("entity", name="B"))
    assert path.read_text(encoding="utf-8") == text


def test_cli_prints_one_line_for_an_invalid_notes_file(seed_db: Path, tmp_path: Path) -> None:
    copy = curatable_copy(seed_db, tmp_path)
    (copy.seeds / "notes.toml").write_text('[[entity]]\nnam = "A"\n', encoding="utf-8")
    result = filature("notes", "--db", str(copy.db))
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "notes.toml, line 2, column 1" in line and "Fix: correct line 2" in line
    assert "Traceback" not in result.stderr
    dossier_run = filature(
        "dossier", "Meng Hongwei", "--db", str(copy.db), "--out", str(tmp_path / "d.md")
    )
    assert dossier_run.returncode == 2 and "notes.toml, line 2" in dossier_run.stderr
    assert len(dossier_run.stderr.strip().splitlines()) == 1


def test_two_processes_adding_30_notes_each_lose_none(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(path), str(go), label, "30"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for label in ("first", "second")
    ]
    go.touch()
    outputs = [w.communicate(timeout=120)[0] for w in workers]
    assert all(w.returncode == 0 for w in workers)
    assert [o.split() for o in outputs] == [["ok"] * 30, ["ok"] * 30]
    names = [n.get("name") for n in load_notes(path)]
    assert sorted(names) == sorted(
        f"{label} {n}" for label in ("first", "second") for n in range(30)
    )
    for label in ("first", "second"):  # each process's notes in the order it wrote them
        assert [x for x in names if x.startswith(label)] == [f"{label} {n}" for n in range(30)]
    assert not list(tmp_path.glob(".notes.toml.tmp-*"))


def test_notes_survive_a_rebuild_and_show_in_the_dossier(seed_db: Path, tmp_path: Path) -> None:
    copy = curatable_copy(seed_db, tmp_path)
    result = filature(
        "notes", "--entity", "meng hongwei", "--note", "Élu en 2016 [/]", "--db", str(copy.db)
    )
    assert result.returncode == 0, result.stderr
    notes = copy.seeds / "notes.toml"
    assert "Starred Meng Hongwei" in result.stdout and notes.exists()
    append_note(
        notes,
        new_note(
            "relation",
            type="funds",
            source="Alibaba",
            target="Trafic de marchandises illicites et contrefaçons",
        ),
    )
    conn = open_readonly(copy.db)
    before = read_notes(conn)
    assert all(r.found for r in before)
    conn.close()
    # A rebuild with a new document and the entity renamed by a curation decision: the note
    # still finds it, through the name it had (an alias now), as curation entries do.
    (copy.seeds / "000_aaa.txt").write_text(
        "Le Bureau central national de Lyon reçoit Europol et Alibaba en 2019.\n", encoding="utf-8"
    )
    with open(copy.curation, "a", encoding="utf-8") as handle:
        handle.write('\n[[rename]]\nname = "Meng Hongwei"\nto = "Hongwei Meng"\n')
    build(copy.seeds, copy.db)
    conn = open_readonly(copy.db)
    after = read_notes(conn)
    assert all(r.found for r in after)
    assert after[0].entity is not None and after[0].entity.name == "Hongwei Meng"
    assert after[1].relation is not None and after[1].relation.source.name == "Alibaba"
    listed = filature("notes", "--db", str(copy.db))
    assert listed.returncode == 0 and "Élu en 2016 [/]" in listed.stdout
    assert "not in this database" not in listed.stdout
    page = dossier(conn, after[0].entity.id, "md")
    assert "## Notes" in page and "Élu en 2016 \\[/\\]" in page
    html_page = dossier(conn, after[0].entity.id, "html")
    assert "<h2>Notes</h2>" in html_page and "Élu en 2016 [/]" in html_page


def test_a_copy_of_a_database_refuses_to_write_notes(seed_db: Path, tmp_path: Path) -> None:
    copy = curatable_copy(seed_db, tmp_path)
    moved = tmp_path / "elsewhere.db"
    moved.write_bytes(copy.db.read_bytes())
    result = filature("notes", "--entity", "Interpol", "--db", str(moved))
    assert result.returncode == 2 and "is a copy of" in result.stderr
    assert not (copy.seeds / "notes.toml").exists()


def test_dossier_raises_an_export_problem_for_an_invalid_notes_file(tmp_path: Path) -> None:
    db = write_sample(tmp_path / "s.db")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO meta VALUES ('source', ?)", (str(tmp_path),))
    conn.close()
    (tmp_path / "notes.toml").write_text("[[entity]\n", encoding="utf-8")
    conn = open_readonly(db)
    with pytest.raises(ExportProblem, match=r"notes\.toml, line 1"):
        dossier(conn, 1, "md")
    (tmp_path / "notes.toml").write_text(
        '[[entity]]\nname = "Meng Hongwei"\nnote = "n"\n', encoding="utf-8"
    )
    assert "## Notes" in dossier(conn, 1, "md")
    assert parse_notes("") == ()


def test_notes_match_by_name_whatever_the_ids(tmp_path: Path) -> None:
    """Two databases of the same corpus numbered differently (as rebuilds may): the same
    notes point to the same things under other ids."""
    path = tmp_path / "notes.toml"
    _stars(path)
    first = sample_builder()
    second = sample_builder()
    ids = {eid: len(first.entities) + 1 - eid for eid, _, _ in first.entities}
    second.entities = [(ids[eid], name, etype) for eid, name, etype in second.entities]
    second.mentions = [(ids[e], *rest) for e, *rest in second.mentions]  # type: ignore[misc]
    second.aliases = [(ids[e], a) for e, a in second.aliases]
    for r in second.relations:
        r["source"], r["target"] = ids[int(str(r["source"]))], ids[int(str(r["target"]))]
    found = []
    for builder, name in ((first, "a.db"), (second, "b.db")):
        conn = open_readonly(builder.write(tmp_path / name))
        records = read_notes(conn, path)
        assert records[0].entity is not None and records[1].relation is not None
        found.append((records[0].entity.id, records[0].entity.name, records[1].relation.id))
    assert found[0][1] == found[1][1] == "Meng Hongwei" and found[0][0] != found[1][0]


def test_a_note_without_what_it_is_about_is_refused(tmp_path: Path) -> None:
    result = filature("notes", "--note", "orphan", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 1 and "--note needs what it is about" in result.stderr
    assert "Fix: filature notes --entity NAME" in result.stderr
