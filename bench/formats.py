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

from filature.ingest.formats.budget import run_reader
from filature.ingest.formats.html import decode_html, read_html
from filature.ingest.formats.pdf import read_pdf


def _corpora() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "shared" / "corpora").is_dir():
            return parent / "shared" / "corpora"
    return here.parents[2] / "shared" / "corpora"


CORPORA = _corpora()


def _best(function: Callable[[], object], rounds: int) -> float:
    """The fastest of ``rounds`` runs, in seconds."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
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


def pdf_rows(folder: Path, rounds: int) -> list[str]:
    """One row per PDF: milliseconds per page for each way of reading it."""
    rows: list[str] = []
    totals: dict[str, float] = {}
    pages_total = 0
    ways: dict[str, Callable[[bytes, Path], object]] = {
        "pypdfium2 alone": lambda data, path: _pdfium_alone(data),
        "filature read_pdf": read_pdf,
        "filature (budgeted child)": lambda data, path: run_reader(read_pdf, data, path),
    }
    if _available("pypdf"):
        ways["pypdf"] = lambda data, path: _pypdf(data)
    if _available("pdfminer"):
        ways["pdfminer.six"] = lambda data, path: _pdfminer(data)
    rows.append("| PDF | pages | " + " | ".join(f"{way} ms/page" for way in ways) + " |")
    rows.append("|---|---:|" + "---:|" * len(ways))
    for path in sorted(folder.glob("*.pdf")):
        data = path.read_bytes()
        pages = len(read_pdf(data, path).page_starts)
        pages_total += pages
        cells: list[str] = []
        for way, function in ways.items():
            seconds = _best(partial(function, data, path), rounds)
            totals[way] = totals.get(way, 0.0) + seconds
            cells.append(f"{1000 * seconds / pages:.1f}")
        rows.append(f"| {path.name} | {pages} | " + " | ".join(cells) + " |")
    if pages_total:
        cells = [f"{1000 * totals[way] / pages_total:.1f}" for way in ways]
        rows.append(f"| **all** | {pages_total} | " + " | ".join(cells) + " |")
        ratio = totals["pypdfium2 alone"] / totals["filature read_pdf"]
        rows.append("")
        rows.append(f"Ratio pypdfium2 alone ÷ filature read_pdf: **{ratio:.2f}** (target ≥ 0.7).")
    return rows


def html_rows(folder: Path, rounds: int) -> list[str]:
    """Seconds per MB of saved pages: trafilatura alone against filature's reader."""
    import trafilatura

    pages = [(path, path.read_bytes()) for path in sorted(folder.glob("*.htm*"))]
    size = sum(len(data) for _, data in pages) / (1024 * 1024)
    if not pages:
        return []

    def alone() -> None:
        for _, data in pages:
            trafilatura.extract(decode_html(data)[0], include_tables=True)

    def reader() -> None:
        for path, data in pages:
            read_html(data, path)

    a, r = _best(alone, rounds), _best(reader, rounds)
    return [
        f"HTML: {len(pages)} pages, {size:.2f} MB: trafilatura.extract alone {a / size:.2f} s/MB, "
        f"filature read_html (with metadata, declared date only) {r / size:.2f} s/MB, "
        f"ratio {a / r:.2f}.",
    ]


def main(argv: list[str] | None = None) -> None:
    """Measure and print (and write with ``--out``)."""
    parser = argparse.ArgumentParser(prog="python -m bench.formats", description=__doc__)
    parser.add_argument("--pdf", type=Path, default=CORPORA / "pdf")
    parser.add_argument("--html", type=Path, default=CORPORA / "html")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    lines = [f"# Formats: {time.strftime('%Y-%m-%d')}", ""]
    if args.pdf.is_dir():
        lines += pdf_rows(args.pdf, args.rounds)
    else:
        lines.append(f"PDF: {args.pdf} is absent")
    lines.append("")
    if args.html.is_dir():
        lines += html_rows(args.html, args.rounds)
    else:
        lines.append(f"HTML: {args.html} is absent")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
