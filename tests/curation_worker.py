"""A separate process making curation decisions through the app's session API, for the
concurrency tests: ``python curation_worker.py DB GO_FILE rename|merge NAME...``.

It waits until GO_FILE exists (so that several workers start together), then records one
decision per name (a rename to "NAME (renamed)", or, for merge, each pair of names: the first
into the second) and prints one line per decision: "ok" or the error."""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

from filature.curation.entries import CurationError
from filature.curation.session import CurationSession
from filature.curation.steps import new_entry


def main(db: Path, go: Path, kind: str, names: list[str]) -> None:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    session = CurationSession(db, conn)
    conn.close()
    while not go.exists():
        time.sleep(0.005)
    if kind == "rename":
        entries = [new_entry("rename", name=n, to=f"{n} (renamed)") for n in names]
    else:
        pairs = zip(names[::2], names[1::2], strict=True)
        entries = [new_entry("merge", into=b, names=[a]) for a, b in pairs]
    for entry in entries:
        try:
            session.decide(entry)
            print("ok", flush=True)
        except CurationError as exc:
            print(f"error: {exc}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4:])
