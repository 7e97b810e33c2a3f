"""What is wrong with an analyst's TOML file (``curation.toml``, ``notes.toml``,
``documents.toml``), and where: ``CurationError`` carries the file, the line and column and the
fix; the helpers here find the place of a problem in the file's text (``tomlfile`` reads the
files). Shared by ``curation``, ``notes`` and ``ingest``: imports no layer."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path


class CurationError(ValueError):
    """The curation file cannot be read or has an invalid entry: what is wrong, where (file,
    line and column, when known) and how to fix it."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        column: int | None = None,
        fix: str | None = None,
        action: str | None = None,
    ) -> None:
        """``fix`` says what to change at that line; ``action`` is a whole fix on its own."""
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = fix
        self.action = action

    def at(self, path: Path, kind: type[CurationError] | None = None) -> CurationError:
        """The same error, naming the file it was found in (as a ``kind`` error when given)."""
        return (kind or CurationError)(
            self.message,
            path=path,
            line=self.line,
            column=self.column,
            fix=self.hint,
            action=self.action,
        )

    @property
    def where(self) -> str:
        """The place: the file, line and column, as much of it as is known."""
        parts = [str(self.path)] if self.path is not None else []
        if self.line is not None:
            parts.append(f"line {self.line}")
            if self.column is not None:
                parts.append(f"column {self.column}")
        return ", ".join(parts)

    @property
    def fix(self) -> str:
        """What to do about it."""
        where = f" of {self.path}" if self.path is not None else ""
        if self.action is not None:
            return self.action.format(file=self.path or "the curation file")
        if self.line is not None:
            place = f"correct line {self.line}{where}"
            return f"{place}: {self.hint}" if self.hint else place
        return self.hint or f"correct the curation file{where}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def not_utf8(data: bytes, exc: UnicodeDecodeError) -> CurationError:
    before = data[: exc.start]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    bad = data[exc.start : exc.end].hex(" ").upper()
    return CurationError(
        f"byte {bad} is not UTF-8 (the file is in another encoding)",
        line=before.count(b"\n") + 1,
        column=column,
        action="save {file} as UTF-8",
    )


_TOML_PLACE = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")


def syntax_error(text: str, exc: tomllib.TOMLDecodeError) -> CurationError:
    message = str(exc)
    place = _TOML_PLACE.search(message)
    what = message[: place.start()] if place else message
    lines = text.split("\n")
    if place and place.group(1):
        line, column = int(place.group(1)), int(place.group(2))
    else:
        line, column = len(lines), len(lines[-1]) + 1
    what = (what[:1].lower() + what[1:]) or "invalid TOML"
    if not "".join(lines[line - 1 :]).strip():
        # Past the last line written (an unclosed bracket or string): point at its end.
        filled = [n for n, text in enumerate(lines[: line - 1]) if text.strip()]
        if filled:
            line, column = filled[-1] + 1, len(lines[filled[-1]]) + 1
        what += " at the end of the file"
    return CurationError(
        f"TOML syntax error: {what}",
        line=line,
        column=column,
        fix='each entry is a [[section]] line followed by key = "text" lines',
    )


class EntryError(CurationError):
    """An invalid entry, with the key at fault (to find its line)."""

    def __init__(self, message: str, key: str | None = None, fix: str | None = None) -> None:
        super().__init__(message, fix=fix)
        self.key = key


def key_of(exc: CurationError) -> str | None:
    return exc.key if isinstance(exc, EntryError) else None


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_TABLE = re.compile(r"^([ \t]*)\[\[?[ \t]*([A-Za-z0-9_-]+)")
_KEY = re.compile(r"^([ \t]*)(?:\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+))[ \t]*[=.]")


class Locator:
    """Where sections and keys are written in the text of a curation file (1-based line and
    column), found line by line; (None, None) when the file is written too unusually."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def _tables(self) -> Iterator[tuple[int, str, int]]:
        for n, line in enumerate(self.lines):
            if m := _TABLE.match(line):
                yield n, m.group(2), len(m.group(1)) + 1

    @cached_property
    def _headers(self) -> dict[str, list[int]]:
        """The line index of every table header, by section, found once (an entry is looked
        up for each of a file's thousands of entries)."""
        headers: dict[str, list[int]] = {}
        for n, table, _ in self._tables():
            headers.setdefault(table, []).append(n)
        return headers

    def _key(self, line: str) -> tuple[str, int] | None:
        m = _KEY.match(line)
        if m is None:
            return None
        return next(g for g in m.groups()[1:] if g is not None), len(m.group(1)) + 1

    def section(self, name: str) -> tuple[int | None, int | None]:
        """The first table header or top-level key called ``name``."""
        for n, table, column in self._tables():
            if table == name:
                return n + 1, column
        for n, line in enumerate(self.lines):
            if line.lstrip().startswith("["):
                break
            key = self._key(line)
            if key is not None and key[0] == name:
                return n + 1, key[1]
        return None, None

    def entry(self, section: str, index: int, key: str | None) -> tuple[int | None, int | None]:
        """Entry number ``index`` of ``section``, on the line of ``key`` when given."""
        headers = self._headers.get(section, [])
        if index >= len(headers):
            return None, None
        start = headers[index]
        column = len(self.lines[start]) - len(self.lines[start].lstrip()) + 1
        if key is not None:
            for n in range(start + 1, len(self.lines)):
                if _TABLE.match(self.lines[n]):
                    break
                found = self._key(self.lines[n])
                if found is not None and found[0] == key:
                    return n + 1, found[1]
        return start + 1, column

    def placed(
        self, exc: CurationError, section: str, index: int, kind: type[CurationError] | None = None
    ) -> CurationError:
        """``exc``, found in entry ``index`` of ``section``, at the line and column of its key
        (of the entry, when no key is at fault), as a ``kind`` error when given."""
        line, column = self.entry(section, index, key_of(exc))
        return (kind or CurationError)(
            exc.message, line=line, column=column, fix=exc.hint, action=exc.action
        )
