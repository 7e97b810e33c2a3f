"""Draw the seeded random sample of entities used to judge precision by hand.

    python -m filature.extract.sample [FOLDER] [--size 50] [--seed 20240601]

Prints one line per sampled entity (type, name, mentions, aliases) for a reviewer to mark.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from pathlib import Path

from filature.models import Entity

DEFAULT_SEED = 20240601
DEFAULT_SIZE = 50


def draw(
    entities: Sequence[Entity], size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED
) -> list[Entity]:
    """``size`` entities drawn uniformly without replacement with a fixed seed."""
    rng = random.Random(seed)
    return sorted(rng.sample(list(entities), min(size, len(entities))), key=lambda e: e.key)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the pipeline on a folder of .txt files and print the sample."""
    from filature.extract.run import extract_all as extract
    from filature.ingest.document import load_document
    from filature.ingest.read import read_source
    from filature.models import Document, SourceText

    args = list(sys.argv[1:] if argv is None else argv)
    size = int(args[args.index("--size") + 1]) if "--size" in args else DEFAULT_SIZE
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else DEFAULT_SEED
    positional = [
        a
        for i, a in enumerate(args)
        if not a.startswith("--") and (i == 0 or not args[i - 1].startswith("--"))
    ]
    folder = Path(positional[0]) if positional else Path("seeds")
    documents: list[Document] = []
    for path in sorted(folder.glob("*.txt")):
        source = read_source(path, folder)
        if isinstance(source, SourceText):
            documents.append(load_document(source))
    extraction = extract(documents)
    sample = draw(extraction.entities, size, seed)
    print(f"{len(extraction.entities)} entities; sample of {len(sample)} (seed {seed})")
    for n, e in enumerate(sample, 1):
        others = "; ".join(a for a in e.aliases if a != e.name)
        print(f"{n:2d}. [{e.type}] {e.name} ({len(e.mentions)} mentions) {others}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
