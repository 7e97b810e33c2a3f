"""Zip packages of XML parts (DOCX, ODT) read safely: bounded sizes, no DTD, no entities.

A part larger than ``PART_MAX`` once decompressed, or a package whose parts add up to more
than ``PACKAGE_MAX``, is refused (a zip bomb would otherwise fill the memory); XML with a
document type declaration is refused, so neither entity expansion nor external resources
can be used against the reader.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from datetime import date
from xml.etree import ElementTree
from xml.parsers import expat

from filature.ingest.formats.base import Unreadable

PART_MAX = 64 * 1024 * 1024
PACKAGE_MAX = 256 * 1024 * 1024
_CHUNK = 1024 * 1024


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


class Package:
    """An opened zip package: its parts by name, read at most once each within the caps."""

    def __init__(self, data: bytes, kind: str, part_max: int | None = None) -> None:
        self.kind = kind
        self.part_max = PART_MAX if part_max is None else part_max
        self.read_total = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as error:
            raise Unreadable(
                f"corrupt or truncated {kind} file: not a zip package ({error})"
            ) from None
        except (OSError, ValueError, EOFError) as error:
            raise Unreadable(f"corrupt or truncated {kind} file ({error})") from error
        self.names = frozenset(self.zip.namelist())
        if any(info.flag_bits & 0x1 for info in self.zip.infolist()):
            raise Unreadable(f"encrypted {kind} file: its parts are password-protected")

    def has(self, name: str) -> bool:
        """Whether the package holds a part called ``name``."""
        return name in self.names

    def read(self, name: str) -> bytes:
        """A part's bytes, decompressed in chunks and refused past the caps."""
        try:
            with self.zip.open(name) as part:
                chunks: list[bytes] = []
                size = 0
                while chunk := part.read(_CHUNK):
                    size += len(chunk)
                    self.read_total += len(chunk)
                    if size > self.part_max:
                        raise Unreadable(
                            f"{self.kind} part {name} is over {_megabytes(self.part_max)} "
                            "once decompressed (a zip bomb?)"
                        )
                    if self.read_total > PACKAGE_MAX:
                        raise Unreadable(
                            f"{self.kind} file is over {_megabytes(PACKAGE_MAX)} "
                            "once decompressed (a zip bomb?)"
                        )
                    chunks.append(chunk)
        except KeyError as error:
            raise Unreadable(f"not a {self.kind} file: it has no {name}") from error
        except RuntimeError as error:  # zipfile's "encrypted, password required"
            raise Unreadable(f"encrypted {self.kind} file ({error})") from error
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
            raise Unreadable(f"corrupt or truncated {self.kind} file: {name} ({error})") from None
        return b"".join(chunks)

    def xml(self, name: str) -> ElementTree.Element:
        """A part parsed as XML (see ``parse_xml``)."""
        return parse_xml(self.read(name), f"{self.kind} part {name}")


class _Forbidden(Exception):
    pass


def _refuse(*_args: object) -> None:
    raise _Forbidden


def _refuse_reference(*_args: object) -> int:
    raise _Forbidden


def _name(raw: str) -> str:
    return "{" + raw if "}" in raw else raw


def parse_xml(data: bytes, what: str) -> ElementTree.Element:
    """Parse XML that may not declare a document type (hence no entities, no external
    references); anything else wrong is ``Unreadable`` naming ``what``."""
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse_reference
    parser.StartElementHandler = lambda tag, attrs: builder.start(
        _name(tag), {_name(k): v for k, v in attrs.items()}
    )
    parser.EndElementHandler = lambda tag: builder.end(_name(tag))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
        return builder.close()
    except _Forbidden:
        raise Unreadable(f"{what} declares a DTD or entities: refused") from None
    except (expat.ExpatError, AssertionError) as error:
        raise Unreadable(f"{what} is not well-formed XML ({error})") from None


_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) from the start of a timestamp, if valid."""
    if not value:
        return None
    match = _ISO.match(value)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if int(year) < 1000:
        return None
    return "-".join(part for part in (year, month, day) if part)


_JUNK_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - |untitled|sans titre|document\d*$|titre$)"
    r"|\.(?:docx?|odt|rtf|pdf|txt)$",
    re.IGNORECASE,
)


def clean_title(value: str | None) -> str | None:
    """A declared title worth keeping: stripped, one line, not a file name or a template
    placeholder ("Microsoft Word - rapport.doc", "Untitled")."""
    if value is None:
        return None
    text = " ".join(value.split())
    if not text or _JUNK_TITLE.search(text):
        return None
    return text


def declared(
    nodes: Iterable[ElementTree.Element], authors: Sequence[str], dates: Sequence[str]
) -> tuple[str | None, str | None, str | None]:
    """The title, author and date a package's metadata part declares: the first text of each
    element by name (namespace aside); the author and the date are the first found of the
    names in ``authors`` and ``dates``."""
    values: dict[str, str] = {}
    for node in nodes:
        if node.text and node.text.strip():
            values.setdefault(node.tag.rpartition("}")[2], node.text.strip())
    author = next((values[name] for name in authors if values.get(name)), None)
    found = (iso_date(values.get(name)) for name in dates)
    return clean_title(values.get("title")), author, next((d for d in found if d), None)
