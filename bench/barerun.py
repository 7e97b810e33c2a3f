"""Child process: bare spaCy over the very passage texts a build feeds it, timed.

``python -m bench.barerun SOURCE --json OUT [--n-process N]``. The corpus is read, cleaned and
split exactly as the build does (untimed); then only ``nlp.pipe`` over every prepared passage,
with the build's components and batch size, is timed, by default with ``n_process`` = the
build's default number of workers (every core).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path


def cpu_seconds() -> float:
    """User + system CPU time of this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    """Time ``nlp.pipe`` over the corpus and write the figures as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("source", type=Path)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument(
        "--n-process", type=int, default=0, help="0: the build's default, every core"
    )
    args = parser.parse_args()

    from filature.build import DEFAULT_MAX_BYTES
    from filature.extract import analyze
    from filature.extract.nlp import load_nlp
    from filature.extract.spans import prepare_text
    from filature.ingest.corpus import read_corpus
    from filature.workers import default_workers

    documents, _ = read_corpus(args.source, DEFAULT_MAX_BYTES, lambda s, d, t: None)
    texts = [prepare_text(p.text) for d in documents for p in d.passages]
    batch_size = int(analyze.BATCH_SIZE)
    n_process = args.n_process or default_workers()
    started, cpu_started = time.perf_counter(), cpu_seconds()
    nlp = load_nlp()
    loaded, cpu_loaded = time.perf_counter(), cpu_seconds()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        tokens += len(doc)
    finished, cpu_finished = time.perf_counter(), cpu_seconds()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "load_seconds": loaded - started,
        "pipe_seconds": finished - loaded,
        "load_cpu_seconds": cpu_loaded - cpu_started,
        "pipe_cpu_seconds": cpu_finished - cpu_loaded,
        "texts": len(texts),
        "chars": sum(len(t) for t in texts),
        "tokens": tokens,
        "documents": len(documents),
        "batch_size": batch_size,
        "n_process": n_process,
        "components": list(nlp.pipe_names),
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "children_peak_rss_mb": children.ru_maxrss / 1024,
    }
    args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
