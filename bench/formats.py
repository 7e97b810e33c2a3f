"""``python -m bench.formats``: PDF text extraction per page and HTML per MB.

On the PDFs and saved pages of ``../shared/corpora`` (or any folders given): the chosen
libraries alone (pypdfium2, trafilatura) against filature's readers (the library plus pages,
footnotes and hyphen joins, in the child process of the time and memory budget), and, when
they are installed, pypdf and pdfminer.six, the alternatives considered for PDF. Prints a
Markdown table; ``--out`` writes it to a file too.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench.procs import CORPORA
from bench.report import Figure
from filature.ingest.formats.budget import run_reader
from filature.ingest.formats.html import decode_html, read_html
from filature.ingest.formats.pdf import read_pdf

RATIO = 0.7
"""The library alone ÷ filature's reader, in throughput: at least this."""


def _best(functions: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The fastest of ``rounds`` runs of each function, in seconds; the functions take turns
    within a round, so that a busy moment of the machine falls on all of them alike."""
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(rounds):
        for name, function in functions.items():
            started = time.perf_counter()
            function()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def _pdfium_alone(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return "\f".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def _pypdf(data: bytes) -> str:
    import pypdf

    return "\f".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(io.BytesIO(data)))


def _available(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


def _pdf_ways() -> dict[str, Callable[[bytes, Path], object]]:
    ways: dict[str, Callable[[bytes, Path], object]] = {
        "pypdfium2 alone": lambda data, path: _pdfium_alone(data),
        "filature read_pdf": read_pdf,
        "filature (budgeted child)": lambda data, path: run_reader(read_pdf, data, path),
    }
    if _available("pypdf"):
        ways["pypdf"] = lambda data, path: _pypdf(data)
    if _available("pdfminer"):
        ways["pdfminer.six"] = lambda data, path: _pdfminer(data)
    return ways


def pdf_timings(folder: Path, rounds: int) -> dict[str, Any]:
    """Per PDF of ``folder``: its pages and the seconds (best of ``rounds``) of each way of
    reading it; totals per way and the ratio pypdfium2 alone ÷ filature's reader."""
    ways = _pdf_ways()
    files: list[dict[str, Any]] = []
    totals = dict.fromkeys(ways, 0.0)
    for path in sorted(folder.glob("*.pdf")):
        data = path.read_bytes()
        seconds = _best({way: partial(f, data, path) for way, f in ways.items()}, rounds)
        files.append(
            {"name": path.name, "pages": len(read_pdf(data, path).page_starts)}
            | {"seconds": seconds}
        )
        for way, value in seconds.items():
            totals[way] += value
    pages = sum(f["pages"] for f in files)
    ratio = totals["pypdfium2 alone"] / totals["filature read_pdf"] if pages else float("nan")
    return {"ways": list(ways), "files": files, "pages": pages, "totals": totals, "ratio": ratio}


def pdf_rows(timings: dict[str, Any]) -> list[str]:
    """One Markdown row per PDF: milliseconds per page for each way of reading it."""
    ways = timings["ways"]
    rows = ["| PDF | pages | " + " | ".join(f"{way} ms/page" for way in ways) + " |"]
    rows.append("|---|---:|" + "---:|" * len(ways))
    for f in timings["files"]:
        cells = [f"{1000 * f['seconds'][way] / f['pages']:.1f}" for way in ways]
        rows.append(f"| {f['name']} | {f['pages']} | " + " | ".join(cells) + " |")
    if timings["pages"]:
        pages = timings["pages"]
        cells = [f"{1000 * timings['totals'][way] / pages:.1f}" for way in ways]
        rows.append(f"| **all** | {pages} | " + " | ".join(cells) + " |")
        rows.append("")
        rows.append(
            f"Ratio pypdfium2 alone ÷ filature read_pdf: **{timings['ratio']:.2f}** (target ≥ 0.7)."
        )
    return rows


def html_timings(folder: Path, rounds: int) -> dict[str, Any]:
    """Seconds (best of ``rounds``) for every saved page of ``folder``: trafilatura alone and
    filature's reader; the ratio of the two."""
    import trafilatura

    pages = [(path, path.read_bytes()) for path in sorted(folder.glob("*.htm*"))]
    if not pages:
        return {"pages": 0}

    def alone() -> None:
        for _, data in pages:
            trafilatura.extract(decode_html(data)[0], include_tables=True)

    def reader() -> None:
        for path, data in pages:
            read_html(data, path)

    best = _best({"alone": alone, "reader": reader}, rounds)
    a, r = best["alone"], best["reader"]
    size = sum(len(data) for _, data in pages) / (1024 * 1024)
    return {"pages": len(pages), "mb": size, "alone_s": a, "filature_s": r, "ratio": a / r}


def html_rows(timings: dict[str, Any]) -> list[str]:
    """Seconds per MB of saved pages: trafilatura alone against filature's reader."""
    if not timings["pages"]:
        return []
    size = timings["mb"]
    return [
        f"HTML: {timings['pages']} pages, {size:.2f} MB: trafilatura.extract alone "
        f"{timings['alone_s'] / size:.2f} s/MB, filature read_html (with metadata, declared date "
        f"only) {timings['filature_s'] / size:.2f} s/MB, ratio {timings['ratio']:.2f}.",
    ]


def measure_formats(pdf: Path, html: Path, rounds: int) -> tuple[list[Figure], dict[str, Any]]:
    """The two throughput ratios (filature's reader ÷ the library alone; target ≥ 0.7)."""
    details: dict[str, Any] = {"rounds": rounds}
    figures: list[Figure] = []
    if not pdf.is_dir() and not html.is_dir():
        raise FileNotFoundError(f"neither {pdf} nor {html} is a folder")
    if pdf.is_dir():
        t = details["pdf"] = pdf_timings(pdf, rounds) | {"folder": str(pdf)}
        ms = {way: 1000 * v / t["pages"] for way, v in t["totals"].items()} if t["pages"] else {}
        figures.append(
            Figure(
                "formats.pdf_ratio",
                "PDF extraction throughput, filature's reader ÷ pypdfium2 alone",
                t["ratio"],
                "",
                target=RATIO,
                bound="min",
                note=f"{len(t['files'])} PDFs, {t['pages']} pages, best of {rounds}, in turns; "
                + "ms/page: "
                + ", ".join(f"{way} {v:.1f}" for way, v in ms.items()),
            )
        )
    if html.is_dir():
        t = details["html"] = html_timings(html, rounds) | {"folder": str(html)}
        if t["pages"]:
            figures.append(
                Figure(
                    "formats.html_ratio",
                    "HTML extraction throughput, filature's reader ÷ trafilatura alone",
                    t["ratio"],
                    "",
                    target=RATIO,
                    bound="min",
                    note=f"{t['pages']} pages, {t['mb']:.2f} MB, best of {rounds}: trafilatura "
                    f"{t['alone_s'] / t['mb']:.2f} s/MB, filature read_html (metadata too) "
                    f"{t['filature_s'] / t['mb']:.2f} s/MB",
                )
            )
    return figures, details


def main(argv: list[str] | None = None) -> None:
    """Measure and print (and write with ``--out``)."""
    parser = argparse.ArgumentParser(prog="python -m bench.formats", description=__doc__)
    parser.add_argument("--pdf", type=Path, default=CORPORA / "pdf")
    parser.add_argument("--html", type=Path, default=CORPORA / "html")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    lines = [f"# Formats: {time.strftime('%Y-%m-%d')}", ""]
    if args.pdf.is_dir():
        lines += pdf_rows(pdf_timings(args.pdf, args.rounds))
    else:
        lines.append(f"PDF: {args.pdf} is absent")
    lines.append("")
    if args.html.is_dir():
        lines += html_rows(html_timings(args.html, args.rounds))
    else:
        lines.append(f"HTML: {args.html} is absent")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
