"""Child process of tests/test_memory_growth.py: the corpus steps of a build over one large
document, with its peak resident memory.

``python tests/memory_child.py DOC.json COPIES OUT.json``: DOC.json holds one analysed document
(its Document fields and its DocumentResult); the child makes one document of COPIES copies
of it (its passages and its analysis repeated, offsets shifted, then one passage naming
"İmralı", a letter whose lowercase is two characters, as real corpora do), caches that
analysis, then runs what a build runs after spaCy: merging, relations and the database write.
OUT.json gets the text size, the resident memory before those steps and their peak.
"""

from __future__ import annotations

import gc
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from filature.extract.mentions import PassageAcronym
from filature.extract.result import DocumentResult
from filature.extract.run import document_key, extract_all, pipeline_version
from filature.models import Document, Passage
from filature.store.cache import AnalysisCache
from filature.store.writer import write_database

LAST_PASSAGE = "Abdullah Öcalan est détenu depuis 1999 sur l'île d'İmralı, au large d'Istanbul."


def _status(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _repeat(document: Document, result: DocumentResult, copies: int) -> tuple[Document, Any]:
    """One document made of ``copies`` copies of ``document``, with its analysis."""
    n, width = len(document.passages), len(document.text) + 1
    passages: list[Passage] = []
    mentions, acronyms, dropped, candidates = [], [], [], []
    a = result.analysis
    for k in range(copies):
        shift = k * n
        passages += [
            replace(p, seq=p.seq + shift, start=p.start + k * width, end=p.end + k * width)
            for p in document.passages
        ]
        mentions += [replace(m, passage_seq=m.passage_seq + shift) for m in a.mentions]
        acronyms += [PassageAcronym(x.passage_seq + shift, x.definition) for x in a.acronyms]
        dropped += [replace(d, passage_seq=d.passage_seq + shift) for d in a.dropped]
        candidates += [(seq + shift, c) for seq, c in result.candidates]
    text = "\n".join([document.text] * copies) + "\n" + LAST_PASSAGE
    start = copies * width
    passages.append(Passage(copies * n, start, len(text), 0, 0, "body", LAST_PASSAGE))
    big = replace(document, text=text, passages=tuple(passages))
    analysis = replace(
        a, mentions=tuple(mentions), acronyms=tuple(acronyms), dropped=tuple(dropped)
    )
    return big, DocumentResult(analysis, tuple(candidates))


def main() -> None:
    """Build the large document's database; write the memory figures as JSON."""
    source, copies, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    data = json.loads(source.read_text(encoding="utf-8"))
    fields = data["document"]
    passages = tuple(Passage(**p) for p in fields.pop("passages"))
    document = Document(**fields, passages=passages)
    big, result = _repeat(document, DocumentResult.from_dict(data["result"]), copies)
    del document, data
    with tempfile.TemporaryDirectory() as tmp:
        cache = AnalysisCache(Path(tmp) / "analyses.cache")
        cache.put(document_key(big), pipeline_version(), result.to_dict())
        del result
        gc.collect()
        before = _status("VmRSS")
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")  # peak := now
        extraction = extract_all([big], cache=cache)
        cache.close()
        write_database(Path(tmp) / "f.db", [big], extraction, [], {})
        peak = _status("VmHWM")
    figures = {
        "chars": len(big.text),
        "bytes": len(big.text.encode("utf-8")),
        "before": before,
        "peak": peak,
        "entities": len(extraction.entities),
        "relations": len(extraction.relations),
    }
    out.write_text(json.dumps(figures), encoding="utf-8")


if __name__ == "__main__":
    main()
