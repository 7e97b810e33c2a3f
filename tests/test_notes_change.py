"""Editing and removing notes (``notes.edit.change_note``), what the app's edit, remove and
undo write: the other notes and the analyst's comments stay as they were, a file changed
meanwhile is refused, and a process adding notes while another edits loses none. Also the
entity list's facts and frequencies (``query.facets``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dbfactory import sample_builder
from filature.notes.edit import append_note, change_note, new_note
from filature.notes.entries import load_notes
from filature.problems import CurationError
from filature.query.facets import entity_facts, frequencies, in_scope, sort_entities
from filature.query.reader import list_entities
from filature.query.types import Excerpt
from filature.store.connect import open_readonly
from filature.tui.noting import QUOTE_CHARS, excerpt_quote

WORKER = Path(__file__).with_name("notes_worker.py")
HAND = """# my notes, by hand
[[entity]]
name = "A"
note = "one"

# about B
[[entity]]
name = "B"
note = "two"
# a comment at the end of B

[[relation]]
type = "member_of"
source = "A"
target = "B"
"""


def test_edit_remove_and_put_back_keep_everything_else(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    path.write_text(HAND, encoding="utf-8")
    a, b, rel = load_notes(path)
    edited = new_note("entity", name="B", note="deux", date="2026-12-03")
    change_note(path, 1, b, edited)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my notes, by hand\n") and "# about B\n" in text
    assert [n.text for n in load_notes(path)] == ["one", "deux", ""]
    change_note(path, 1, edited, None)
    assert load_notes(path) == (a, rel)
    assert "# my notes, by hand" in path.read_text(encoding="utf-8")
    change_note(path, 1, b, insert=True)
    assert load_notes(path) == (a, b, rel)
    change_note(path, 0, a, None)
    change_note(path, 1, rel, None)
    assert load_notes(path) == (b,)
    change_note(path, 5, rel, insert=True)  # past the end: appended
    assert load_notes(path) == (b, rel)


def test_a_note_changed_meanwhile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    first = new_note("entity", name="A", note="one")
    append_note(path, first)
    other = new_note("entity", name="A", note="changed by hand")
    change_note(path, 0, first, other)
    with pytest.raises(CurationError, match="changed meanwhile"):
        change_note(path, 0, first, None)
    assert load_notes(path) == (other,)


def test_edits_while_another_process_appends_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    mine = [new_note("entity", name=f"mine {n}", note="v1") for n in range(20)]
    for note in mine:
        append_note(path, note)
    go = tmp_path / "go"
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(path), str(go), "other", "40"],
        stdout=subprocess.PIPE,
        text=True,
    )
    go.touch()
    for n, note in enumerate(mine):
        index = list(load_notes(path)).index(note)
        try:
            change_note(path, index, note, new_note("entity", name=f"mine {n}", note="v2"))
        except CurationError:  # the worker wrote between the read and the lock: read again
            index = list(load_notes(path)).index(note)
            change_note(path, index, note, new_note("entity", name=f"mine {n}", note="v2"))
    output = worker.communicate(timeout=120)[0]
    assert worker.returncode == 0 and output.split() == ["ok"] * 40
    notes = load_notes(path)
    assert sorted(n.get("name") for n in notes if n.get("name").startswith("other")) == sorted(
        f"other {n}" for n in range(40)
    )
    assert {n.text for n in notes if n.get("name").startswith("mine")} == {"v2"}
    assert len(notes) == 60


def test_facts_orders_scopes_and_frequencies(tmp_path: Path) -> None:
    b = sample_builder()
    b.document("cited.txt", "Notes", [("footnote", "4. Jean Cité, Rapport, 2019.")])
    b.entity("Jean Cité", "person")
    conn = open_readonly(b.write(tmp_path / "s.db"))
    facts = entity_facts(conn)
    rows = list_entities(conn)
    by_name = {r.name: r.id for r in rows}
    assert facts[by_name["Jean Cité"]].cited_only
    assert not facts[by_name["Meng Hongwei"]].cited_only  # body and footnote
    assert facts[by_name["Pékin"]].documents == 2
    meng = facts[by_name["Meng Hongwei"]].first_date
    assert meng is not None and meng.text == "2004-04-10"
    assert [r.name for r in in_scope(rows, "footnotes", facts)] == ["Jean Cité"]
    assert len(in_scope(rows, "body", facts)) == len(rows) - 1
    ordered = [r.name for r in sort_entities(rows, "first date", facts)]
    assert ordered[:2] == ["Meng Hongwei", "Ministère de la Sécurité publique"]
    assert ordered.index("Interpol") == 2
    assert sort_entities(rows, "documents", facts)[0].name == "Pékin"
    found = frequencies(conn)
    assert sum(f.entities for f in found.by_type) == len(rows)
    assert {f.label: f.entities for f in found.by_document}["Notes"] == 1


def test_a_note_on_a_long_excerpt_quotes_the_words_around_its_mark() -> None:
    filler = "Une phrase sans nom propre, assez longue pour remplir le passage. " * 12
    text = filler + "Le 10 novembre 2016, Meng Hongwei est élu président d'Interpol. " + filler
    mark = text.index("Meng Hongwei")
    excerpt = Excerpt(1, 1, "t", "d.txt", 1, 1, "body", text, ((mark, mark + 12),))
    quote = excerpt_quote(excerpt)
    assert quote.startswith("Le 10 novembre 2016, Meng Hongwei")
    assert quote in text and len(quote) <= QUOTE_CHARS
    assert text[text.index(quote) + len(quote)] == " "  # cut at a word boundary
    start = Excerpt(1, 1, "t", "d.txt", 1, 1, "body", text, ((0, 3),))
    assert excerpt_quote(start).startswith("Une phrase")
