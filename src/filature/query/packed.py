"""Many strings packed in one bytes object, read back by index (the fuzzy index's names)."""

from __future__ import annotations

from array import array
from typing import Any

import numpy as np
import numpy.typing as npt

from filature.query.grams import Ints


class PackedTexts:
    """Many strings held as one UTF-8 bytes object (a str object each would cost ~50 bytes more
    per string, and one str holding a single emoji takes 4 bytes per character);
    ``sep`` follows every string."""

    def __init__(self, sep: str = "") -> None:
        self._sep = sep.encode()
        self._parts: list[bytes] = []
        self._block: list[str] = []
        self._lengths = array("q")
        self._data = b""
        self._bounds: npt.NDArray[np.signedinteger[Any]] = np.zeros(1, dtype=np.int64)

    def append(self, text: str) -> None:
        """Add a string (before ``freeze``)."""
        self._block.append(text)
        if len(self._block) >= 4096:
            self._flush()

    def _flush(self) -> None:
        if self._block:
            encoded = [text.encode("utf-8", "surrogatepass") for text in self._block]
            self._lengths.extend(map(len, encoded))
            self._parts.append(self._sep.join(encoded) + self._sep)
            self._block = []

    def freeze(self) -> None:
        """Join everything appended; reading works from now on."""
        self._flush()
        self._data = b"".join(self._parts)
        self._parts = []
        lengths = np.frombuffer(self._lengths, dtype=np.int64) + len(self._sep)
        bounds = np.concatenate((np.zeros(1, dtype=np.int64), np.cumsum(lengths)))
        self._bounds = bounds.astype(np.int32) if bounds[-1] < 2**31 else bounds
        self._lengths = array("q")

    def __len__(self) -> int:
        return len(self._bounds) - 1

    def __getitem__(self, index: int) -> str:
        start, end = int(self._bounds[index]), int(self._bounds[index + 1]) - len(self._sep)
        return self._data[start:end].decode("utf-8", "surrogatepass")

    def take(self, indexes: Ints) -> list[str]:
        """The strings at ``indexes``, in that order."""
        data = self._data
        starts = self._bounds[indexes].tolist()
        ends = (self._bounds[indexes + 1] - len(self._sep)).tolist()
        pairs = zip(starts, ends, strict=True)
        return [data[a:b].decode("utf-8", "surrogatepass") for a, b in pairs]

    def joined(self, first: int, last: int) -> str:
        """Strings ``first`` to ``last - 1``, each followed by ``sep``, as one string."""
        start, end = int(self._bounds[first]), int(self._bounds[last])
        return self._data[start:end].decode("utf-8", "surrogatepass")

    @property
    def nbytes(self) -> int:
        """Memory held (roughly)."""
        return len(self._data) + self._bounds.nbytes
