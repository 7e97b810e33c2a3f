"""Relations between entities: typed relations stated in the text, and co-occurrences.

Per parsed passage, ``find_candidates(doc, mentions)``; per document, ``find_table_candidates``
over its table passages and ``bench_candidates`` over its court composition; then, once
mentions have entity keys, ``resolve`` and ``cooccurrences``.
"""

from filature.extract.relations.bench import (
    BenchRole,
    Court,
    bench_candidates,
    courts_named,
    find_bench_roles,
)
from filature.extract.relations.finder import find_candidates
from filature.extract.relations.resolve import cooccurrences, resolve
from filature.extract.relations.table import find_table_candidates
from filature.extract.relations.types import MentionSpan, RelationCandidate, TableResult

__all__ = [
    "BenchRole",
    "Court",
    "MentionSpan",
    "RelationCandidate",
    "TableResult",
    "bench_candidates",
    "cooccurrences",
    "courts_named",
    "find_bench_roles",
    "find_candidates",
    "find_table_candidates",
    "resolve",
]
