"""Regular expressions compiled once and remembered between builds.

Loading the French model compiles its tokenizer's patterns (the exceptions' ``TOKEN_MATCH``,
hundreds of kilobytes of alternatives over large character classes): about 2 of the model's
3.5 s load, spent in Python's regular-expression compiler at every load. What that compiler
makes is a list of integers that CPython's ``_sre`` takes back as it is (and validates before
use), so the program of every long pattern compiled while the model loads is kept (by
``store.patternfiles``, in the user's cache folder), keyed by the pattern, its flags and the
interpreter, and a later load skips the compiler. An entry that cannot be read or that
``_sre`` refuses is compiled again as usual; an interpreter without these internals compiles
as usual.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

MIN_LENGTH = 2000
"""Patterns shorter than this compile faster than their program is read back."""


class PatternStore(Protocol):
    """Where compiled programs are kept (``store.patternfiles.PatternFiles``)."""

    def get_pattern(self, key: str, scope: str) -> bytes | None:
        """The program kept under ``key`` for the interpreter ``scope``, or None."""

    def put_pattern(self, key: str, data: bytes, scope: str) -> None:
        """Keep ``data`` under ``key``; entries of other scopes (interpreters) may go."""


def _internals() -> tuple[Any, Any] | None:
    """CPython's pattern compiler and ``_sre``, when they have the shape this module knows."""
    if sys.implementation.name != "cpython":
        return None
    try:
        compiler = importlib.import_module("re._compiler")
        sre = importlib.import_module("_sre")
    except ImportError:
        return None
    needed = (
        callable(getattr(compiler, "compile", None))
        and callable(getattr(compiler, "_code", None))
        and callable(getattr(getattr(compiler, "_parser", None), "parse", None))
        and callable(getattr(sre, "compile", None))
    )
    return (compiler, sre) if needed else None


def scope() -> str:
    """The interpreter a program is valid for: its full version and ``_sre``'s magic number."""
    found = _internals()
    magic = getattr(found[1], "MAGIC", "") if found else ""
    return f"{sys.implementation.cache_tag}-{sys.version}-{magic}"


def pattern_key(pattern: str, flags: int) -> str:
    """The key of a pattern's program: its interpreter, flags and text."""
    digest = hashlib.sha256(f"{scope()}\0{int(flags)}\0{pattern}".encode("utf-8", "surrogatepass"))
    return f"re:{digest.hexdigest()}"


def _program(compiler: Any, pattern: str, flags: int) -> dict[str, Any]:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern``."""
    parsed = compiler._parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return {
        "flags": int(flags | parsed.state.flags),
        "code": [int(c) for c in code],
        "groups": parsed.state.groups - 1,
        "groupindex": groupindex,
        "indexgroup": indexgroup,
    }


def _from_program(sre: Any, pattern: str, program: dict[str, Any]) -> re.Pattern[str]:
    made: re.Pattern[str] = sre.compile(
        pattern,
        program["flags"],
        program["code"],
        program["groups"],
        program["groupindex"],
        tuple(program["indexgroup"]),
    )
    return made


def _read(sre: Any, pattern: str, data: bytes | None) -> re.Pattern[str] | None:
    if data is None:
        return None
    try:
        return _from_program(sre, pattern, json.loads(zlib.decompress(data)))
    except Exception:  # a damaged or refused entry is compiled again
        return None


@contextmanager
def remembered_patterns(store: PatternStore | None) -> Iterator[None]:
    """Within the block, long patterns compile from ``store`` when it holds their program,
    and their program is kept there when it does not. Without a store, or on an interpreter
    whose internals differ, patterns compile as usual."""
    found = _internals()
    if store is None or found is None:
        yield
        return
    compiler, sre = found
    original: Callable[..., Any] = compiler.compile
    tag = scope()

    def compile_remembered(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str) or len(p) < MIN_LENGTH or flags & re.DEBUG:
            return original(p, flags)
        key = pattern_key(p, flags)
        kept = _read(sre, p, store.get_pattern(key, tag))
        if kept is not None:
            return kept
        try:
            program = _program(compiler, p, flags)
            made = _from_program(sre, p, program)
        except Exception:  # internals that changed: the compiler's own way
            return original(p, flags)
        blob = zlib.compress(json.dumps(program, separators=(",", ":")).encode(), 3)
        store.put_pattern(key, blob, tag)
        return made

    compiler.compile = compile_remembered
    try:
        yield
    finally:
        compiler.compile = original
