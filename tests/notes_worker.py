"""A separate process adding notes, for the concurrency test:
``python notes_worker.py NOTES_FILE GO_FILE LABEL COUNT``. It waits until GO_FILE exists, then
adds COUNT notes on entities called "LABEL n" and prints "ok" or the error for each."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from filature.notes.edit import append_note, new_note
from filature.problems import CurationError


def main(path: Path, go: Path, label: str, count: int) -> None:
    while not go.exists():
        time.sleep(0.005)
    for n in range(count):
        try:
            append_note(path, new_note("entity", name=f"{label} {n}", note=f"note {n} of {label}"))
            print("ok", flush=True)
        except CurationError as exc:
            print(f"error: {exc}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
