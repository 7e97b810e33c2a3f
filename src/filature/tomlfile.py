"""The analyst's TOML files (``curation.toml``, ``notes.toml``, ``documents.toml``) read one
way: the file's bytes (a folder, a pipe or an unreadable file refused), its UTF-8 text, its
``[[section]]`` tables and each entry checked, every problem a ``problems.CurationError`` (or
the caller's subclass) naming the file, the line and column and the fix."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from filature.problems import (
    CurationError,
    EntryError,
    Locator,
    did_you_mean,
    not_utf8,
    syntax_error,
)

T = TypeVar("T")


@dataclass(frozen=True)
class TableEntry:
    """One ``[[section]]`` table of an analyst's file: its section and its keys, as read."""

    section: str
    data: dict[str, Any]

    def get(self, key: str) -> Any:
        """A key's value, or None."""
        return self.data.get(key)


def file_bytes(path: Path, kind: str | None, error: type[CurationError] = CurationError) -> bytes:
    """The bytes of the analyst's file at ``path`` (none when it does not exist). A folder
    raises ``error`` saying it is not a ``kind`` (not a regular file when ``kind`` is None),
    and so do a pipe and an unreadable file."""
    if kind is not None and path.is_dir():
        action = f"move the folder {{file}} away; the {kind} is a TOML text file"
        raise error(f"this is a folder, not a {kind}", path=path, action=action)
    if path.exists() and not path.is_file():  # a pipe would make the build wait forever
        action = "replace {file} by a TOML text file, or remove it"
        raise error("this is not a regular file", path=path, action=action)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
    except OSError as exc:
        reason = f"cannot be read ({exc.strerror or exc})"
        raise error(reason, path=path, action="chmod u+r {file}") from exc


def decode_file(
    data: bytes, path: Path, parse: Callable[[str], T], error: type[CurationError] = CurationError
) -> T:
    """``parse`` applied to the UTF-8 text of the analyst's file at ``path``: every problem
    raises ``error`` naming the file, the line and column and the fix."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(data, exc).at(path, error) from exc
    try:
        return parse(text)
    except CurationError as exc:
        raise exc.at(path, error) from exc


def toml_tables(
    text: str,
    sections: Sequence[str],
    *,
    unknown_fix: str,
    syntax_fix: str | None = None,
    error: type[CurationError] = CurationError,
) -> tuple[dict[str, list[Any]], Locator]:
    """The arrays of tables (``[[section]]``) of an analyst's TOML text, by section, and a
    locator of its text; invalid TOML, a section not among ``sections`` (``unknown_fix``
    says which there are) and one not written ``[[section]]`` raise ``error``."""
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problem = syntax_error(text, exc)
        raise error(
            problem.message,
            line=problem.line,
            column=problem.column,
            fix=syntax_fix or problem.hint,
        ) from exc
    locate = Locator(text)
    for name in sorted(data, key=lambda name: name in sections):  # the unknown ones first
        if name not in sections:
            message, fix = f"unknown section {name!r}{did_you_mean(name, sections)}", unknown_fix
        elif not isinstance(data[name], list):
            message = f"{name} must be written [[{name}]]"
            fix = f"write [[{name}]] (two brackets) on its own line"
        else:
            continue
        line, column = locate.section(name)
        raise error(message, line=line, column=column, fix=fix)
    return data, locate


def checked_entries(
    tables: dict[str, list[Any]],
    locate: Locator,
    section: str,
    check: Callable[[object], T],
    error: type[CurationError] = CurationError,
) -> list[tuple[int | None, T]]:
    """Each entry of ``section`` as ``check`` makes it, with the line it starts on; what
    ``check`` raises is raised as ``error`` at the line of the key at fault."""
    checked: list[tuple[int | None, T]] = []
    for index, item in enumerate(tables.get(section, [])):
        try:
            value = check(item)
        except CurationError as exc:
            raise locate.placed(exc, section, index, error) from exc
        checked.append((locate.entry(section, index, None)[0], value))
    return checked


def section_entries(
    text: str,
    sections: Sequence[str],
    check: Callable[[str, object], T],
    *,
    unknown_fix: str,
    syntax_fix: str | None = None,
    error: type[CurationError] = CurationError,
) -> dict[str, list[tuple[int | None, T]]]:
    """Every entry of an analyst's TOML text by section, as ``check(section, item)`` makes it,
    with the line it starts on (``toml_tables`` and ``checked_entries`` over each section)."""
    tables, locate = toml_tables(
        text, sections, unknown_fix=unknown_fix, syntax_fix=syntax_fix, error=error
    )
    return {
        section: checked_entries(tables, locate, section, partial(check, section), error)
        for section in sections
    }


def table_of(
    section: str, item: object, keys: Sequence[str], fix: str | None = None
) -> dict[str, Any]:
    """The keys of one ``[[section]]`` entry, each one of ``keys``; else ``EntryError``
    (``fix`` says how such an entry is written)."""
    if not isinstance(item, dict):
        raise EntryError(f"each [[{section}]] must be a table", None, fix)
    for key in item:
        if key not in keys:
            raise EntryError(
                f"[[{section}]] has an unknown key {key!r}{did_you_mean(key, keys)}",
                key,
                f"the keys of [[{section}]] are {', '.join(keys)}",
            )
    return dict(item)


def one_of(value: object, choices: Sequence[str], key: str, what: str) -> None:
    """``EntryError`` at ``key`` unless ``value`` is one of ``choices`` (``what`` it is not:
    "unknown type")."""
    if value not in choices:
        name = str(value)
        raise EntryError(
            f"{what} {name!r}{did_you_mean(name, choices)}", key, f"use one of {', '.join(choices)}"
        )


def iso_date(data: dict[str, Any]) -> None:
    """A TOML date or date-time under ``date`` rewritten as its ISO text (entries keep text)."""
    if isinstance(data.get("date"), datetime | date):
        data["date"] = data["date"].isoformat()


def string_keys(section: str, data: dict[str, Any], keys: Sequence[str]) -> None:
    """``EntryError`` at the first of ``keys`` whose value is there and not a string."""
    for key in keys:
        if key in data and not isinstance(data[key], str):
            raise EntryError(f"[[{section}]] {key} must be a string", key, f'write {key} = "..."')
