"""The curation file as the app writes it: hostile strings round-trip, hand-written text stays."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from filature.curation import (
    CurationError,
    Entry,
    append_entry,
    load_curation,
    parse_curation,
    remove_entry,
    toml_string,
)
from filature.curation.entries import describe

HOSTILE = [
    'Quote " and \\ backslash',
    "line\nbreak\r\nand\ttab",
    "esc \x1b[31m red \x1b]52;c;aGk=\x07 bell",
    "nul \x00 del \x7f c1 \x85 \x9b",
    "[/] [@click=app.quit]markup[/] {{braces}}",
    "'''triple''' \"\"\"quotes\"\"\"",
    "# not a comment",
    "[[merge]]",
    "emoji 🐉 and accents ÉÈ ’ “ ”",
    "\u2028 line separator \u2029 paragraph \ufeff bom",
]

HAND = """# Written by hand: keep me.
[[merge]]
into = "Beijing"  # inline comment stays
names = ["Pékin"]

# About the rename below.
[[rename]]
name = "Francois Haut"
to = "François Haut"
"""


@pytest.mark.parametrize("text", HOSTILE)
def test_toml_string_round_trips(text: str) -> None:
    assert tomllib.loads(f"v = {toml_string(text)}\n")["v"] == text


def test_hostile_entries_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "curation.toml"
    path.write_text(HAND, encoding="utf-8")
    written = []
    for n, text in enumerate(HOSTILE):
        entry = Entry(
            "split", {"name": text, "alias": text[::-1], "to": "place", "note": text, "date": "d"}
        )
        if n % 2:
            entry = Entry("merge", {"into": text, "names": [text, "x"], "type": "person"})
        append_entry(path, entry)
        written.append(entry)
    entries = load_curation(path).entries
    assert entries[2:] == tuple(written)
    assert path.read_text(encoding="utf-8").startswith(HAND)


def test_remove_keeps_every_other_line(tmp_path: Path) -> None:
    path = tmp_path / "curation.toml"
    path.write_text(HAND, encoding="utf-8")
    first = Entry("drop", {"name": "Asie", "date": "2025-01-01T00:00:00+00:00"})
    second = Entry("retype", {"name": "Mékong", "to": "event", "note": 'a "note"'})
    append_entry(path, first)
    append_entry(path, second)
    remove_entry(path, 2, first)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HAND)
    assert [e.section for e in parse_curation(text).entries] == ["merge", "rename", "retype"]
    remove_entry(path, 2, second)
    assert path.read_text(encoding="utf-8") == HAND
    remove_entry(path, 0)
    text = path.read_text(encoding="utf-8")
    assert "# Written by hand: keep me." in text and "# About the rename below." in text
    assert [e.section for e in parse_curation(text).entries] == ["rename"]


def test_remove_refuses_a_changed_entry(tmp_path: Path) -> None:
    path = tmp_path / "curation.toml"
    path.write_text(HAND, encoding="utf-8")
    with pytest.raises(CurationError, match="changed"):
        remove_entry(path, 0, Entry("drop", {"name": "Beijing"}))
    assert path.read_text(encoding="utf-8") == HAND


def test_entries_keep_file_order_across_sections() -> None:
    text = '[[rename]]\nname = "a"\nto = "b"\n\n[[merge]]\ninto = "b"\nnames = ["c"]\n'
    assert [e.section for e in parse_curation(text).entries] == ["rename", "merge"]


def test_a_new_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "curation.toml"
    append_entry(path, Entry("drop", {"name": "x"}))
    assert load_curation(path).entries == (Entry("drop", {"name": "x"}),)
    assert not list(tmp_path.glob(".curation.toml.tmp-*"))


@pytest.mark.parametrize(
    "text",
    [
        '[[split]]\nname = "x"\n',
        '[[split]]\nname = "x"\nalias = "y"\nto = "thing"\n',
        '[[drop]]\nname = "x"\nnmae = "typo"\n',
        '[[drop]]\nname = "x"\nnote = 3\n',
        '[[merge]]\ninto = "x"\nnames = [1]\n',
    ],
)
def test_bad_entries_are_refused(text: str) -> None:
    with pytest.raises(CurationError):
        parse_curation(text)


def test_unquoted_dates_are_read_as_text() -> None:
    entry = parse_curation('[[drop]]\nname = "x"\ndate = 2025-03-01T10:00:00Z\n').entries[0]
    assert entry.get("date") == "2025-03-01T10:00:00+00:00"
    assert describe(entry) == "drop x"
