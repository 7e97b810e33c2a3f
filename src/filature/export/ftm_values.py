"""followthemoney values without the followthemoney library: ids, cleaning, country codes.

The export writes followthemoney JSON lines directly (the library pulls in PyICU, which has no
wheel and must be compiled). Each function here reproduces what ``followthemoney`` 4 does for
the property types the export uses, so that the library, when installed, reads every line back
unchanged; the tests check this against the library (``pip install 'filature[ftm]'``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache
from hashlib import sha1
from importlib.resources import files

_ENTITY_PROPS = ("proof", "director", "organization", "employee", "employer", "member",
                 "participant", "project", "payer", "beneficiary", "subject", "object")  # fmt: skip
# Property name -> (value type, maximum length), for every property the export writes.
PROPERTIES: dict[str, tuple[str, int]] = {
    **dict.fromkeys(("name", "alias"), ("name", 384)),
    **dict.fromkeys(
        ("title", "fileName", "encoding", "publisher", "role", "currency"), ("string", 1024)
    ),
    **dict.fromkeys(("description", "summary"), ("text", 65000)),
    "full": ("address", 250),
    "country": ("country", 16),
    "mimeType": ("mimetype", 250),
    "amount": ("number", 250),
    **dict.fromkeys(("date", "startDate"), ("date", 32)),
    **dict.fromkeys(_ENTITY_PROPS, ("entity", 200)),
}

_SPACES = frozenset(chr(c) for c in (*range(0x2000, 0x200B), 0x2028, 0x2029, 0x0A00, 0x1680,
                                     0x202F, 0x205F, 0x3000))  # fmt: skip
_DELETE = (
    *range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0),
    *range(0x200B, 0x2010), 0x061C, *range(0x2060, 0x2065), 0x00AD, 0xFEFF, *range(0xD800, 0xE000),
)  # fmt: skip
_UNSAFE = re.compile("[" + "".join(re.escape(c) for c in {*_SPACES, *map(chr, _DELETE)}) + "]")
_COLLAPSE_REMOVE = re.compile("[\u200b\u200c\u200d\ufeff\u00ad\u2060-\u2064]")
_COLLAPSE = re.compile(r"[\s\u2028\u2000-\u200a\u2029\u0a00\u1680\u202f\u205f\u3000]+")
_QUOTES = re.compile(r'^["\'](.*)["\']$')
_LINE_BREAKS = re.compile(r"(\r\n|\n|<BR/>|<BR>|\t|ESQ\.,|ESQ,|;)")
_COMMATA = re.compile(r"(,\s?[,\.])")
_ENTITY_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z\.\-]*[0-9a-zA-Z])?$")
_DATE = re.compile(r"^\s*([12]\d{3})\b(?:-(\d{1,2})\b(?:-(\d{1,2}))?)?")
MIME_TYPES = frozenset({"text/plain", "text/markdown"})


def make_id(*parts: str | None) -> str:
    """The entity id followthemoney's ``make_id`` gives these parts (SHA-1 of the parts)."""
    digest = sha1()
    for part in parts:
        text = (part or "").strip()
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def _sanitize(text: str) -> str | None:
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub(lambda m: " " if m.group() in _SPACES else "", text).strip()
    return text or None


def _squash(text: str) -> str:
    return _COLLAPSE.sub(" ", _COLLAPSE_REMOVE.sub("", text)).strip(" ")


def clean_date(text: str) -> str | None:
    """An ISO date prefix (``2016``, ``2016-11``, ``2016-11-10``) as followthemoney keeps it."""
    match = _DATE.match(text)
    if match is None or int(match.group(1)) < 1000:
        return None
    year, precision = int(match.group(1)), 10
    month = int(match.group(2)) if match.group(2) else 0
    if month < 1:
        month, precision = 1, 4
    day = int(match.group(3)) if match.group(3) else 0
    if day < 1:
        day, precision = 1, min(precision, 7)
    try:
        return date(year, month, day).isoformat()[:precision]
    except ValueError:
        return None


def _type_clean(kind: str, text: str) -> str | None:
    if kind == "name":
        text = _squash(_QUOTES.sub(r"\1", text))
    elif kind == "address":
        text = _squash(_COMMATA.sub(", ", _LINE_BREAKS.sub(", ", text)))
    elif kind == "date":
        return clean_date(text)
    elif kind == "entity":
        return text if _ENTITY_ID.match(text) else None
    elif kind == "mimetype":
        return text if text in MIME_TYPES else None
    elif kind == "country":
        code = text.lower().strip()
        return code if code in country_codes() else None
    return text or None


def clean_value(prop: str, value: str) -> str | None:
    """``value`` as followthemoney stores it in ``prop``, or None when it would be dropped.

    Like the library: cut to the property's length, kept only if valid, then cleaned.
    """
    kind, max_length = PROPERTIES[prop]
    value = value[:max_length]
    checked = _type_clean(kind, value)
    if checked is None or len(checked) > max_length:
        return None
    sanitized = _sanitize(value)
    return None if sanitized is None else _type_clean(kind, sanitized)


_SKIP = frozenset(".()[],;:_-/ʻ'’")
_LATIN = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i",
                        "þ": "th", "ð": "d", "ħ": "h", "ŧ": "t", "ŀ": "l", "‘": "'", "–": "-",
                        "—": "-", "⁄": "/"})  # fmt: skip


def territory_key(name: str) -> str:
    """A place name folded as the territory table's keys are (accents, case, punctuation)."""
    text = unicodedata.normalize("NFKD", name.casefold()).translate(_LATIN)
    kept = (c for c in text if c not in _SKIP and not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in kept).split())


@cache
def _territories() -> dict[str, str]:
    table: dict[str, str] = {}
    text = files("filature.export").joinpath("data/territories.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, code = line.split("\t")
            table[key] = code
    return table


@cache
def country_codes() -> frozenset[str]:
    """Every followthemoney country code the territory table can give."""
    return frozenset(code.rstrip("*") for code in _territories().values())


def place_country(name: str) -> tuple[str | None, bool]:
    """The country code of a place name, and whether the name is the country itself.

    Codes (``CN``, ``FRA``) are looked up before names, as ``rigour.territories`` does.
    """
    table = _territories()
    code = table.get("=" + name.lower().replace("_", "-").strip())
    if code is None:
        code = table.get(territory_key(name))
    if code is None:
        return None, False
    return code.rstrip("*"), code.endswith("*")
