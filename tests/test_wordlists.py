"""One loader for the word lists kept as data: a record names, field by field, the list of its
``data/`` file each field holds, and ``WordLists.load`` fills it (folded as a set, folded in
order, or as written) once."""

from __future__ import annotations

from dataclasses import dataclass, fields

import pytest

from filature.extract.cues import CueWords
from filature.extract.generic import GenericHeads
from filature.extract.lexicon import NoiseWords, _noise_words, load_lexicon, read_data
from filature.extract.shapes import ShapeWords
from filature.extract.wordlists import WordLists, listed
from filature.text import fold


@dataclass(frozen=True)
class _Addressed(WordLists):
    FILE = "cues.toml"
    folded_set: frozenset[str] = listed("place", "addressed_nouns")
    folded_order: tuple[str, ...] = listed("place", "addressed_nouns", "tuple")
    as_written: tuple[str, ...] = listed("place", "addressed_nouns", "raw")


def test_each_kind_reads_the_list_as_it_says() -> None:
    written = read_data("cues.toml")["place"]["addressed_nouns"]
    assert "réponse" in written, "the test needs a word with an accent"
    words = _Addressed.load()
    assert words.as_written == tuple(written)
    assert words.folded_order == tuple(fold(w) for w in written)
    assert words.folded_set == frozenset(words.folded_order)
    assert "reponse" in words.folded_set and "réponse" not in words.folded_set


def test_a_record_is_read_once_and_every_field_holds_words() -> None:
    for record in (CueWords, GenericHeads, ShapeWords):
        loaded = record.load()
        assert loaded is record.load()
        empty = [name for name, value in vars(loaded).items() if not value]
        assert not empty, f"{record.FILE}: {empty}"


def test_the_noise_words_are_the_noise_lists_folded() -> None:
    section = read_data("lexicon.toml")["noise"]
    noise = load_lexicon().noise
    read = {f.name for f in fields(NoiseWords)}
    assert read | {"eras"} == set(section), "every [noise] list is read, eras by Lexicon.eras"
    for name in read:
        assert getattr(noise, name) == frozenset(fold(w) for w in section[name]), name


def test_a_missing_noise_list_names_the_file_and_the_list() -> None:
    section = dict(read_data("lexicon.toml")["noise"])
    del section["contact_labels"]
    with pytest.raises(ValueError, match=r"lexicon\.toml: \[noise\] has no list contact_labels"):
        _noise_words(section)
