"""Child process of the size series: read and clean one file as the build does, timing each step.

``python -m bench.sizerun FILE --json OUT`` writes the seconds (wall and CPU) of reading and
decoding, of cleaning and splitting, the passage count and the encoding found.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    """Read, decode, clean and split the file; write the timings as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args()
    from filature.build import DEFAULT_MAX_BYTES
    from filature.ingest.document import load_document
    from filature.ingest.read import read_source
    from filature.models import SourceText

    wall, cpu = time.perf_counter(), time.process_time()
    source = read_source(args.file, args.file.parent, DEFAULT_MAX_BYTES)
    if not isinstance(source, SourceText):
        raise SystemExit(f"{args.file}: skipped: {source.reason}")
    read_wall, read_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    document = load_document(source)
    clean_wall, clean_cpu = time.perf_counter() - wall, time.process_time() - cpu
    result = {
        "bytes": args.file.stat().st_size,
        "encoding": source.encoding,
        "read_seconds": read_wall,
        "read_cpu_seconds": read_cpu,
        "clean_seconds": clean_wall,
        "clean_cpu_seconds": clean_cpu,
        "passages": len(document.passages),
    }
    args.json.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
