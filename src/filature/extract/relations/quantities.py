"""Dates, periods and amounts of money found in French text, normalised."""

from __future__ import annotations

import re
from dataclasses import dataclass

from filature.text import fold

_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
_MONTH_RE = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre"
    r"|d[ée]cembre)"
)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DATE = re.compile(
    rf"(?<![\w/])(?:(?P<day>[0-3]?\d)(?:er)?\s+)?(?P<month>{_MONTH_RE})\s+(?P<year>{_YEAR})(?!\d)"
    rf"|(?<![\d/])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>{_YEAR})(?!\d)"
    rf"|(?<![\w/,.])(?P<bare>{_YEAR})(?![\d/]|\s\d{{3}}\b)",
    re.IGNORECASE,
)
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE = r"(?:mil-?\s*liards?|milliards?|millions?|mds?|M)"
_CUR_BEFORE = r"(?:EUR|€|US\s?\$|USD|\$|CNY|RMB|£|GBP)"
_CUR_AFTER = (
    r"(?:euros?|EUR|€|dollars?(?:\s+(?:US|am[ée]ricains?))?|US\s?\$|USD|\$|yuans?|CNY|RMB"
    r"|livres?\s+sterling|£)"
)
_AMOUNT = re.compile(
    rf"(?P<cur1>{_CUR_BEFORE})\s*(?P<n1>{_NUMBER})(?:\s*(?P<s1>{_SCALE})\b)?"
    rf"|(?P<n2>{_NUMBER})\s*(?:(?P<s2>{_SCALE})\s+(?:de\s+|d['’]\s*)?)?(?P<cur2>{_CUR_AFTER})"
)
_SCALES = {"million": 1e6, "milliard": 1e9, "md": 1e9, "m": 1e6}
_RANGE = re.compile(
    rf"(?P<a>[0-3]?\d/[01]?\d/{_YEAR})\s*[-–—]\s*(?P<b>[0-3]?\d/[01]?\d/{_YEAR})"
    rf"|(?<!\d)(?P<ya>{_YEAR})\s*[-–—]\s*(?P<yb>{_YEAR})(?!\d)"
)


@dataclass(frozen=True)
class Spot:
    """Where a value was found: ``[start, end)`` of the text."""

    start: int
    end: int


@dataclass(frozen=True)
class Found(Spot):
    """A normalised value (a date, a period) found in the text."""

    value: str


@dataclass(frozen=True)
class Money(Spot):
    """An amount of money found in the text: value and ISO-like currency code."""

    amount: float
    currency: str


def find_dates(text: str) -> list[Found]:
    """Every date in ``text`` as ISO-ish text: "2004-04-10", "2017-04" or "1984"."""
    found: list[Found] = []
    for m in _DATE.finditer(text):
        if m.group("month"):
            year, month = m.group("year"), _MONTHS[fold(m.group("month"))]
            day = m.group("day")
            value = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        elif m.group("y"):
            value = f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
        else:
            value = m.group("bare")
        found.append(Found(m.start(), m.end(), value))
    return found


def _iso(day_month_year: str) -> str:
    d, m, y = day_month_year.split("/")
    return f"{y}-{int(m):02d}-{int(d):02d}"


def find_periods(text: str) -> list[Found]:
    """Date ranges ("01/01/2017 – 31/12/2017", "2015-2020") as "start/end" values."""
    found: list[Found] = []
    for m in _RANGE.finditer(text):
        if m.group("a"):
            value = f"{_iso(m.group('a'))}/{_iso(m.group('b'))}"
        else:
            value = f"{m.group('ya')}/{m.group('yb')}"
        found.append(Found(m.start(), m.end(), value))
    return found


def _currency(raw: str) -> str:
    f = fold(raw).replace(" ", "")
    if f.startswith(("eur", "€")):
        return "EUR"
    if f.startswith(("yuan", "cny", "rmb")):
        return "CNY"
    if f.startswith(("£", "gbp", "livre")):
        return "GBP"
    return "USD"


def _number(raw: str, scale: str | None) -> float:
    value = float(re.sub(r"[ \u00a0\u202f]", "", raw).replace(",", "."))
    if scale:
        key = re.sub(r"[^a-z]", "", fold(scale)).rstrip("s")
        key = (
            "milliard"
            if key.startswith("milliard") or (key.startswith("mil") and "liard" in key)
            else key
        )
        value *= _SCALES.get(key, 1.0)
    return value


def find_amounts(text: str) -> list[Money]:
    """Every amount of money in ``text`` ("EUR 2 047 000", "3,5 milliards de dollars US")."""
    found: list[Money] = []
    for m in _AMOUNT.finditer(text):
        if m.group("cur1"):
            amount = _number(m.group("n1"), m.group("s1"))
            currency = _currency(m.group("cur1"))
        else:
            amount = _number(m.group("n2"), m.group("s2"))
            currency = _currency(m.group("cur2"))
        found.append(Money(m.start(), m.end(), amount, currency))
    return found
