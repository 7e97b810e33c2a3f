"""Surname-only person mentions resolved to the full names of their document."""

from __future__ import annotations

import pytest

import filature.extract.persons as persons
from filature.extract.mentions import RawMention
from filature.extract.persons import Located, resolve_short_names


def person(
    doc: int, seq: int, start: int, name: str, role: str | None = None, label: str = "MISC"
) -> Located:
    raw = RawMention(seq, start, start + len(name), name, name, "person", label, role, "body")
    return Located(doc, raw)


def names(mentions: list[Located]) -> list[tuple[int, int, int, str]]:
    return [(m.doc_index, m.raw.passage_seq, m.raw.start, m.name) for m in mentions]


SAME_PASSAGE = [(1, 0, "Jean Noble"), (1, 20, "Noble"), (1, 40, "Pierre Noble"), (1, 60, "Noble")]


@pytest.mark.parametrize(
    ("mentions", "index", "expected"),
    [
        pytest.param(
            [(1, 0, "Jean Noble"), (2, 5, "Pierre Noble"), (3, 0, "Noble"), (4, 0, "Marc Noble")],
            2,
            "Pierre Noble",
            id="the-latest-full-name-before-wins",
        ),
        pytest.param(
            [(1, 0, "Noble"), (2, 0, "Jean Noble"), (3, 0, "Pierre Noble")],
            0,
            "Jean Noble",
            id="the-first-full-name-after-when-none-before",
        ),
        pytest.param(SAME_PASSAGE, 1, "Jean Noble", id="same-passage-an-earlier-offset-before"),
        pytest.param(SAME_PASSAGE, 3, "Pierre Noble", id="same-passage-the-latest-offset-before"),
    ],
)
def test_a_surname_takes_the_full_name_nearest_before_it(
    mentions: list[tuple[int, int, str]], index: int, expected: str
) -> None:
    """Within one document, the full name sharing the surname that comes last before it (by
    passage, then offset), else the first after it; the mention keeps its place."""
    resolved = names(
        resolve_short_names([person(0, seq, start, name) for seq, start, name in mentions])
    )
    seq, start, _ = mentions[index]
    assert resolved[index] == (0, seq, start, expected)


def test_full_names_of_other_documents_do_not_count() -> None:
    mentions = [
        person(0, 1, 0, "Jean Noble"),
        person(1, 1, 0, "Noble"),
        person(1, 2, 0, "Noble", role="M."),
        person(1, 3, 0, "Noble", label="PER"),
    ]
    resolved = names(resolve_short_names(mentions))
    assert resolved == [(0, 1, 0, "Jean Noble"), (1, 2, 0, "Noble"), (1, 3, 0, "Noble")]


def test_a_word_must_be_a_whole_word_of_the_full_name() -> None:
    mentions = [person(0, 1, 0, "Jean Nobleton"), person(0, 2, 0, "Noble", role="M.")]
    assert names(resolve_short_names(mentions))[1][3] == "Noble"


def test_work_grows_linearly_with_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each name is normalised a bounded number of times, however many full names share the
    document (a scan of every full name per surname was quadratic on one large document)."""
    calls = 0
    norm_key = persons.norm_key

    def counted(name: str) -> str:
        nonlocal calls
        calls += 1
        return norm_key(name)

    monkeypatch.setattr(persons, "norm_key", counted)
    mentions = []
    for seq in range(300):
        mentions += [person(0, seq, 0, f"Jean Nom{seq}"), person(0, seq, 40, f"Nom{seq}")]
    resolved = resolve_short_names(mentions)
    assert [m.name for m in resolved[1::2]] == [f"Jean Nom{seq}" for seq in range(300)]
    assert calls <= 3 * len(mentions)
