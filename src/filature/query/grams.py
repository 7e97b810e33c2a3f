"""The fuzzy index's character grams: trigrams of the folded, space-free forms and one- and
two-character word starts, each packed in one int64 key, computed over whole chunks of
strings with numpy."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Int32s = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float64]

# A gram is three code points packed in 63 bits. Word starts of one or two characters (for
# queries too short for a trigram) use a marker just above Unicode's range as first character.
BITS = 21
PREFIX_1 = 0x110000
PREFIX_2 = 0x110001
SPACE = ord(" ")
EMPTY: Int32s = np.zeros(0, dtype=np.int32)


def gram_key(a: int, b: int, c: int) -> int:
    """Three code points packed in one key."""
    return (a << (2 * BITS)) | (b << BITS) | c


def query_grams(compact: str) -> list[int]:
    """The distinct trigram keys of a space-free query, ascending."""
    return sorted({gram_key(*map(ord, compact[i : i + 3])) for i in range(len(compact) - 2)})


def prefix_key(word: str) -> int:
    if len(word) == 1:
        return gram_key(PREFIX_1, 0, ord(word))
    return gram_key(PREFIX_2, ord(word[0]), ord(word[1]))


def sorted_unique(values: Ints) -> Ints:
    """The distinct values, ascending (numpy's hash-based ``unique`` is slower here)."""
    values = np.sort(values)
    keep = np.ones(len(values), dtype=bool)
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def string_numbers(ends: npt.NDArray[np.bool_], first: int) -> Int32s:
    """For each position, the number of the string it belongs to (``ends`` marks the NULs)."""
    before = np.cumsum(ends, dtype=np.int32)
    before -= ends
    before += first
    return before


def chunk_grams(joined: str, first: int) -> tuple[Ints, Int32s]:
    """(gram key, string number) of every trigram of the space-free forms and every one- and
    two-character word start of NUL-terminated folded strings, numbered from ``first``."""
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    gap = (cp == 0) | (cp == SPACE)
    string = string_numbers(cp == 0, first)
    start = ~gap
    start[1:] &= gap[:-1]
    two = start[:-1] & ~gap[1:]
    keys = [
        (PREFIX_1 << (2 * BITS)) | cp[start],
        (PREFIX_2 << (2 * BITS)) | (cp[:-1][two] << BITS) | cp[1:][two],
    ]
    owners = [string[start], string[:-1][two]]
    solid = cp != SPACE
    cp, string = cp[solid], string[solid]
    a, b, c = cp[:-2], cp[1:-1], cp[2:]
    tri = (a != 0) & (b != 0) & (c != 0)
    keys.append(((a << (2 * BITS)) | (b << BITS) | c)[tri])
    owners.append(string[:-2][tri])
    return np.concatenate(keys), np.concatenate(owners)
