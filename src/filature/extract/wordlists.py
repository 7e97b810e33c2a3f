"""Word lists as data: a record whose fields each name the list of a ``data/`` TOML file they
hold, filled by one loader."""

from __future__ import annotations

from dataclasses import Field, field, fields
from typing import Any, ClassVar, Literal, Self

from filature.extract.lexicon import read_data
from filature.text import fold, folded

Kind = Literal["set", "tuple", "raw"]


def listed(table: str, key: str, kind: Kind = "set") -> Any:
    """A field holding the list ``key`` of ``[table]``: folded into a set (``"set"``), folded
    in file order (``"tuple"``) or as written, in file order (``"raw"``)."""
    return field(metadata={"listed": (table, key, kind)})


class WordLists:
    """A frozen dataclass of ``listed`` fields read from ``data/<FILE>``."""

    FILE: ClassVar[str]
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @classmethod
    def load(cls) -> Self:
        """The record filled from its file (read once)."""
        loaded = _LOADED.get(cls)
        if not isinstance(loaded, cls):
            loaded = _LOADED[cls] = cls._read()
        return loaded

    @classmethod
    def _read(cls) -> Self:
        data = read_data(cls.FILE)
        values: dict[str, object] = {}
        for f in fields(cls):
            table, key, kind = f.metadata["listed"]
            words: list[str] = data[table][key]
            if kind == "set":
                values[f.name] = folded(words)
            else:
                values[f.name] = tuple(fold(w) for w in words) if kind == "tuple" else tuple(words)
        return cls(**values)


_LOADED: dict[type[WordLists], WordLists] = {}
