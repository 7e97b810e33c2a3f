"""Reading, cleaning and the per-document scans take time proportional to the document, and
reading reports its progress.

Times are never compared with a fixed figure: the cost per megabyte of a large document is
compared with that of a small one (the best of several alternated runs, in CPU time, so that
a busy machine slows both alike). Quadratic steps make the large one several times dearer.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from filature.extract.wordfilters import lowercase_words
from filature.ingest.corpus import read_corpus
from filature.ingest.document import load_document
from filature.ingest.read import decode_bytes
from filature.models import SourceText

SMALL, LARGE = 125_000, 1_000_000
MAX_GROWTH = 1.8
"""Largest allowed ratio of the cost per MB, large over small (8 times the size): linear
code stays near 1, the quadratic cleaning of old was near 3."""

_SYLLABLE_TEXT = "ka lo vi ne ra mo su ta li en ber gar del fon mar tin é è ç à œ"
_SYLLABLES = tuple(_SYLLABLE_TEXT.split(" "))


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))


def _document(size: int, seed: int = 3) -> str:
    """Hard-wrapped prose with words cut at line ends, footnotes and running headers."""
    rng = random.Random(seed)
    lines: list[str] = []
    note = page = chars = 0
    line = ""
    while chars < size:
        word = _word(rng)
        if rng.random() < 0.05:
            note += 1
            word += f"{note}."
        if len(line) + len(word) > 70:
            if len(word) >= 6 and rng.random() < 0.5:
                cut = rng.randint(2, len(word) - 3)
                line, word = f"{line} {word[:cut]}-", word[cut:]
            lines.append(line.strip())
            chars += len(line) + 1
            line = ""
            if len(lines) % 45 == 0:
                page += 1
                lines += ["", f"{note}. Voir {_word(rng)}, p. {page}.", ""]
                lines += [f"RAPPORT DE LA COMMISSION — page {page}", ""]
        line = f"{line} {word.capitalize() if line.endswith('.') else word}"
    return "\n".join(lines)


def _cost_per_mb(data: bytes) -> float:
    started = time.process_time()
    decoded = decode_bytes(data)
    assert not isinstance(decoded, str)
    text, encoding, warnings = decoded
    document = load_document(SourceText(Path("big.txt"), "big.txt", text, encoding, "", warnings))
    assert document.passages
    return (time.process_time() - started) / (len(data) / 1e6)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_reading_and_cleaning_cost_the_same_per_megabyte_at_any_size(encoding: str) -> None:
    small = _document(SMALL).encode(encoding)
    large = _document(LARGE).encode(encoding)
    if encoding == "cp1252":
        assert decode_bytes(large)[1] == "cp1252"  # type: ignore[index]
    best_small = best_large = float("inf")
    for _ in range(3):
        best_small = min(best_small, _cost_per_mb(small))
        best_large = min(best_large, _cost_per_mb(large))
    growth = best_large / best_small
    assert growth < MAX_GROWTH, (
        f"{encoding}: {best_small:.2f} s/MB at {SMALL:,} bytes, {best_large:.2f} s/MB at "
        f"{LARGE:,} bytes (x{growth:.2f})"
    )


def test_progress_moves_while_one_large_file_is_read_and_cleaned(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    data = _document(2_000_000).encode("cp1252")
    (folder / "rapport.txt").write_bytes(data)
    reports: list[tuple[str, int, int]] = []
    documents, files = read_corpus(folder, 10_000_000, lambda *r: reports.append(r))
    assert len(documents) == 1 and files[0].status == "warning"
    assert {stage for stage, _, _ in reports} == {"read"}
    assert {total for _, _, total in reports} == {len(data)}
    done = [d for _, d, _ in reports]
    assert done == sorted(done) and done[0] == 0 and done[-1] == len(data)
    during = {d for d in done if 0 < d < len(data)}
    assert len(during) >= 10, f"the bar moved {len(during)} times while the file was read"


def _scan_cost_per_char(text: str) -> float:
    started = time.process_time()
    lowercase_words(text)
    return (time.process_time() - started) / len(text)


def test_the_lowercase_word_scan_is_linear_on_a_long_run_without_spaces() -> None:
    """A line of 16,000 '=' (a rule drawn in a text file) took half a minute: quadratic, so
    eight times what eight lines of 2,000 took."""
    short_runs, long_run = ("=" * 2_000 + " ") * 8, "=" * 16_008
    best_small = best_large = float("inf")
    for _ in range(5):
        best_small = min(best_small, _scan_cost_per_char(short_runs))
        best_large = min(best_large, _scan_cost_per_char(long_run))
    assert best_large / best_small < 3, f"x{best_large / best_small:.1f} per character"
