"""The cleaner: one case per rule, and the offset map checked on generated text."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from filature.ingest.clean import clean_text
from filature.models import CleanText

WRAP = "Une ligne de texte assez longue pour ressembler à un document justifié, et"


def _paras(text: str) -> list[str]:
    return clean_text(text).text.split("\n")


def _assert_map(original: str, clean: CleanText) -> None:
    """Every cleaned character comes from its mapped original character."""
    offsets = clean.offsets
    assert len(offsets) == len(clean.text) + 1
    assert offsets[-1] == len(original)
    assert all(a < b for a, b in itertools.pairwise(offsets))
    for i, ch in enumerate(clean.text):
        source = original[offsets[i]]
        if ch == source:
            continue
        if ch in " \n":
            assert source.isspace() or not source.isprintable(), (i, ch, source)
        else:
            assert ch == "l" and source in "I1", (i, ch, source)


def test_hyphenated_words_are_joined_only_between_lowercase_letters() -> None:
    text = (
        "renfor-\ncement du dé-\nnonçant, la Chine a-t-\nelle agi en Bosnie-\n"
        "Herzégovine (1994-\n2016) ?"
    )
    assert _paras(text) == [
        "renforcement du dénonçant, la Chine a-t-elle agi en Bosnie-Herzégovine (1994-2016) ?"
    ]


def test_hyphen_across_a_blank_line_is_joined() -> None:
    assert _paras("ses positions coura-\n\ngeuses en faveur") == [
        "ses positions courageuses en faveur"
    ]


def test_hyphen_kept_when_the_document_writes_the_compound() -> None:
    text = "un accord anti-\ncorruption signé.\n\nLa lutte anti-corruption progresse."
    assert _paras(text)[0] == "un accord anti-corruption signé."


def test_wrapped_lines_become_paragraphs() -> None:
    text = f"{WRAP}\nla suite du paragraphe.\n\nDeuxième paragraphe\nsur deux lignes."
    assert _paras(text) == [
        f"{WRAP} la suite du paragraphe.",
        "Deuxième paragraphe sur deux lignes.",
    ]


def test_lowercase_continuation_after_a_blank_line() -> None:
    assert _paras("dans son pays, et\n\npour la paix.") == ["dans son pays, et pour la paix."]


def test_headings_stay_alone() -> None:
    text = " RÉSUMÉ\nLa parution du rapport.\n\nI. Le cadre\nLa Chine agit.\n\n1.2 Méthode\nOn lit."
    assert _paras(text) == [
        "RÉSUMÉ",
        "La parution du rapport.",
        "I. Le cadre",
        "La Chine agit.",
        "1.2 Méthode",
        "On lit.",
    ]


def test_hard_wrapped_sentence_end_then_new_paragraph() -> None:
    lines = [WRAP] * 6 + ["fin courte.", "Nouveau paragraphe qui commence ici", "et continue."]
    paras = _paras("\n".join(lines))
    assert paras[0].endswith("fin courte.")
    assert paras[1] == "Nouveau paragraphe qui commence ici et continue."


def test_lines_that_are_only_urls_or_paths_are_dropped() -> None:
    text = (
        "Texte avant.\nhttps://www.irsem.fr/\nhttps://x.org/files/110 Overseas (v5).pdf\n"
        "www.example.com/a/b\nC:\\Users\\me\\Downloads\\Patrol and Persuade\n/home/me/notes/a.txt\n"
        "\nVoir https://x.org pour tout.\n"
    )
    assert _paras(text) == ["Texte avant.", "Voir https://x.org pour tout."]


def test_running_footer_and_page_numbers_are_dropped() -> None:
    body = [f"Paragraphe {i} du rapport, avec une phrase complète." for i in range(120)]
    lines: list[str] = []
    for page in range(1, 5):
        for sentence in body[(page - 1) * 30 : page * 30]:
            lines += [sentence, ""]
        lines += [f"Note de recherche – page {page} / 4"]
        lines += [str(page), ""]
    paras = _paras("\n".join(lines))
    assert not any("Note de recherche" in p for p in paras)
    assert all(not p.strip().isdigit() for p in paras)
    assert "Paragraphe 0 du rapport, avec une phrase complète." in paras


def test_repeated_footer_block_is_dropped_but_repeated_list_items_kept() -> None:
    filler = [f"Phrase numéro {i} du corps du texte." for i in range(30)]
    footer = [
        "www.irsem.fr École militaire",
        "1, place Joffre",
        "",
        "75700 PARIS SP 07",
        "Mai 2023 {}",
    ]
    items = ["- des organisations criminelles,", "- des trafics criminels."]
    page_7 = [f.format(7) for f in footer]
    page_23 = [f.format(23) for f in footer]
    text = "\n".join(
        [*filler[:15], *items, "", *page_7, "", *filler[15:], "", *items, "", *page_23]
    )
    paras = _paras(text)
    assert not any(
        "Joffre" in p or "PARIS SP" in p or "Mai 2023" in p or "irsem" in p for p in paras
    )
    assert paras.count("- des organisations criminelles,") == 2


def test_table_cells_repeated_close_together_are_kept() -> None:
    rows = ["Bureau chinois", "d’Interpol", "", "EUR 2 047 000", ""] * 4
    assert _paras("\n".join(rows)).count("Bureau chinois d’Interpol") == 4


def test_footnote_calls_detached_only_for_defined_notes() -> None:
    text = (
        "Meng Hongwei est élu président d’Interpol1. Les États membres2 et Wang Xiaohong3 "
        "parlent du G20, du COVID-19, de 1984 et des MK18. En 20124, la Chine agit.\n\n"
        "1. Interpol, site officiel.\n2. Voir le traité.\n3 Reuters, 2022.\n4. Xinhua, 2012."
    )
    clean = clean_text(text)
    assert clean.footnote_numbers == frozenset({1, 2, 3, 4})
    body = clean.text.split("\n")[0]
    assert "d’Interpol. Les États membres et Wang Xiaohong parlent" in body
    assert "G20, du COVID-19, de 1984 et des MK18. En 2012, la Chine" in body
    assert clean.text.split("\n")[1:] == [
        "1. Interpol, site officiel.",
        "2. Voir le traité.",
        "3 Reuters, 2022.",
        "4. Xinhua, 2012.",
    ]
    _assert_map(text, clean)


def test_numbers_without_footnotes_are_left_alone() -> None:
    text = "Le groupe Interpol22 et le G20 se réunissent."
    clean = clean_text(text)
    assert clean.text == text
    assert clean.footnote_numbers == frozenset()


def test_numbered_list_is_not_taken_for_footnotes() -> None:
    text = "Sous Windows10, faire ceci :\n\n1. Lire le texte.\n2. Écrire.\n3. Relire.\n4. Publier."
    clean = clean_text(text)
    assert clean.footnote_numbers == frozenset()
    assert clean.text.startswith("Sous Windows10, faire ceci :")


def test_ocr_elisions_are_fixed() -> None:
    text = "I’Université, I'Université, 1'Université, I’Etat, I'’équipe, d’'une, I'm, I’ll."
    assert clean_text(text).text == (
        "l’Université, l'Université, l'Université, l’Etat, l'équipe, d’une, I'm, I’ll."
    )


def test_odd_spaces_and_control_characters_are_replaced() -> None:
    text = "M.\u00a0Noble\u202fa dit\x1b[31m rouge\x07\x7f\x85fin\u200b ici\u00ad et\r\nlà\ttab"
    clean = clean_text(text)
    assert clean.text == "M. Noble a dit [31m rouge fin ici et là tab"
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in clean.text)
    _assert_map(text, clean)


def test_bidi_characters_are_kept() -> None:
    assert "\u202e" in clean_text("texte \u202eévil").text


def test_offsets_of_a_simple_join() -> None:
    text = "ab-\ncd\n\nEf"
    clean = clean_text(text)
    assert clean.text == "abcd\nEf"
    assert tuple(clean.offsets) == (0, 1, 4, 5, 7, 8, 9, 10)
    assert clean.original_span(0, 4) == (0, 6)


def test_empty_text() -> None:
    clean = clean_text("")
    assert clean.text == ""
    assert tuple(clean.offsets) == (0,)


_PIECES = st.sampled_from(
    [
        "renfor-",
        "cement",
        "Interpol",
        "22",
        ".",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "I’",
        "1'",
        "Université",
        "é",
        "\u00a0",
        "\x1b",
        "\x85",
        "\u00ad",
        "https://x.org/a.pdf",
        "\n22. Voir le texte.\n",
        "Page 3 / 20",
        "UNE PARTIE",
        "• point",
        "- tiret",
        "a-t-",
        "elle",
        "中国",
        "«",
        "»",
        ",",
        "\t",
        "\x0c",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=8), max_size=40))
def test_offset_map_property(pieces: list[str]) -> None:
    original = "".join(pieces)
    clean = clean_text(original)
    _assert_map(original, clean)
    assert not any(ord(c) < 32 and c != "\n" for c in clean.text)
    for para_start, para in _para_spans(clean.text):
        start, end = clean.original_span(para_start, para_start + len(para))
        assert 0 <= start < end <= len(original)
        assert _squash(para) in _squash_subsequence(original[start:end], _squash(para))


def _para_spans(text: str) -> list[tuple[int, str]]:
    spans: list[tuple[int, str]] = []
    pos = 0
    for para in text.split("\n"):
        if para:
            spans.append((pos, para))
        pos += len(para) + 1
    return spans


def _squash(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def _squash_subsequence(original: str, wanted: str) -> str:
    """``wanted`` if it reads in order inside ``original`` (I or 1 read as l), else ``original``."""
    pos = 0
    for ch in wanted:
        while (
            pos < len(original)
            and original[pos] != ch
            and not (ch == "l" and original[pos] in "I1")
        ):
            pos += 1
        if pos == len(original):
            return original
        pos += 1
    return wanted
