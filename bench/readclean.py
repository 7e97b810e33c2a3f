"""Reading and cleaning timed apart, in one process, on a first run (nothing cached): where the
time of the build's first stage goes, file by file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.report import Figure


def measure_read_clean(corpus: Path, label: str) -> tuple[list[Figure], dict[str, Any]]:
    """Seconds spent reading (bytes to text) and cleaning and splitting (text to passages)."""
    from filature.build import DEFAULT_MAX_BYTES
    from filature.ingest.discover import discover_files
    from filature.ingest.document import load_document
    from filature.ingest.read import read_source
    from filature.models import SourceText

    paths, _ = discover_files(corpus)
    read = clean = 0.0
    size = passages = 0
    for path in paths:
        started = time.perf_counter()
        source = read_source(path, corpus, DEFAULT_MAX_BYTES)
        loaded = time.perf_counter()
        read += loaded - started
        if not isinstance(source, SourceText):
            continue
        size += path.stat().st_size
        passages += len(load_document(source).passages)
        clean += time.perf_counter() - loaded
    mb = size / 1e6
    details: dict[str, Any] = {"files": len(paths), "bytes": size, "passages": passages}
    details |= {"read_seconds": read, "clean_split_seconds": clean}
    figures = [
        Figure(
            "stages.read",
            f"Reading, one process, first run ({label})",
            read / mb if mb else float("nan"),
            "s/MB",
            note=f"{read:.2f} s for {len(paths):,} files, {mb:.1f} MB (bytes to text)",
        ),
        Figure(
            "stages.clean",
            f"Cleaning and splitting, one process, first run ({label})",
            clean / mb if mb else float("nan"),
            "s/MB",
            note=f"{clean:.2f} s, {passages:,} passages",
        ),
    ]
    return figures, details
